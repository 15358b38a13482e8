package dev.switchboard.router.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.engine.EventSink;
import dev.switchboard.router.engine.RoutingEngine;
import dev.switchboard.router.journal.CorruptEntryException;
import dev.switchboard.router.journal.RecoveryReport;
import dev.switchboard.router.journal.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot follower with the fake engine: it takes the periodic snapshots instead of the
 * routing thread, fails safe back to the routing thread, and sleeps when there is nothing to do.
 * {@link SnapshotFollowerRealEngineTest} checks its snapshots against the real engine.
 */
class SnapshotFollowerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private RouterCore.Builder core(Supplier<RoutingEngine> engines) {
    // One journal document per command (the parallel layout), so snapshot counts are exact; the
    // fused layout's batched documents are covered by SnapshotFollowerRealEngineTest.
    return RouterCore.builder()
        .stageLayout(StageLayout.PARALLEL)
        .journalDirectory(dir)
        .engineFactory(engines)
        .tickIntervalMs(0)
        .ringSize(1024)
        .snapshotEveryCommands(10)
        .snapshotsToKeep(100);
  }

  /** A factory that hands out the routing engine first, then the follower's. */
  private static Supplier<RoutingEngine> engines(RoutingEngine routing, RoutingEngine follower) {
    List<RoutingEngine> made = new ArrayList<>(List.of(routing, follower));
    return () -> made.remove(0);
  }

  private static void publish(RouterCore core, Command command) {
    assertThat(core.publisher().publish(command).accepted()).as("accepted: %s", command).isTrue();
  }

  private static void publishArrivals(RouterCore core, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      publish(core, Command.ContactArrived.call(prefix + i, "q", i % 3));
    }
    assertThat(core.drain(TIMEOUT)).isTrue();
  }

  private static Optional<Thread> followerThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(SnapshotFollower.THREAD_NAME))
        .findFirst();
  }

  @Test
  void shouldTakeThePeriodicSnapshotsOffTheRoutingThread() throws IOException {
    FakeRoutingEngine routing = new FakeRoutingEngine();
    FakeRoutingEngine copy = new FakeRoutingEngine();
    try (RouterCore core = core(engines(routing, copy)).build()) {
      core.start();
      assertThat(followerThread()).as("follower thread running").isPresent();
      publishArrivals(core, "c", 55);

      assertThat(Await.await(() -> core.statistics().snapshotsByFollower() == 5, TIMEOUT))
          .as("five snapshots from the follower, got %s", core.statistics())
          .isTrue();
      RouterCore.Statistics stats = core.statistics();
      assertThat(stats.followerActive()).isTrue();
      assertThat(stats.routingThreadSnapshots()).isZero();
      assertThat(stats.maxRoutingThreadSerializeNanos()).isZero();
      assertThat(stats.snapshotsWritten()).isEqualTo(5);
      assertThat(stats.lastSnapshotSerializeNanos()).isPositive();
      assertThat(stats.lastSnapshotBytes()).isPositive();
      assertThat(Await.await(() -> core.statistics().followerLagCommands() == 0, TIMEOUT)).isTrue();
      assertThat(copy.commands()).isEqualTo(55);
      assertThat(copy.stateHash()).isEqualTo(routing.stateHash());
      assertThat(new SnapshotStore(dir, 100).list()).hasSize(5);
    }
    assertThat(followerThread()).as("follower thread stopped by close").isEmpty();
    // close() adds the final snapshot (the last five commands) from the routing engine.
    assertThat(new SnapshotStore(dir, 100).list()).hasSize(6);
  }

  @Test
  void shouldWriteAndRecoverSnapshotsInTheirOwnDirectoryWhenGivenOne(@TempDir Path snapshots)
      throws IOException {
    FakeRoutingEngine routing = new FakeRoutingEngine();
    try (RouterCore core =
        core(engines(routing, new FakeRoutingEngine())).snapshotDirectory(snapshots).build()) {
      core.start();
      publishArrivals(core, "c", 25);
      assertThat(Await.await(() -> core.statistics().snapshotsByFollower() == 2, TIMEOUT)).isTrue();
    }
    assertThat(new SnapshotStore(snapshots, 100).list()).hasSize(3);
    assertThat(new SnapshotStore(dir, 100).list()).as("none beside the journal").isEmpty();

    FakeRoutingEngine recovered = new FakeRoutingEngine();
    try (RouterCore core =
        core(engines(recovered, new FakeRoutingEngine())).snapshotDirectory(snapshots).build()) {
      RecoveryReport report = core.start();
      assertThat(report.snapshotUsed()).isNotEmpty();
      assertThat(report.commandsReplayed()).isZero();
      assertThat(recovered.stateHash()).isEqualTo(routing.stateHash());
    }
  }

  @Test
  void shouldGoOnRoutingAndSnapshotOnTheRoutingThreadWhenTheFollowerFails() throws IOException {
    FakeRoutingEngine routing = new FakeRoutingEngine();
    try (RouterCore core = core(engines(routing, new UnwritableEngine())).build()) {
      core.start();
      publishArrivals(core, "before", 10);
      assertThat(Await.await(() -> core.statistics().followerFailures() == 1, TIMEOUT))
          .as("follower failed on its first snapshot")
          .isTrue();
      assertThat(core.statistics().followerActive()).isFalse();
      assertThat(core.isRunning()).isTrue();
      assertThat(core.failure()).isNull();

      // The routing thread is 10 commands past its last snapshot (never took one): it takes one
      // at the end of the next batch, and 5 commands are too few to make it take another.
      publishArrivals(core, "after", 5);

      RouterCore.Statistics stats = core.statistics();
      assertThat(routing.commands()).isEqualTo(15);
      assertThat(stats.snapshotsByFollower()).isZero();
      assertThat(stats.routingThreadSnapshots()).isEqualTo(1);
      assertThat(stats.maxRoutingThreadSerializeNanos()).isPositive();
      assertThat(Await.await(() -> core.statistics().snapshotsWritten() == 1, TIMEOUT)).isTrue();
      assertThat(new SnapshotStore(dir, 100).list()).hasSize(1);
    }
  }

  @Test
  void shouldLeaveSnapshotsOnTheRoutingThreadWhenTheFollowersCopyIsNotFaithful() {
    FakeRoutingEngine routing = new FakeRoutingEngine();
    try (RouterCore core = core(engines(routing, new ForgetfulEngine())).build()) {
      core.start();
      publish(core, new Command.AgentLogin("a1"));
      publishArrivals(core, "c", 12);

      RouterCore.Statistics stats = core.statistics();
      assertThat(followerThread()).isEmpty();
      assertThat(stats.followerActive()).isFalse();
      assertThat(stats.snapshotsByFollower()).isZero();
      assertThat(stats.routingThreadSnapshots()).isEqualTo(1);
      assertThat(core.isRunning()).isTrue();
    }
  }

  @Test
  void shouldFollowFromThePhysicalEndOfAJournalWithADamagedTail()
      throws IOException, CorruptEntryException {
    try (RouterCore core =
        core(engines(new FakeRoutingEngine(), new FakeRoutingEngine())).build()) {
      core.start();
      publishArrivals(core, "old", 15);
    }
    SnapshotStore store = new SnapshotStore(dir, 100);
    for (Path file : store.list()) {
      Files.delete(file);
    }
    try (SingleChronicleQueue queue =
            SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).build();
        ExcerptAppender appender = queue.createAppender();
        DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(new byte[] {1, 2, 3});
    }

    FakeRoutingEngine routing = new FakeRoutingEngine();
    try (RouterCore core = core(engines(routing, new FakeRoutingEngine())).build()) {
      RecoveryReport report = core.start();
      assertThat(report.corruptTail()).isPresent();
      assertThat(core.statistics().followerActive()).isTrue();
      publishArrivals(core, "new", 10);

      assertThat(Await.await(() -> core.statistics().snapshotsByFollower() == 1, TIMEOUT))
          .as("statistics %s", core.statistics())
          .isTrue();
      SnapshotStore.Loaded newest = store.read(store.list().get(0));
      assertThat(newest.header().journalIndex()).isEqualTo(core.statistics().lastJournalIndex());
      assertThat(newest.header().stateHash()).isEqualTo(routing.stateHash());
      FakeRoutingEngine restored = new FakeRoutingEngine();
      restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(newest.body())));
      assertThat(restored.waiting()).isEqualTo(routing.waiting()).hasSize(25);
      assertThat(core.statistics().routingThreadSnapshots()).isZero();
    }
  }

  @Test
  void shouldNotSpinWhileThereIsNothingToFollow() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadCpuTimeSupported(), "thread CPU time not measurable here");
    if (!threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    FakeRoutingEngine routing = new FakeRoutingEngine();
    try (RouterCore core = core(engines(routing, new FakeRoutingEngine())).build()) {
      core.start();
      publishArrivals(core, "c", 20);
      assertThat(Await.await(() -> core.statistics().snapshotsByFollower() == 2, TIMEOUT)).isTrue();
      long id = followerThread().orElseThrow().getId();

      long cpuBefore = threads.getThreadCpuTime(id);
      long wallBefore = System.nanoTime();
      long idleWindow = Duration.ofMillis(500).toNanos();
      while (System.nanoTime() - wallBefore < idleWindow) {
        // The measurement window itself, not a wait for anything.
        LockSupport.parkNanos(idleWindow);
      }
      long cpu = threads.getThreadCpuTime(id) - cpuBefore;
      long wall = System.nanoTime() - wallBefore;

      // A spinning poll burns its whole window (or whatever share a busy box gives it); parking a
      // millisecond between polls costs a few percent at most.
      assertThat(cpu).as("follower CPU ns over %d ns idle", wall).isLessThan(wall / 10);
      assertThat(core.statistics().followerActive()).isTrue();
    }
  }

  @Test
  void shouldRefuseAFactoryThatDoesNotMakeFreshEngines() {
    FakeRoutingEngine shared = new FakeRoutingEngine();
    assertThatThrownBy(() -> core(() -> shared).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same engine twice");
    assertThatThrownBy(() -> core(() -> null).build())
        .hasMessageContaining("engineFactory returned null");
    assertThatThrownBy(() -> core(FakeRoutingEngine::new).engine(shared).build())
        .hasMessageContaining("not both");
  }

  @Test
  void shouldRunNoFollowerWhenSnapshotsAreOnlyTakenOnClose() {
    List<RoutingEngine> made = new ArrayList<>();
    Supplier<RoutingEngine> counting =
        () -> {
          FakeRoutingEngine e = new FakeRoutingEngine();
          made.add(e);
          return e;
        };
    try (RouterCore core = core(counting).snapshotEveryCommands(0).build()) {
      core.start();
      publishArrivals(core, "c", 3);
      assertThat(made).as("no second copy of the state").hasSize(1);
      assertThat(followerThread()).isEmpty();
    }
  }

  /** Behaves like the fake engine but cannot write a snapshot. */
  private static final class UnwritableEngine implements RoutingEngine {
    private final FakeRoutingEngine inner = new FakeRoutingEngine();

    @Override
    public void apply(long nowMs, Command command, EventSink sink) {
      inner.apply(nowMs, command, sink);
    }

    @Override
    public long stateHash() {
      return inner.stateHash();
    }

    @Override
    public void writeSnapshot(DataOutput out) throws IOException {
      throw new IOException("this engine cannot write snapshots");
    }

    @Override
    public void readSnapshot(DataInput in) throws IOException {
      inner.readSnapshot(in);
    }
  }

  /** Loads a snapshot by ignoring it: not the same engine as the one that wrote it. */
  private static final class ForgetfulEngine implements RoutingEngine {
    private final FakeRoutingEngine inner = new FakeRoutingEngine();

    @Override
    public void apply(long nowMs, Command command, EventSink sink) {
      inner.apply(nowMs, command, sink);
    }

    @Override
    public long stateHash() {
      return inner.stateHash() + 1;
    }

    @Override
    public void writeSnapshot(DataOutput out) throws IOException {
      inner.writeSnapshot(out);
    }

    @Override
    public void readSnapshot(DataInput in) {
      // forgets
    }
  }
}
