package dev.switchboard.bench.pipeline;

import dev.switchboard.bench.harness.OpenLoopHarness;
import dev.switchboard.bench.harness.RecordedWorkload;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.EventView;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.engine.EventBuffer;
import dev.switchboard.router.engine.EventSink;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.pipeline.RouterCore;
import dev.switchboard.stats.StatsConfiguration;
import dev.switchboard.stats.StatsService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Heap bytes allocated per command in the steady state, counted by the JVM per thread (so the
 * figure does not depend on the machine's load): by the engine alone (events stored in an {@link
 * EventBuffer}, and for comparison made into records), by command type, and by the whole router
 * thread (journal, engine, dispatch) in the fused layout, once with a listener that reads events in
 * place and once with one that takes records (each event then costs its record, made once for all
 * such listeners).
 *
 * <pre>
 * java -cp ... dev.switchboard.bench.pipeline.AllocationPerCommand [agents=1000] [queues=100]
 *     [commands=2000000] [only=engine|inplace|records|stats]
 * </pre>
 */
public final class AllocationPerCommand {
  private AllocationPerCommand() {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int agents = OpenLoopHarness.intArg(args, "agents", 1000);
    int queues = OpenLoopHarness.intArg(args, "queues", 100);
    int commands = OpenLoopHarness.intArg(args, "commands", 2_000_000);
    RecordedWorkload workload = RecordedWorkload.record(agents, queues, commands);

    String only = OpenLoopHarness.stringArg(args, "only", "");
    if (only.isEmpty() || only.equals("engine")) {
      engineAlone(workload, agents, queues);
    }
    if (only.isEmpty() || only.equals("inplace")) {
      wholeRouterThread(
          workload, agents, queues, "listener reads events in place", InPlaceListener::new);
    }
    if (only.isEmpty() || only.equals("records")) {
      wholeRouterThread(workload, agents, queues, "listener takes records", RecordListener::new);
    }
    if (only.isEmpty() || only.equals("stats")) {
      wholeRouterThread(
          workload, agents, queues, "statistics projection listening", StatsListener::new);
    }
  }

  private static void engineAlone(RecordedWorkload workload, int agents, int queues) {
    engineAlone(workload, agents, queues, "events stored in place", new EventBuffer());
    engineAlone(workload, agents, queues, "events made into records", null);
  }

  /**
   * @param buffer where the engine's events go, cleared after each command; null for a sink that
   *     counts records
   */
  private static void engineAlone(
      RecordedWorkload workload, int agents, int queues, String label, EventBuffer buffer) {
    long[] events = {0};
    EventSink counting = e -> events[0]++;
    // Two passes over fresh engines: the first warms the JIT, the second is counted.
    for (int pass = 0; pass < 2; pass++) {
      RoutingStateMachine engine = new RoutingStateMachine();
      int steadyFrom = workload.warmUpCount() + (workload.size() - workload.warmUpCount()) / 4;
      for (int i = 0; i < steadyFrom; i++) {
        apply(engine, workload, i, buffer, counting, events);
      }
      Map<String, long[]> byType = new TreeMap<>();
      events[0] = 0;
      long thread = Thread.currentThread().getId();
      long before = THREADS.getThreadAllocatedBytes(thread);
      for (int i = steadyFrom; i < workload.size(); i++) {
        apply(engine, workload, i, buffer, counting, events);
      }
      long total = THREADS.getThreadAllocatedBytes(thread) - before;
      int n = workload.size() - steadyFrom;
      if (pass == 1) {
        // By type, measured one command at a time (the counter call itself allocates nothing).
        RoutingStateMachine typed = new RoutingStateMachine();
        for (int i = 0; i < steadyFrom; i++) {
          apply(typed, workload, i, buffer, counting, events);
        }
        long[] eventsOfType = {0};
        EventSink typedSink = e -> eventsOfType[0]++;
        for (int i = steadyFrom; i < workload.size(); i++) {
          Command c = workload.command(i);
          eventsOfType[0] = 0;
          long b = THREADS.getThreadAllocatedBytes(thread);
          apply(typed, workload, i, buffer, typedSink, eventsOfType);
          long used = THREADS.getThreadAllocatedBytes(thread) - b;
          long[] row = byType.computeIfAbsent(c.getClass().getSimpleName(), k -> new long[3]);
          row[0]++;
          row[1] += used;
          row[2] += eventsOfType[0];
        }
        System.out.printf(
            "engine alone, %s (agents=%d queues=%d): %d commands, %.1f bytes/command,"
                + " %.2f events/command%n",
            label, agents, queues, n, (double) total / n, (double) events[0] / n);
        byType.forEach(
            (type, row) ->
                System.out.printf(
                    "  %-20s %8d commands  %7.1f bytes each  %.2f events each%n",
                    type, row[0], (double) row[1] / row[0], (double) row[2] / row[0]));
      }
    }
  }

  /** One command into {@code buffer} (counted, then cleared), or as records into {@code sink}. */
  private static void apply(
      RoutingStateMachine engine,
      RecordedWorkload workload,
      int i,
      EventBuffer buffer,
      EventSink sink,
      long[] events) {
    if (buffer == null) {
      engine.apply(workload.timestampMs(i), workload.command(i), sink);
    } else {
      engine.apply(workload.timestampMs(i), workload.command(i), buffer);
      events[0] += buffer.size();
      buffer.clear();
    }
  }

  /** A listener that notes the thread it is called on (the router thread, fused layout). */
  private abstract static class Probe implements RouterEventListener, AutoCloseable {
    volatile long routerThread = -1;
    long checksum;

    @Override
    public void close() {}
  }

  /** Reads fields of every event in place. */
  private static final class InPlaceListener extends Probe {
    @Override
    public void onEvent(RouterEvent event, boolean replay) {
      throw new AssertionError("read in place");
    }

    @Override
    public void onView(EventView event, boolean replay) {
      routerThread = Thread.currentThread().getId();
      checksum += event.timestampMs() + event.kind().ordinal();
    }
  }

  /** Takes every event as a record. */
  private static final class RecordListener extends Probe {
    @Override
    public void onEvent(RouterEvent event, boolean replay) {
      routerThread = Thread.currentThread().getId();
      checksum += event.timestampMs();
    }
  }

  /** The statistics projection as the server runs it, on the router thread. */
  private static final class StatsListener extends Probe {
    final StatsService stats =
        new StatsService(
            StatsConfiguration.defaults(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

    @Override
    public void onEvent(RouterEvent event, boolean replay) {
      routerThread = Thread.currentThread().getId();
      stats.onEvent(event, replay);
    }

    @Override
    public boolean wants(EventKind kind) {
      return stats.wants(kind);
    }

    @Override
    public void close() {
      stats.close();
    }
  }

  private static void wholeRouterThread(
      RecordedWorkload workload, int agents, int queues, String label, Supplier<Probe> listeners)
      throws Exception {
    Path dir = Files.createTempDirectory("alloc");
    try {
      for (int pass = 0; pass < 2; pass++) {
        workload.rewind();
        Probe listener = listeners.get();
        RouterCore core =
            RouterCore.builder()
                .journalDirectory(dir.resolve("pass" + pass))
                .engine(new RoutingStateMachine())
                .timeSource(workload.timeSource())
                .tickIntervalMs(0)
                .snapshotEveryCommands(0)
                .listener(listener)
                .build();
        core.start();
        CommandPublisher publisher = core.publisher();
        int steadyFrom = workload.warmUpCount() + (workload.size() - workload.warmUpCount()) / 4;
        for (int i = 0; i < steadyFrom; i++) {
          publish(publisher, workload.next());
        }
        core.drain(Duration.ofMinutes(5));
        long routerThread = listener.routerThread;
        long before = THREADS.getThreadAllocatedBytes(routerThread);
        for (int i = steadyFrom; i < workload.size(); i++) {
          publish(publisher, workload.next());
        }
        core.drain(Duration.ofMinutes(5));
        long total = THREADS.getThreadAllocatedBytes(routerThread) - before;
        int n = workload.size() - steadyFrom;
        core.close();
        listener.close();
        if (pass == 1) {
          System.out.printf(
              "router thread, fused layout, journal on, %s: %.1f bytes/command over %d commands"
                  + " (checksum %d)%n",
              label, (double) total / n, n, listener.checksum);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void publish(CommandPublisher publisher, Command command) {
    while (!publisher.publish(command).accepted()) {
      Thread.onSpinWait();
    }
  }
}
