package dev.switchboard.router.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.pipeline.RouterCore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journal, snapshot and replay with the real routing engine: same hash, same waiting order. */
class RealEngineRecoveryTest {

  @TempDir Path dir;

  private RouterCore.Builder router(RoutingStateMachine engine) {
    AtomicLong now = new AtomicLong(1_764_000_000_000L);
    return RouterCore.builder()
        .journalDirectory(dir)
        .engine(engine)
        .timeSource(() -> now.addAndGet(700))
        .tickIntervalMs(0)
        .snapshotEveryCommands(15)
        .snapshotsToKeep(10);
  }

  @Test
  void shouldReachTheLiveHashAndWaitingOrderByReplayAndBySnapshotPlusTail() throws IOException {
    RoutingStateMachine live = new RoutingStateMachine();
    List<RouterEvent.ContactOffered> offers = Collections.synchronizedList(new ArrayList<>());
    List<RouterEvent> liveEvents = Collections.synchronizedList(new ArrayList<>());
    try (RouterCore core =
        router(live)
            .listener(
                (event, replay) -> {
                  liveEvents.add(event);
                  if (event instanceof RouterEvent.ContactOffered o) {
                    offers.add(o);
                  }
                })
            .build()) {
      core.start();
      dev.switchboard.router.pipeline.KillScenario.runDay(core, offers);
    }
    assertThat(live.waitingCount()).isPositive();
    assertThat(offers).isNotEmpty();

    List<RouterEvent> replayedEvents = new ArrayList<>();
    RoutingStateMachine replayed = new RoutingStateMachine();
    JournalReplayer.Summary summary =
        JournalReplayer.replay(dir, replayed, (event, replay) -> replayedEvents.add(event));
    assertThat(summary.finalStateHash()).isEqualTo(live.stateHash());
    assertThat(replayedEvents).isEqualTo(liveEvents);

    List<Path> snapshots = new SnapshotStore(dir, 10).list();
    assertThat(snapshots).hasSizeGreaterThan(2);
    Files.delete(snapshots.get(0));
    RoutingStateMachine recovered = new RoutingStateMachine();
    try (RouterCore core = router(recovered).build()) {
      RecoveryReport report = core.start();
      assertThat(report.snapshotUsed()).isEqualTo(snapshots.get(1).getFileName().toString());
      assertThat(report.commandsReplayed()).isPositive();
      assertThat(report.stateHash()).isEqualTo(live.stateHash());
      for (String q : List.of("sales", "support")) {
        assertThat(recovered.waitingContacts(q)).isEqualTo(live.waitingContacts(q));
      }
      for (int a = 0; a < 8; a++) {
        assertThat(recovered.agentState("agent" + a)).isEqualTo(live.agentState("agent" + a));
      }
    }
  }
}
