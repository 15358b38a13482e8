package dev.switchboard.bench.pipeline;

import dev.switchboard.bench.harness.RecordedWorkload;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.EventView;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.journal.ChronicleJournal;
import dev.switchboard.router.journal.JournalRecovery;
import dev.switchboard.router.journal.JournalReplayer;
import dev.switchboard.router.journal.SnapshotStore;
import dev.switchboard.router.pipeline.RouterCore;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal replay rate: a journal of {@link #COMMANDS} recorded call-center commands (1,000 agents,
 * 100 queues) is written once by a real router; each invocation replays all of it, either decoding
 * only or decoding and applying to a fresh engine (what a restart without a snapshot does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
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
public class JournalReplayBenchmark {
  static final int COMMANDS = 500_000;

  private Path dir;
  private Path emptyDir;
  private ChronicleJournal journal;
  private SnapshotStore noSnapshots;

  @Setup(Level.Trial)
  public void write() throws Exception {
    dir = Files.createTempDirectory("replay-bench");
    RecordedWorkload workload = RecordedWorkload.record(1000, 100, COMMANDS);
    try (RouterCore core =
        RouterCore.builder()
            .journalDirectory(dir)
            .engine(new RoutingStateMachine())
            .timeSource(workload.timeSource())
            .tickIntervalMs(0)
            .snapshotEveryCommands(0)
            .build()) {
      core.start();
      CommandPublisher publisher = core.publisher();
      for (int i = 0; i < COMMANDS; i++) {
        Command c = workload.next();
        while (!publisher.publish(c).accepted()) {
          Thread.onSpinWait();
        }
        if (i % 10_000 == 0) {
          core.drain(Duration.ofMinutes(1));
        }
      }
      core.drain(Duration.ofMinutes(1));
    }
    journal = ChronicleJournal.open(dir);
    emptyDir = Files.createTempDirectory("replay-bench-no-snapshots");
    noSnapshots = new SnapshotStore(emptyDir, 1);
  }

  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public long decodeOnly() {
    long[] sum = {0};
    journal.read(ChronicleJournal.NO_INDEX, (index, ts, command) -> sum[0] += ts);
    return sum[0];
  }

  /**
   * What a restart without a usable snapshot does: {@code JournalRecovery} reads ahead on a second
   * thread and applies every entry to a fresh engine, events going to a listener that reads them in
   * place and drops them: the router's own cost.
   */
  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public long recover() {
    RoutingStateMachine engine = new RoutingStateMachine();
    RouterEventListener inPlace =
        new RouterEventListener() {
          @Override
          public void onEvent(RouterEvent event, boolean replay) {}

          @Override
          public void onView(EventView event, boolean replay) {}
        };
    return JournalRecovery.recover(journal, noSnapshots, engine, inPlace).stateHash();
  }

  /**
   * The same with a listener that takes every event as a record (as the statistics projection
   * does), so each event costs its record.
   */
  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public long recoverToRecords() {
    RoutingStateMachine engine = new RoutingStateMachine();
    long[] seen = {0};
    return JournalRecovery.recover(
            journal, noSnapshots, engine, (event, replay) -> seen[0] += event.timestampMs())
        .stateHash();
  }

  /** The CLI's {@code replay}: the same, counting events by type for its report. */
  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public long decodeAndApply() {
    return JournalReplayer.replay(dir, new RoutingStateMachine(), null).finalStateHash();
  }

  @TearDown(Level.Trial)
  public void delete() throws Exception {
    journal.close();
    for (Path d : new Path[] {dir, emptyDir}) {
      try (Stream<Path> files = Files.walk(d)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
