package dev.switchboard.router.pipeline;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timer thread: publishes {@link Command#TICK} at a fixed interval, so that the engine, which
 * never reads a clock, sees time pass (escalation steps, ring timeouts, wrap-up ends). A tick that
 * meets a full ring is counted and skipped: the next one carries a later time and does the same
 * work.
 */
final class TickAgent implements AutoCloseable {
  private final ScheduledExecutorService timer;
  private final AtomicLong skipped = new AtomicLong();

  TickAgent(CommandPublisher publisher, long intervalMs) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "router-tick");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          if (!publisher.publish(Command.TICK).accepted()) {
            skipped.incrementAndGet();
          }
        },
        intervalMs,
        intervalMs,
        TimeUnit.MILLISECONDS);
  }

  long skipped() {
    return skipped.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
