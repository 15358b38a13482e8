package dev.switchboard.router.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.pipeline.FakeRoutingEngine;
import dev.switchboard.router.pipeline.RouterCore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRecoveryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  /**
   * One journal document per command (the parallel layout), so positions in the damaged journal are
   * exact; {@link BatchedJournalTest} damages documents that hold a batch.
   */
  private RouterCore core(FakeRoutingEngine engine, long snapshotEvery) {
    return RouterCore.builder()
        .stageLayout(dev.switchboard.router.pipeline.StageLayout.PARALLEL)
        .journalDirectory(dir)
        .engine(engine)
        .tickIntervalMs(0)
        .ringSize(256)
        .snapshotEveryCommands(snapshotEvery)
        .snapshotsToKeep(10)
        .build();
  }

  /** A mixed scenario: agents log in and go ready, contacts arrive, some are answered. */
  private static List<Command> scenario(int from, int count) {
    List<Command> commands = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      commands.add(
          switch (i % 5) {
            case 0 -> new Command.AgentLogin("agent" + (i % 17));
            case 1 -> new Command.AgentReady("agent" + (i % 17));
            case 2, 3 -> Command.ContactArrived.call("call" + i, "sales", i % 3);
            default -> new Command.ContactAnswered("call" + (i - 2), "agent" + (i % 17));
          });
    }
    return commands;
  }

  /** Publishes in chunks, draining after each, so batches end and periodic snapshots happen. */
  private static void run(RouterCore core, List<Command> commands, int chunk) {
    for (int i = 0; i < commands.size(); i++) {
      assertThat(core.publisher().publish(commands.get(i)).accepted()).isTrue();
      if ((i + 1) % chunk == 0) {
        assertThat(core.drain(TIMEOUT)).isTrue();
      }
    }
    assertThat(core.drain(TIMEOUT)).isTrue();
  }

  private List<Path> snapshots() throws IOException {
    return new SnapshotStore(dir, 10).list();
  }

  private void deleteSnapshots() throws IOException {
    for (Path p : snapshots()) {
      Files.delete(p);
    }
  }

  @Test
  void shouldReachTheLiveStateHashBySnapshotPlusTailAndByFullReplay() throws IOException {
    FakeRoutingEngine live = new FakeRoutingEngine();
    long liveHash;
    try (RouterCore core = core(live, 50)) {
      core.start();
      run(core, scenario(0, 400), 25);
      liveHash = live.stateHash();
    }
    List<Path> files = snapshots();
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    Files.delete(files.get(0));
    Path older = files.get(1);

    FakeRoutingEngine recovered = new FakeRoutingEngine();
    try (RouterCore core = core(recovered, 0)) {
      RecoveryReport report = core.start();

      assertThat(report.snapshotUsed()).isEqualTo(older.getFileName().toString());
      assertThat(report.commandsReplayed()).isBetween(1L, 399L);
      assertThat(report.corruptTail()).isEmpty();
      assertThat(report.stateHash()).isEqualTo(liveHash);
      assertThat(recovered.waiting()).isEqualTo(live.waiting());
      assertThat(recovered.agents()).isEqualTo(live.agents());
    }
    JournalReplayer.Summary full = JournalReplayer.replay(dir, new FakeRoutingEngine(), null);
    assertThat(full.commands()).isEqualTo(400);
    assertThat(full.finalStateHash()).isEqualTo(liveHash);
    assertThat(full.eventsByType()).containsEntry("CommandRejected", 400L);
    assertThat(full.eventsByType()).containsEntry("ContactQueued", 160L);
  }

  @Test
  void shouldSkipACorruptSnapshotAndSayWhy() throws IOException {
    FakeRoutingEngine live = new FakeRoutingEngine();
    try (RouterCore core = core(live, 40)) {
      core.start();
      run(core, scenario(0, 200), 20);
    }
    List<Path> files = snapshots();
    Path newest = files.get(0);
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length - 3] ^= 0x40;
    Files.write(newest, bytes);

    FakeRoutingEngine recovered = new FakeRoutingEngine();
    try (RouterCore core = core(recovered, 0)) {
      RecoveryReport report = core.start();

      assertThat(report.snapshotsSkipped()).singleElement().asString().contains("CRC mismatch");
      assertThat(report.snapshotUsed()).isEqualTo(files.get(1).getFileName().toString());
      assertThat(report.stateHash()).isEqualTo(live.stateHash());
    }
  }

  @Test
  void shouldReportATruncatedTailRecoverThePrefixAndResumeAfterIt() throws IOException {
    FakeRoutingEngine live = new FakeRoutingEngine();
    try (RouterCore core = core(live, 0)) {
      core.start();
      run(core, scenario(0, 100), 100);
    }
    long prefixHash = live.stateHash();
    deleteSnapshots();
    long damagedIndex;
    try (SingleChronicleQueue queue = rawQueue();
        ExcerptAppender appender = queue.createAppender()) {
      CodecBuffer entry = new CodecBuffer(64);
      CommandCodec.encode(5_000, Command.ContactArrived.call("lost-1", "sales", 0), entry);
      damagedIndex = appendRaw(appender, entry.array(), entry.length() / 2);
      entry.clear();
      CommandCodec.encode(5_001, Command.ContactArrived.call("lost-2", "sales", 0), entry);
      appendRaw(appender, entry.array(), entry.length());
    }

    FakeRoutingEngine recovered = new FakeRoutingEngine();
    long afterRestartHash;
    try (RouterCore core = core(recovered, 0)) {
      RecoveryReport report = core.start();

      assertThat(report.corruptTail()).isPresent();
      CorruptTail tail = report.corruptTail().orElseThrow();
      assertThat(tail.position().index()).isEqualTo(damagedIndex);
      assertThat(tail.position().sequence()).isEqualTo(100);
      assertThat(tail.reason()).contains("truncated");
      assertThat(tail.entriesAfter()).isEqualTo(1);
      assertThat(report.commandsReplayed()).isEqualTo(100);
      assertThat(report.stateHash()).isEqualTo(prefixHash);
      assertThat(recovered.waiting()).doesNotContain("lost-1", "lost-2");

      run(core, List.of(Command.ContactArrived.call("new-1", "sales", 0)), 1);
      afterRestartHash = recovered.stateHash();
    }
    // Only the recovery snapshot is left: the next start resumes after the damage, not at it.
    List<Path> files = snapshots();
    Files.delete(files.get(0));
    FakeRoutingEngine again = new FakeRoutingEngine();
    try (RouterCore core = core(again, 0)) {
      RecoveryReport report = core.start();

      assertThat(report.corruptTail()).isEmpty();
      assertThat(report.commandsReplayed()).isEqualTo(1);
      assertThat(report.stateHash()).isEqualTo(afterRestartHash);
      assertThat(again.waiting()).endsWith("new-1");
    }
  }

  @Test
  void shouldDetectAFlippedByteInTheQueueFileAndRecoverEverythingBeforeIt() throws IOException {
    List<Command> commands = new ArrayList<>(scenario(0, 60));
    commands.set(30, Command.ContactArrived.call("MARKER-7f3a9c", "sales", 0));
    FakeRoutingEngine live = new FakeRoutingEngine();
    try (RouterCore core = core(live, 0)) {
      core.start();
      run(core, commands.subList(0, 30), 30);
    }
    long prefixHash = live.stateHash();
    try (RouterCore core = core(new FakeRoutingEngine(), 0)) {
      core.start();
      run(core, commands.subList(30, 60), 30);
    }
    deleteSnapshots();
    assertThat(JournalDamage.flipFirst(dir, "MARKER-7f3a9c".getBytes(StandardCharsets.US_ASCII)))
        .isTrue();

    FakeRoutingEngine recovered = new FakeRoutingEngine();
    try (RouterCore core = core(recovered, 0)) {
      RecoveryReport report = core.start();

      CorruptTail tail = report.corruptTail().orElseThrow();
      assertThat(tail.position().sequence()).isEqualTo(30);
      assertThat(tail.reason()).contains("CRC mismatch");
      assertThat(tail.entriesAfter()).isEqualTo(29);
      assertThat(report.commandsReplayed()).isEqualTo(30);
      assertThat(report.stateHash()).isEqualTo(prefixHash);
    }
  }

  private SingleChronicleQueue rawQueue() {
    return SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).build();
  }

  private static long appendRaw(ExcerptAppender appender, byte[] bytes, int length) {
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(bytes, 0, length);
    }
    return appender.lastIndexAppended();
  }
}
