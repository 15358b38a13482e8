package dev.switchboard.bench.pipeline;

import dev.switchboard.bench.harness.OpenLoopHarness;
import dev.switchboard.bench.harness.RecordedWorkload;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.engine.EventSink;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.pipeline.RouterCore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Heap bytes allocated per command in the steady state, counted by the JVM per thread (so the
 * figure does not depend on the machine's load): by the engine alone, by command type, and by the
 * whole router thread (journal, engine, dispatch) in the fused layout. Events are records handed to
 * listeners on other threads, so an event costs its allocation; the rest should cost nothing.
 *
 * <pre>
 * java -cp ... dev.switchboard.bench.pipeline.AllocationPerCommand [agents=1000] [queues=100]
 *     [commands=2000000]
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

    engineAlone(workload, agents, queues);
    wholeRouterThread(workload, agents, queues);
  }

  private static void engineAlone(RecordedWorkload workload, int agents, int queues) {
    long[] events = {0};
    EventSink sink = e -> events[0]++;
    // Two passes over fresh engines: the first warms the JIT, the second is counted.
    for (int pass = 0; pass < 2; pass++) {
      RoutingStateMachine engine = new RoutingStateMachine();
      int steadyFrom = workload.warmUpCount() + (workload.size() - workload.warmUpCount()) / 4;
      for (int i = 0; i < steadyFrom; i++) {
        engine.apply(workload.timestampMs(i), workload.command(i), sink);
      }
      Map<String, long[]> byType = new TreeMap<>();
      events[0] = 0;
      long thread = Thread.currentThread().getId();
      long before = THREADS.getThreadAllocatedBytes(thread);
      for (int i = steadyFrom; i < workload.size(); i++) {
        Command c = workload.command(i);
        engine.apply(workload.timestampMs(i), c, sink);
      }
      long total = THREADS.getThreadAllocatedBytes(thread) - before;
      int n = workload.size() - steadyFrom;
      if (pass == 1) {
        // By type, measured one command at a time (the counter call itself allocates nothing).
        RoutingStateMachine typed = new RoutingStateMachine();
        for (int i = 0; i < steadyFrom; i++) {
          typed.apply(workload.timestampMs(i), workload.command(i), sink);
        }
        long[] eventsOfType = {0};
        EventSink typedSink =
            e -> {
              eventsOfType[0]++;
            };
        for (int i = steadyFrom; i < workload.size(); i++) {
          Command c = workload.command(i);
          eventsOfType[0] = 0;
          long b = THREADS.getThreadAllocatedBytes(thread);
          typed.apply(workload.timestampMs(i), c, typedSink);
          long used = THREADS.getThreadAllocatedBytes(thread) - b;
          long[] row = byType.computeIfAbsent(c.getClass().getSimpleName(), k -> new long[3]);
          row[0]++;
          row[1] += used;
          row[2] += eventsOfType[0];
        }
        System.out.printf(
            "engine alone (agents=%d queues=%d): %d commands, %.1f bytes/command, %.2f events/command%n",
            agents, queues, n, (double) total / n, (double) events[0] / n);
        byType.forEach(
            (type, row) ->
                System.out.printf(
                    "  %-20s %8d commands  %7.1f bytes each  %.2f events each%n",
                    type, row[0], (double) row[1] / row[0], (double) row[2] / row[0]));
      }
    }
  }

  private static void wholeRouterThread(RecordedWorkload workload, int agents, int queues)
      throws Exception {
    Path dir = Files.createTempDirectory("alloc");
    try {
      for (int pass = 0; pass < 2; pass++) {
        workload.rewind();
        long[] routerThread = {-1};
        RouterCore core =
            RouterCore.builder()
                .journalDirectory(dir.resolve("pass" + pass))
                .engine(new RoutingStateMachine())
                .timeSource(workload.timeSource())
                .tickIntervalMs(0)
                .snapshotEveryCommands(0)
                .listener(
                    (RouterEvent e, boolean replay) ->
                        routerThread[0] = Thread.currentThread().getId())
                .build();
        core.start();
        CommandPublisher publisher = core.publisher();
        int steadyFrom = workload.warmUpCount() + (workload.size() - workload.warmUpCount()) / 4;
        for (int i = 0; i < steadyFrom; i++) {
          publish(publisher, workload.next());
        }
        core.drain(Duration.ofMinutes(5));
        long before = THREADS.getThreadAllocatedBytes(routerThread[0]);
        for (int i = steadyFrom; i < workload.size(); i++) {
          publish(publisher, workload.next());
        }
        core.drain(Duration.ofMinutes(5));
        long total = THREADS.getThreadAllocatedBytes(routerThread[0]) - before;
        int n = workload.size() - steadyFrom;
        core.close();
        if (pass == 1) {
          System.out.printf(
              "router thread, fused layout, journal on: %.1f bytes/command over %d commands%n",
              (double) total / n, n);
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
