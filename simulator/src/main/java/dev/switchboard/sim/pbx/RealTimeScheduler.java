package dev.switchboard.sim.pbx;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-thread scheduler on scaled wall-clock time: {@code timeScale} 1.0 runs the simulation at
 * real speed (the demo), 10.0 runs ten simulated seconds per real second (tests, load).
 */
public final class RealTimeScheduler implements SimScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(RealTimeScheduler.class);

  private final ScheduledThreadPoolExecutor executor;
  private final double timeScale;
  private final long startEpochMicros;
  private final long startNanos;

  /**
   * @param timeScale simulated seconds per real second, &gt; 0
   * @param startEpochMicros the simulation time at construction (usually the wall clock)
   */
  public RealTimeScheduler(double timeScale, long startEpochMicros) {
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale must be > 0, got " + timeScale);
    }
    this.timeScale = timeScale;
    this.startEpochMicros = startEpochMicros;
    this.startNanos = System.nanoTime();
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "pbx-sim");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public long nowMicros() {
    long elapsedMicros = (System.nanoTime() - startNanos) / 1000;
    return startEpochMicros + (long) (elapsedMicros * timeScale);
  }

  @Override
  public void execute(Runnable task) {
    if (!executor.isShutdown()) {
      executor.execute(guard(task));
    }
  }

  @Override
  public Timer schedule(long delayMs, Runnable task) {
    if (executor.isShutdown()) {
      return () -> {};
    }
    long realMicros = (long) (Math.max(0, delayMs) * 1000 / timeScale);
    ScheduledFuture<?> f = executor.schedule(guard(task), realMicros, TimeUnit.MICROSECONDS);
    return () -> f.cancel(false);
  }

  private static Runnable guard(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("simulation task failed: {}", e.toString(), e);
      }
    };
  }

  @Override
  public void shutdown() {
    executor.shutdownNow();
  }
}
