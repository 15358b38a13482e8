package dev.switchboard.bench.stats;

import dev.switchboard.stats.StatsConfiguration;
import dev.switchboard.stats.StatsService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many router events per second {@link StatsService#onEvent} keeps up with: each invocation
 * applies one contact's full answered life (8 events), so the score in ops/s is events/s. Virtual
 * time advances 2 s per contact, so minute windows, 15-minute intervals and days roll as they would
 * live. Meters go to a Prometheus registry, as in the server; no event log (its writer runs on its
 * own thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatsAggregationBenchmark {

  @Param({"100", "5000"})
  int queues;

  @Param({"1000"})
  int agents;

  private StatsService stats;
  private long t;
  private long n;

  @Setup(Level.Trial)
  public void setUp() {
    stats =
        new StatsService(
            StatsConfiguration.defaults(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    t = 1_773_100_000_000L;
    StatsWorkload.configure(stats, queues, agents, t);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    stats.close();
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public void contactLife() {
    long i = n++;
    t += 2_000;
    StatsWorkload.contactLife(stats, "c" + i, "q" + (i % queues), "a" + (i % agents), t);
  }
}
