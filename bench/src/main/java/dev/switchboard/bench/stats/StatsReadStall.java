package dev.switchboard.bench.stats;

import dev.switchboard.bench.harness.OpenLoopHarness;
import dev.switchboard.stats.StatsConfiguration;
import dev.switchboard.stats.StatsService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.HdrHistogram.Histogram;

/**
 * How long the router's dispatch thread waits in {@link StatsService#onEvent} while wallboards read
 * full snapshots: in the fused layout that thread is the routing thread, so a reader holding the
 * statistics lock holds up routing. One thread applies contact lives (8 events each) as fast as it
 * can and times every event; another builds {@link StatsService#snapshot} back to back (a wallboard
 * stream does every 500 ms, per stream). Prints the snapshot build time and the event latency
 * percentiles.
 *
 * <pre>
 * java -cp ... dev.switchboard.bench.stats.StatsReadStall [queues=5000] [agents=100000] [seconds=10]
 * </pre>
 */
public final class StatsReadStall {
  private StatsReadStall() {}

  public static void main(String[] args) throws InterruptedException {
    int queues = OpenLoopHarness.intArg(args, "queues", 5000);
    int agents = OpenLoopHarness.intArg(args, "agents", 100_000);
    int seconds = OpenLoopHarness.intArg(args, "seconds", 10);
    StatsService stats =
        new StatsService(
            StatsConfiguration.defaults(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    long[] t = {1_773_100_000_000L};
    StatsWorkload.configure(stats, queues, agents, t[0]);

    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long[] snapshots = {0};
    long[] buildNanos = {0};
    long[] maxBuildNanos = {0};
    Thread reader =
        new Thread(
            () -> {
              while (System.nanoTime() < end) {
                long started = System.nanoTime();
                stats.snapshot(t[0]);
                long took = System.nanoTime() - started;
                snapshots[0]++;
                buildNanos[0] += took;
                maxBuildNanos[0] = Math.max(maxBuildNanos[0], took);
              }
            },
            "wallboard-reader");
    reader.start();
    Histogram perEvent = new Histogram(3);
    long n = 0;
    while (System.nanoTime() < end) {
      long i = n++;
      t[0] += 2_000;
      long started = System.nanoTime();
      StatsWorkload.contactLife(stats, "c" + i, "q" + (i % queues), "a" + (i % agents), t[0]);
      perEvent.recordValue((System.nanoTime() - started) / 8);
    }
    reader.join();
    stats.close();
    System.out.printf(
        "queues=%d agents=%d: %d snapshots, build mean %.1f ms, max %.1f ms%n",
        queues,
        agents,
        snapshots[0],
        buildNanos[0] / 1e6 / Math.max(1, snapshots[0]),
        maxBuildNanos[0] / 1e6);
    System.out.printf(
        "onEvent (mean of each contact life's 8 events) while snapshots are built, us: p50=%.1f"
            + " p99=%.1f p99.9=%.1f max=%.1f (%d lives)%n",
        perEvent.getValueAtPercentile(50) / 1e3,
        perEvent.getValueAtPercentile(99) / 1e3,
        perEvent.getValueAtPercentile(99.9) / 1e3,
        perEvent.getMaxValue() / 1e3,
        perEvent.getTotalCount());
  }
}
