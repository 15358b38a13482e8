package dev.switchboard.bench.pipeline;

import dev.switchboard.bench.harness.OpenLoopHarness;
import dev.switchboard.bench.harness.RecordedWorkload;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.pipeline.RouterCore;
import dev.switchboard.router.pipeline.StageLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Commands per second through the whole pipeline with the journal on: one producer publishes a
 * recorded call-center workload (arrivals, answers, ends, wrap-ups, ticks) as fast as the ring
 * takes it; an invocation ends when all of them have been journaled, applied and dispatched. Each
 * iteration starts a fresh router (new journal directory, new engine) and is timed once; the score
 * is time per command, so commands/s = 1e9 / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx6g",
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
      "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "-Dchronicle.analytics.disable=true",
      "-Dchronicle.disk.monitor.disable=true"
    })
public class PipelineThroughputBenchmark {
  static final int STEADY = 2_000_000;

  @Param({"1000"})
  int agents;

  @Param({"100"})
  int queues;

  @Param({"blocking", "yielding", "busyspin"})
  String waitStrategy;

  @Param({"FUSED", "PARALLEL"})
  String layout;

  private RecordedWorkload workload;
  private Path dir;
  private RouterCore core;
  private CommandPublisher publisher;

  @Setup(Level.Trial)
  public void record() {
    workload = RecordedWorkload.record(agents, queues, STEADY);
  }

  @Setup(Level.Iteration)
  public void start() throws Exception {
    dir = Files.createTempDirectory("pipeline-bench");
    workload.rewind();
    core =
        RouterCore.builder()
            .journalDirectory(dir)
            .engine(new RoutingStateMachine())
            .timeSource(workload.timeSource())
            .tickIntervalMs(0)
            .snapshotEveryCommands(0)
            .stageLayout(StageLayout.valueOf(layout))
            .waitStrategy(OpenLoopHarness.waitStrategy(waitStrategy))
            .build();
    core.start();
    publisher = core.publisher();
    for (int i = 0; i < workload.warmUpCount(); i++) {
      publish(workload.next());
    }
    core.drain(Duration.ofMinutes(1));
  }

  private void publish(Command command) {
    while (!publisher.publish(command).accepted()) {
      Thread.onSpinWait();
    }
  }

  @Benchmark
  @OperationsPerInvocation(STEADY)
  public long publishJournalApplyDispatch() {
    while (workload.hasNext()) {
      publish(workload.next());
    }
    core.drain(Duration.ofMinutes(5));
    return core.dispatchedSequence();
  }

  @TearDown(Level.Iteration)
  public void stop() throws Exception {
    core.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
