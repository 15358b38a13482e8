package dev.switchboard.bench.stats;

import dev.switchboard.stats.StatsConfiguration;
import dev.switchboard.stats.StatsService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;

/**
 * Heap used by statistics per queue and per agent: heap after GC before, after configuring the
 * queues (each with one contact's life, so its minute ring and interval are allocated) and after
 * the agents (configured with 3 skills each and logged in). Prints bytes per queue and per agent.
 *
 * <p>Run: {@code java -Xmx4g -cp <bench classpath> dev.switchboard.bench.stats.StatsMemoryFootprint
 * 5000 100000 prometheus|simple}
 */
public final class StatsMemoryFootprint {

  private StatsMemoryFootprint() {}

  static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static void main(String[] args) {
    int queues = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int agents = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    boolean prometheus = args.length <= 2 || args[2].equals("prometheus");
    long t = 1_773_100_000_000L;

    long before = usedAfterGc();
    MeterRegistry registry =
        prometheus
            ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
            : new SimpleMeterRegistry();
    StatsService stats = new StatsService(StatsConfiguration.defaults(), registry);
    StatsWorkload.configure(stats, queues, 0, t);
    for (int q = 0; q < queues; q++) {
      StatsWorkload.contactLife(stats, "c" + q, "q" + q, "x" + q, t + q);
    }
    long afterQueues = usedAfterGc();
    StatsWorkload.configure(stats, 0, agents, t + 200_000);
    long afterAgents = usedAfterGc();

    // CPU time, not wall time: the benchmark machine is shared and heavily loaded.
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long snapStart = threads.getCurrentThreadCpuTime();
    int size = stats.snapshot(t + 300_000).queues().size();
    long snapMs = (threads.getCurrentThreadCpuTime() - snapStart) / 1_000_000;

    System.out.printf(
        "registry=%s queues=%d agents=%d%n"
            + "heap for queues: %d bytes = %d bytes/queue (includes %d contacts' history)%n"
            + "heap for agents: %d bytes = %d bytes/agent%n"
            + "one full snapshot (%d queues, all agents): %d ms CPU%n",
        prometheus ? "prometheus" : "simple",
        queues,
        agents,
        afterQueues - before,
        (afterQueues - before) / Math.max(1, queues),
        queues,
        afterAgents - afterQueues,
        (afterAgents - afterQueues) / Math.max(1, agents),
        size,
        snapMs);
    stats.close();
  }
}
