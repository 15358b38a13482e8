package dev.switchboard.router.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.engine.RoutingEngine;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.journal.ChronicleJournal;
import dev.switchboard.router.journal.CorruptEntryException;
import dev.switchboard.router.journal.JournalReplayer;
import dev.switchboard.router.journal.RecoveryReport;
import dev.switchboard.router.journal.SnapshotOutput;
import dev.switchboard.router.journal.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot follower with the real {@link RoutingStateMachine}: each snapshot it writes is, byte
 * for byte, the routing engine's state at the journal index it names, and a restart from it plus
 * the journal tail reaches the state of the run that was never interrupted.
 */
class SnapshotFollowerRealEngineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final int EVERY = 25;

  @TempDir Path dir;

  /** Every engine the factory made, in order: routing engine first, then the follower's. */
  private final List<RoutingStateMachine> made = Collections.synchronizedList(new ArrayList<>());

  private final Supplier<RoutingEngine> engines =
      () -> {
        RoutingStateMachine engine = new RoutingStateMachine();
        made.add(engine);
        return engine;
      };

  private RouterCore.Builder router() {
    return RouterCore.builder()
        .journalDirectory(dir)
        .engineFactory(engines)
        .stageLayout(StageLayout.FUSED)
        .timeSource(KillScenario.steppingClock())
        .tickIntervalMs(0)
        .ringSize(1024)
        .snapshotEveryCommands(EVERY)
        .snapshotsToKeep(1_000);
  }

  @Test
  void shouldWriteTheRoutingEnginesStateAtEachIndexAndRestartFromItToTheSameHash()
      throws IOException, CorruptEntryException {
    // The routing engine's state after each ring sequence, taken on the routing thread itself:
    // in the fused layout the dispatch observer runs there, right after the command was applied.
    Map<Long, byte[]> routedState = new ConcurrentHashMap<>();
    Map<Long, Long> routedHash = new ConcurrentHashMap<>();
    RoutingStateMachine[] live = new RoutingStateMachine[1];
    List<RouterEvent.ContactOffered> offers = Collections.synchronizedList(new ArrayList<>());
    RouterCore core =
        router()
            .listener(
                (event, replay) -> {
                  if (event instanceof RouterEvent.ContactOffered o) {
                    offers.add(o);
                  }
                })
            .dispatchObserver(
                sequence -> {
                  routedState.put(sequence, bytes(live[0]));
                  routedHash.put(sequence, live[0].stateHash());
                })
            .build();
    assertThat(made).hasSize(2);
    live[0] = made.get(0);
    RoutingStateMachine followerCopy = made.get(1);
    long commands;
    try (core) {
      core.start();
      KillScenario.runDay(core, offers);
      assertThat(core.drain(TIMEOUT)).isTrue();
      // Leave a journal tail after the follower's newest snapshot, for the restart below.
      for (int tries = 0; tries < 5; tries++) {
        assertThat(Await.await(() -> core.statistics().followerLagCommands() == 0, TIMEOUT))
            .isTrue();
        List<Path> written = new SnapshotStore(dir, 1_000).list();
        if (written.isEmpty()
            || new SnapshotStore(dir, 1_000).read(written.get(0)).header().journalIndex()
                != core.statistics().lastJournalIndex()) {
          break;
        }
        publish(core, Command.TICK);
        assertThat(core.drain(TIMEOUT)).isTrue();
      }
      commands = core.lastPublishedSequence() + 1;
      // In the fused layout a document holds a batch of commands, and the follower snapshots
      // between documents: at least EVERY commands apart, so at most commands / EVERY of them.
      assertThat(commands / EVERY).isGreaterThan(3);
      assertThat(Await.await(() -> core.statistics().followerLagCommands() == 0, TIMEOUT)).isTrue();
      RouterCore.Statistics stats = core.statistics();
      assertThat(stats.snapshotsByFollower()).isBetween(3L, commands / EVERY);
      assertThat(stats.routingThreadSnapshots()).isZero();
      assertThat(stats.maxRoutingThreadSerializeNanos()).isZero();
      assertThat(stats.snapshotsWritten()).isEqualTo(stats.snapshotsByFollower());
      assertThat(stats.maxSnapshotSerializeNanos()).isPositive();
      assertThat(followerCopy).isNotSameAs(live[0]);
    }
    long finalHash = live[0].stateHash();
    assertThat(live[0].waitingCount()).isPositive();

    List<Long> indices = new ArrayList<>();
    List<Long> timestamps = new ArrayList<>();
    try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
      journal.read(
          ChronicleJournal.NO_INDEX,
          (index, timestampMs, command) -> {
            indices.add(index);
            timestamps.add(timestampMs);
          });
    }
    assertThat(indices).hasSize((int) commands);
    // The last ring sequence in each document: the routing engine's state after the document is
    // the one the dispatch observer saw for it (the fused layout routes a document's commands,
    // writes it, then dispatches them).
    Map<Long, Integer> lastSequenceOf = new java.util.HashMap<>();
    for (int sequence = 0; sequence < commands; sequence++) {
      lastSequenceOf.put(indices.get(sequence), sequence);
    }

    SnapshotStore store = new SnapshotStore(dir, 1_000);
    Path finalSnapshot = store.fileFor(indices.get((int) commands - 1));
    List<Path> followerSnapshots = new ArrayList<>(store.list());
    followerSnapshots.remove(finalSnapshot);
    java.util.Collections.reverse(followerSnapshots); // oldest first
    assertThat(followerSnapshots).hasSizeGreaterThanOrEqualTo(3);
    Path newestFollowerSnapshot = null;
    int previous = -1;
    for (Path file : followerSnapshots) {
      SnapshotStore.Loaded loaded = store.read(file);
      Integer sequence = lastSequenceOf.get(loaded.header().journalIndex());
      assertThat(sequence).as("%s names a document of the journal", file).isNotNull();
      assertThat(sequence - previous)
          .as("commands between snapshots up to %s", file)
          .isGreaterThanOrEqualTo(EVERY);
      assertThat(loaded.body())
          .as("snapshot %s is the routing engine's state after ring sequence %d", file, sequence)
          .isEqualTo(routedState.get((long) sequence));
      assertThat(loaded.header().stateHash()).isEqualTo(routedHash.get((long) sequence));
      assertThat(loaded.header().lastTimestampMs()).isEqualTo(timestamps.get(sequence));
      RoutingStateMachine restored = new RoutingStateMachine();
      restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(loaded.body())));
      assertThat(restored.stateHash()).isEqualTo(routedHash.get((long) sequence));
      newestFollowerSnapshot = file;
      previous = sequence;
    }
    long afterNewest = commands - 1 - previous;

    // As if the process had died before close() wrote its final snapshot.
    assertThat(finalSnapshot).isNotEqualTo(newestFollowerSnapshot).exists();
    Files.delete(finalSnapshot);
    assertThat(store.list().get(0)).isEqualTo(newestFollowerSnapshot);

    made.clear();
    try (RouterCore restarted = router().build()) {
      RecoveryReport report = restarted.start();
      RoutingStateMachine recovered = made.get(0);
      assertThat(report.snapshotUsed()).isEqualTo(newestFollowerSnapshot.getFileName().toString());
      assertThat(report.commandsReplayed()).isEqualTo(afterNewest).isPositive();
      assertThat(report.stateHash()).isEqualTo(finalHash);
      for (String q : KillScenario.QUEUES) {
        assertThat(recovered.waitingContacts(q)).isEqualTo(live[0].waitingContacts(q));
      }

      // The restarted router's follower starts from the recovered state and snapshots it right.
      for (int i = 0; i < EVERY; i++) {
        publish(restarted, Command.TICK);
      }
      assertThat(restarted.drain(TIMEOUT)).isTrue();
      assertThat(Await.await(() -> restarted.statistics().snapshotsByFollower() >= 1, TIMEOUT))
          .isTrue();
      assertThat(Await.await(() -> restarted.statistics().followerLagCommands() == 0, TIMEOUT))
          .isTrue();
      SnapshotStore.Loaded afterRestart = store.read(store.list().get(0));
      assertThat(afterRestart.header().journalIndex())
          .isEqualTo(restarted.statistics().lastJournalIndex());
      assertThat(afterRestart.body()).isEqualTo(bytes(recovered));
      assertThat(afterRestart.header().stateHash()).isEqualTo(recovered.stateHash());
    }

    JournalReplayer.Summary replay =
        JournalReplayer.replay(dir, new RoutingStateMachine(), (event, replayed) -> {});
    assertThat(replay.commands()).isEqualTo(commands + EVERY);
    assertThat(made.get(0).stateHash()).isEqualTo(replay.finalStateHash());
  }

  private static byte[] bytes(RoutingEngine engine) {
    SnapshotOutput out = new SnapshotOutput(1 << 12);
    try {
      engine.writeSnapshot(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void publish(RouterCore core, Command command) {
    assertThat(core.publisher().publish(command).accepted()).as("accepted: %s", command).isTrue();
  }
}
