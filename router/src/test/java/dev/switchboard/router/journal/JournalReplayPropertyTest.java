package dev.switchboard.router.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.pipeline.FakeRoutingEngine;
import dev.switchboard.router.pipeline.RouterCore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For any command sequence: live state hash = replay of the journal = snapshot + tail, and replay
 * reproduces the live events exactly.
 */
class JournalReplayPropertyTest {

  @Provide
  Arbitrary<List<Command>> commandLists() {
    return CommandArbitraries.command().list().ofMinSize(1).ofMaxSize(120);
  }

  @Property(tries = 6)
  void shouldReplayToTheLiveStateAndEvents(
      @ForAll("commandLists") List<Command> commands,
      @ForAll @IntRange(min = 1, max = 40) int snapshotEvery)
      throws IOException {
    Path dir = Files.createTempDirectory("replay-property");
    try {
      FakeRoutingEngine live = new FakeRoutingEngine(false);
      List<RouterEvent> liveEvents = Collections.synchronizedList(new ArrayList<>());
      try (RouterCore core =
          RouterCore.builder()
              .journalDirectory(dir)
              .engine(live)
              .tickIntervalMs(0)
              .ringSize(64)
              .snapshotEveryCommands(snapshotEvery)
              .listener((event, replay) -> liveEvents.add(event))
              .build()) {
        core.start();
        for (int i = 0; i < commands.size(); i++) {
          while (!core.publisher().publish(commands.get(i)).accepted()) {
            assertThat(core.drain(Duration.ofSeconds(20))).isTrue();
          }
          if (i % snapshotEvery == 0) {
            assertThat(core.drain(Duration.ofSeconds(20))).isTrue();
          }
        }
        assertThat(core.drain(Duration.ofSeconds(20))).isTrue();
      }

      List<RouterEvent> replayedEvents = new ArrayList<>();
      JournalReplayer.Summary summary =
          JournalReplayer.replay(
              dir, new FakeRoutingEngine(false), (event, replay) -> replayedEvents.add(event));
      assertThat(summary.commands()).isEqualTo(commands.size());
      assertThat(summary.finalStateHash()).isEqualTo(live.stateHash());
      assertThat(replayedEvents).isEqualTo(liveEvents);

      // Throw away the newest snapshot so recovery has a tail to replay when there is one.
      List<java.nio.file.Path> snapshots = new SnapshotStore(dir, 3).list();
      if (snapshots.size() > 1) {
        Files.delete(snapshots.get(0));
      }
      FakeRoutingEngine recovered = new FakeRoutingEngine(false);
      try (RouterCore core =
          RouterCore.builder().journalDirectory(dir).engine(recovered).tickIntervalMs(0).build()) {
        RecoveryReport report = core.start();
        assertThat(report.stateHash()).isEqualTo(live.stateHash());
        assertThat(recovered.waiting()).isEqualTo(live.waiting());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
