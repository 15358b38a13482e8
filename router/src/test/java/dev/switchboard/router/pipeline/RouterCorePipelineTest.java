package dev.switchboard.router.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher.PublishResult;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.journal.ChronicleJournal;
import dev.switchboard.router.journal.RecoveryReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's guarantees in the parallel layout; {@link FusedRouterCorePipelineTest} reruns
 * them.
 */
class RouterCorePipelineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  StageLayout layout() {
    return StageLayout.PARALLEL;
  }

  private RouterCore.Builder core(FakeRoutingEngine engine) {
    return RouterCore.builder()
        .stageLayout(layout())
        .journalDirectory(dir)
        .engine(engine)
        .tickIntervalMs(0)
        .ringSize(1024)
        .snapshotEveryCommands(0);
  }

  /**
   * Reads the journal with its own queue instance while the router runs, and checks that each
   * command whose events are being dispatched is already there, in the same order.
   */
  private static final class JournalCheckingListener implements RouterEventListener, AutoCloseable {
    private final ChronicleJournal reader;
    private final ArrayDeque<Command> journaled = new ArrayDeque<>();
    private long readUpTo = ChronicleJournal.NO_INDEX;
    final List<Command> dispatched = new ArrayList<>();
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    JournalCheckingListener(Path dir) {
      reader = ChronicleJournal.open(dir);
    }

    @Override
    public void onEvent(RouterEvent event, boolean replay) {
      if (!(event instanceof RouterEvent.CommandRejected r) || !r.code().equals("fake-applied")) {
        return;
      }
      if (journaled.isEmpty()) {
        ChronicleJournal.ReadResult result =
            reader.read(readUpTo, (index, ts, command) -> journaled.add(command));
        readUpTo = result.lastIndex();
      }
      Command next = journaled.pollFirst();
      if (!r.command().equals(next)) {
        problems.add("dispatching " + r.command() + " but the journal's next entry is " + next);
      }
      dispatched.add(r.command());
    }

    @Override
    public void close() {
      reader.close();
    }
  }

  @Test
  void shouldApplyCommandsFromSeveralThreadsInRingOrderJournaledBeforeDispatch() throws Exception {
    FakeRoutingEngine engine = new FakeRoutingEngine();
    int producers = 4;
    int perProducer = 500;
    try (JournalCheckingListener listener = new JournalCheckingListener(dir);
        RouterCore core = core(engine).listener(listener).build()) {
      core.start();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        Thread t =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < perProducer; i++) {
                    Command c = Command.ContactArrived.call("p" + producer + "-" + i, "q", 0);
                    while (core.publisher().publish(c) == PublishResult.RING_FULL) {
                      Thread.onSpinWait();
                    }
                  }
                });
        t.start();
        threads.add(t);
      }
      go.countDown();
      for (Thread t : threads) {
        t.join(TIMEOUT.toMillis());
      }
      assertThat(core.drain(TIMEOUT)).isTrue();

      assertThat(listener.problems).isEmpty();
      assertThat(engine.applied).hasSize(producers * perProducer);
      assertThat(listener.dispatched).containsExactlyElementsOf(engine.applied);
      for (int p = 0; p < producers; p++) {
        String prefix = "p" + p + "-";
        List<String> own =
            engine.applied.stream()
                .map(c -> ((Command.ContactArrived) c).contactId())
                .filter(id -> id.startsWith(prefix))
                .toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perProducer; i++) {
          expected.add(prefix + i);
        }
        assertThat(own).as("producer %d's commands in its own order", p).isEqualTo(expected);
      }
    }
  }

  @Test
  void shouldAnswerRingFullWhenEverySlotIsTakenAndAcceptAgainOnceItDrains() throws Exception {
    FakeRoutingEngine engine = new FakeRoutingEngine();
    try (RouterCore core = core(engine).ringSize(8).build()) {
      core.start();
      assertThat(core.publisher().publish(new Command.AnnouncementChanged("block", true, "")))
          .isEqualTo(PublishResult.ACCEPTED);
      assertThat(engine.blocked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      List<PublishResult> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(core.publisher().publish(new Command.AgentLogin("a" + i)));
      }

      assertThat(results.subList(0, 7)).containsOnly(PublishResult.ACCEPTED);
      assertThat(results.get(7)).isEqualTo(PublishResult.RING_FULL);
      engine.release.countDown();
      assertThat(core.drain(TIMEOUT)).isTrue();
      assertThat(core.publisher().publish(new Command.AgentLogin("late")))
          .isEqualTo(PublishResult.ACCEPTED);
      assertThat(core.drain(TIMEOUT)).isTrue();
      assertThat(engine.commands()).isEqualTo(9);
    }
  }

  @Test
  void shouldFailStopWhenTheEngineThrowsAndReplayTheJournaledCommandsOnRestart() {
    FakeRoutingEngine engine = new FakeRoutingEngine();
    List<RouterEvent> events = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failures = new AtomicLong();
    RouterCore core =
        core(engine)
            .listener((event, replay) -> events.add(event))
            .onFailure(cause -> failures.incrementAndGet())
            .build();
    core.start();
    for (int i = 0; i < 3; i++) {
      core.publisher().publish(Command.ContactArrived.call("c" + i, "q", 0));
    }
    assertThat(core.drain(TIMEOUT)).isTrue();
    core.publisher().publish(Command.ContactArrived.call("bad", "poison", 0));

    assertThat(Await.await(() -> core.failure() != null, TIMEOUT)).isTrue();
    assertThat(failures).hasValue(1);
    assertThat(core.isRunning()).isFalse();
    assertThat(core.publisher().publish(Command.TICK)).isEqualTo(PublishResult.CLOSED);
    assertThat(events)
        .filteredOn(RouterEvent.ContactQueued.class::isInstance)
        .extracting(e -> ((RouterEvent.ContactQueued) e).contactId())
        .containsExactly("c0", "c1", "c2");
    core.close();

    FakeRoutingEngine fixed = new FakeRoutingEngine(false);
    try (RouterCore restarted = core(fixed).build()) {
      RecoveryReport report = restarted.start();
      assertThat(report.commandsReplayed()).isEqualTo(4);
      assertThat(fixed.waiting()).containsExactly("c0", "c1", "c2", "bad");
    }
  }

  @Test
  void shouldHandTheEngineNonDecreasingTimeWhenTheClockStepsBack() {
    FakeRoutingEngine engine = new FakeRoutingEngine();
    ArrayDeque<Long> clock = new ArrayDeque<>(List.of(1_000L, 900L, 1_100L, 1_050L, 1_200L));
    try (RouterCore core = core(engine).timeSource(clock::poll).build()) {
      core.start();
      for (int i = 0; i < 5; i++) {
        core.publisher().publish(new Command.AgentLogin("a" + i));
        assertThat(core.drain(TIMEOUT)).isTrue();
      }
      assertThat(engine.appliedAtMs).containsExactly(1_000L, 1_000L, 1_100L, 1_100L, 1_200L);
    }
    FakeRoutingEngine replayed = new FakeRoutingEngine();
    dev.switchboard.router.journal.JournalReplayer.replay(dir, replayed, null);
    assertThat(replayed.appliedAtMs).containsExactly(1_000L, 1_000L, 1_100L, 1_100L, 1_200L);
  }

  @Test
  void shouldPublishTicksFromTheTimerUntilClosed() {
    FakeRoutingEngine engine = new FakeRoutingEngine();
    RouterCore core = core(engine).tickIntervalMs(5).build();
    core.start();

    assertThat(
            Await.await(
                () ->
                    List.copyOf(engine.applied).stream()
                            .filter(Command.Tick.class::isInstance)
                            .count()
                        >= 3,
                TIMEOUT))
        .isTrue();
    core.close();
    assertThat(core.publisher().publish(Command.TICK)).isEqualTo(PublishResult.CLOSED);
  }

  @Test
  void shouldKeepRoutingWhenAListenerThrows() {
    FakeRoutingEngine engine = new FakeRoutingEngine();
    AtomicLong seen = new AtomicLong();
    try (RouterCore core =
        core(engine)
            .listener(
                (event, replay) -> {
                  throw new IllegalStateException("broken wallboard");
                })
            .listener((event, replay) -> seen.incrementAndGet())
            .build()) {
      core.start();
      for (int i = 0; i < 10; i++) {
        core.publisher().publish(new Command.AgentReady("a" + i));
      }
      assertThat(core.drain(TIMEOUT)).isTrue();

      assertThat(seen).hasValue(10);
      assertThat(core.statistics().listenerFailures()).isEqualTo(10);
      assertThat(core.isRunning()).isTrue();
    }
  }

  @Test
  void shouldTellTheDispatchObserverEverySequenceInOrderAfterTheListeners() {
    FakeRoutingEngine engine = new FakeRoutingEngine();
    List<Long> sequences = Collections.synchronizedList(new ArrayList<>());
    AtomicLong eventsSeen = new AtomicLong();
    List<Long> eventsWhenObserved = Collections.synchronizedList(new ArrayList<>());
    try (RouterCore core =
        core(engine)
            .listener((event, replay) -> eventsSeen.incrementAndGet())
            .dispatchObserver(
                sequence -> {
                  sequences.add(sequence);
                  eventsWhenObserved.add(eventsSeen.get());
                })
            .build()) {
      core.start();
      for (int i = 0; i < 5; i++) {
        core.publisher().publish(new Command.WrapUpDone("a" + i));
      }
      assertThat(core.drain(TIMEOUT)).isTrue();

      assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(eventsWhenObserved).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
  }

  @Test
  void shouldRefuseBadSettingsWithAClearMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                RouterCore.builder()
                    .journalDirectory(dir)
                    .engine(new FakeRoutingEngine())
                    .ringSize(1000)
                    .build())
        .hasMessageContaining("ringSize must be a power of two");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RouterCore.builder().engine(new FakeRoutingEngine()).build())
        .hasMessageContaining("journalDirectory is required");
  }
}
