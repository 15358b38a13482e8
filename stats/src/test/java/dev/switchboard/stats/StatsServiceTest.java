package dev.switchboard.stats;

import static dev.switchboard.stats.Events.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsServiceTest {

  /** 2026-03-10 09:00:00 UTC. */
  static final long T0 = Instant.parse("2026-03-10T09:00:00Z").toEpochMilli();

  private final StatsService stats =
      new StatsService(StatsConfiguration.defaults(), new SimpleMeterRegistry());

  private void on(RouterEvent... events) {
    for (RouterEvent e : events) {
      stats.onEvent(e, false);
    }
  }

  private void setUpQueue() {
    on(
        queueConfigured(T0, "sales", "sales", new ServiceLevelTarget(80, 20, 5)),
        agentConfigured(T0, "a1", Map.of("sales", 5)),
        agentConfigured(T0, "a2", Map.of("support", 5)));
  }

  @Test
  void shouldReportEachServiceLevelDefinitionWithNumeratorAndDenominator() {
    setUpQueue();
    on(
        queued(T0, "c1", "sales", T0, 1),
        queued(T0, "c2", "sales", T0, 2),
        queued(T0, "c3", "sales", T0, 3),
        queued(T0, "c4", "sales", T0, 4),
        queued(T0, "c5", "sales", T0, 5),
        abandoned(T0 + 3_000, "c3", "sales", 3_000),
        answered(T0 + 10_000, "c1", "sales", "a1", 10_000),
        abandoned(T0 + 12_000, "c4", "sales", 12_000),
        answered(T0 + 30_000, "c2", "sales", "a1", 30_000),
        abandoned(T0 + 40_000, "c5", "sales", 40_000));

    QueueStats q = stats.queue("sales", T0 + 60_000).orElseThrow();

    assertThat(q.offered()).isEqualTo(5);
    assertThat(q.answered()).isEqualTo(2);
    assertThat(q.abandoned()).isEqualTo(3);
    assertThat(q.shortAbandoned()).isEqualTo(1);
    assertThat(q.serviceLevel().numerator()).isEqualTo(1);
    assertThat(q.serviceLevel().denominator()).isEqualTo(3);
    assertThat(q.serviceLevel().percent()).isCloseTo(33.33, within(0.01));
    assertThat(q.serviceLevel().definitions())
        .extracting(
            QueueStats.Definition::name,
            QueueStats.Definition::numerator,
            QueueStats.Definition::denominator)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("DEFAULT", 1L, 3L),
            org.assertj.core.groups.Tuple.tuple("ASTERISK_SL", 1L, 2L),
            org.assertj.core.groups.Tuple.tuple("ASTERISK_SL2", 3L, 5L),
            org.assertj.core.groups.Tuple.tuple("ALL_ABANDONS", 1L, 5L));
    assertThat(q.asaSeconds()).isEqualTo(20.0);
    assertThat(q.avgAbandonWaitSeconds()).isCloseTo((3 + 12 + 40) / 3.0, within(1e-9));
    assertThat(q.windows().last15m().offered()).isEqualTo(5);
  }

  @Test
  void shouldTrackWaitingAndLongestWait() {
    setUpQueue();
    on(queued(T0, "c1", "sales", T0 - 5_000, 1), queued(T0 + 1_000, "c2", "sales", T0 + 1_000, 2));

    QueueStats q = stats.queue("sales", T0 + 10_000).orElseThrow();
    assertThat(q.waiting()).isEqualTo(2);
    assertThat(q.longestWaitSeconds()).isEqualTo(15);

    on(
        offered(T0 + 11_000, "c1", "sales", "a1"),
        answered(T0 + 12_000, "c1", "sales", "a1", 17_000));
    q = stats.queue("sales", T0 + 20_000).orElseThrow();
    assertThat(q.waiting()).isEqualTo(1);
    assertThat(q.longestWaitSeconds()).isEqualTo(19);
  }

  @Test
  void shouldCountAgentsServingTheQueueByStateAndPauseReason() {
    setUpQueue();
    on(
        agentConfigured(T0, "a3", Map.of("sales", 2)),
        agentState(T0, "a1", AgentState.LOGGED_OUT, AgentState.READY, ""),
        agentState(T0, "a2", AgentState.LOGGED_OUT, AgentState.READY, ""),
        agentState(T0, "a3", AgentState.LOGGED_OUT, AgentState.PAUSED, "lunch"));

    QueueStats.AgentCounts agents = stats.queue("sales", T0).orElseThrow().agents();
    assertThat(agents.loggedIn()).isEqualTo(2);
    assertThat(agents.ready()).isEqualTo(1);
    assertThat(agents.paused()).isEqualTo(1);
    assertThat(agents.pausedByReason()).containsExactly(Map.entry("lunch", 1));
  }

  @Test
  void shouldMeasureAgentOccupancyHandleTimeAndPauses() {
    setUpQueue();
    on(
        agentState(T0, "a1", AgentState.LOGGED_OUT, AgentState.PAUSED, "login"),
        agentState(T0 + 60_000, "a1", AgentState.PAUSED, AgentState.READY, ""),
        queued(T0 + 120_000, "c1", "sales", T0 + 120_000, 1),
        offered(T0 + 120_000, "c1", "sales", "a1"),
        agentState(T0 + 120_000, "a1", AgentState.READY, AgentState.RESERVED, ""),
        answered(T0 + 130_000, "c1", "sales", "a1", 10_000),
        agentState(T0 + 130_000, "a1", AgentState.RESERVED, AgentState.BUSY, ""),
        ended(T0 + 190_000, "c1", "sales", "a1", 60_000),
        agentState(T0 + 190_000, "a1", AgentState.BUSY, AgentState.WRAP_UP, ""),
        agentState(T0 + 220_000, "a1", AgentState.WRAP_UP, AgentState.READY, ""));

    AgentStats a = stats.agent("a1", T0 + 240_000).orElseThrow();
    assertThat(a.handled()).isEqualTo(1);
    assertThat(a.ahtSeconds()).isEqualTo(90.0);
    // ready 60+20, reserved 10, busy 60, wrap 30 -> working 90 of 180
    assertThat(a.occupancyPercent()).isCloseTo(50.0, within(1e-9));
    assertThat(a.pausesByReason()).containsExactly(Map.entry("login", 60L));
    assertThat(a.state()).isEqualTo("READY");
    assertThat(a.secondsInState()).isEqualTo(20);
    assertThat(a.queueIds()).containsExactly("sales");
    assertThat(stats.queue("sales", T0 + 240_000).orElseThrow().ahtSeconds()).isEqualTo(90.0);
  }

  @Test
  void shouldResetTodayAtTheConfiguredLocalTimeInTheZone() {
    StatsService paris =
        new StatsService(
            StatsConfiguration.defaults().withDay(ZoneId.of("Europe/Paris"), LocalTime.of(6, 0)),
            new SimpleMeterRegistry());
    // 04:30 UTC = 05:30 Paris: yesterday's statistics day; 05:10 UTC = 06:10 Paris: today's.
    long before = Instant.parse("2026-03-10T04:30:00Z").toEpochMilli();
    long after = Instant.parse("2026-03-10T05:10:00Z").toEpochMilli();
    paris.onEvent(queued(before, "c1", "q", before, 1), false);
    assertThat(paris.queue("q", before + 1000).orElseThrow().offered()).isEqualTo(1);
    assertThat(paris.queue("q", after).orElseThrow().offered()).isZero();
    paris.onEvent(queued(after, "c2", "q", after, 2), false);
    QueueStats q = paris.queue("q", after).orElseThrow();
    assertThat(q.offered()).isEqualTo(1);
    assertThat(q.waiting()).isEqualTo(2);
  }

  @Test
  void shouldCloseFifteenMinuteIntervals() {
    setUpQueue();
    on(
        queued(T0 + 1_000, "c1", "sales", T0 + 1_000, 1),
        answered(T0 + 5_000, "c1", "sales", "a1", 4_000),
        queued(T0 + 16 * 60_000, "c2", "sales", T0 + 16 * 60_000, 1));

    assertThat(stats.intervals("sales"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.startMs()).isEqualTo(T0);
              assertThat(i.endMs()).isEqualTo(T0 + 15 * 60_000);
              assertThat(i.offered()).isEqualTo(1);
              assertThat(i.answered()).isEqualTo(1);
              assertThat(i.serviceLevelPercent()).isEqualTo(100.0);
            });
  }

  @Test
  void shouldCountCallbacksApartFromServiceLevel() {
    setUpQueue();
    on(
        queued(T0, "c1", "sales", T0, 1),
        callback(T0 + 5_000, "c1", "sales"),
        queued(T0 + 6_000, "c2", "sales", T0 + 6_000, 2));
    QueueStats q = stats.queue("sales", T0 + 7_000).orElseThrow();
    assertThat(q.callbacksPending()).isEqualTo(1);
    assertThat(q.waiting()).isEqualTo(1);

    on(answered(T0 + 600_000, "c1", "sales", "a1", 600_000));
    q = stats.queue("sales", T0 + 600_000).orElseThrow();
    assertThat(q.callbacksPending()).isZero();
    assertThat(q.callbacksCompleted()).isEqualTo(1);
    assertThat(q.answered()).isEqualTo(1);
    assertThat(q.serviceLevel().denominator()).isZero();
    assertThat(q.serviceLevel().percent()).isNull();
  }

  @Test
  void shouldJoinSurveysToTheContactsQueueAndAgent() {
    setUpQueue();
    on(
        queued(T0, "c1", "sales", T0, 1),
        answered(T0 + 1_000, "c1", "sales", "a1", 1_000),
        ended(T0 + 61_000, "c1", "sales", "a1", 60_000),
        survey(T0 + 70_000, "c1", 4),
        survey(T0 + 70_000, "unknown", 1));
    QueueStats q = stats.queue("sales", T0 + 80_000).orElseThrow();
    assertThat(q.csatAverage()).isEqualTo(4.0);
    assertThat(q.csatCount()).isEqualTo(1);
    assertThat(stats.agent("a1", T0 + 80_000).orElseThrow().csatAverage()).isEqualTo(4.0);
  }

  @Test
  void shouldCountOverflowsAndMovesOutOfTheSourceQueue() {
    setUpQueue();
    on(
        queueConfigured(T0, "backup", null, ServiceLevelTarget.defaults()),
        queued(T0, "c1", "sales", T0, 1),
        moved(T0 + 30_000, "c1", "sales", "backup"),
        queued(T0 + 30_000, "c1", "backup", T0, 1),
        queued(T0, "c2", "sales", T0, 1),
        overflowed(T0 + 40_000, "c2", "sales", 40_000));
    QueueStats sales = stats.queue("sales", T0 + 50_000).orElseThrow();
    QueueStats backup = stats.queue("backup", T0 + 50_000).orElseThrow();
    assertThat(sales.overflowed()).isEqualTo(2);
    assertThat(sales.waiting()).isZero();
    assertThat(backup.offered()).isEqualTo(1);
    assertThat(backup.waiting()).isEqualTo(1);
    assertThat(backup.longestWaitSeconds()).isEqualTo(50);
  }

  @Test
  void shouldEstimateWaitFromPositionAgentsAndHandleTime() {
    setUpQueue();
    on(
        agentConfigured(T0, "a3", Map.of("sales", 5)),
        agentState(T0, "a1", AgentState.LOGGED_OUT, AgentState.READY, ""),
        agentState(T0, "a3", AgentState.LOGGED_OUT, AgentState.READY, ""),
        // One handled contact of 120 s talk gives the AHT.
        queued(T0, "h", "sales", T0, 1),
        answered(T0, "h", "sales", "a1", 0),
        ended(T0 + 120_000, "h", "sales", "a1", 120_000),
        agentState(T0 + 120_000, "a1", AgentState.READY, AgentState.BUSY, ""),
        agentState(T0 + 120_000, "a3", AgentState.READY, AgentState.BUSY, ""),
        queued(T0 + 120_000, "c1", "sales", T0 + 120_000, 1),
        queued(T0 + 121_000, "c2", "sales", T0 + 121_000, 2),
        queued(T0 + 122_000, "c3", "sales", T0 + 122_000, 3));

    // Two agents busy, AHT 120 s: the k-th in line waits about k × 120 / 2 s.
    assertThat(stats.estimate("sales", "c1")).isEqualTo(new WaitEstimate(1, 3, 60));
    assertThat(stats.estimate("sales", "c3")).isEqualTo(new WaitEstimate(3, 3, 180));
    assertThat(stats.estimate("sales", "")).isEqualTo(new WaitEstimate(4, 3, 240));
    assertThat(stats.estimate("nope", "")).isEqualTo(WaitEstimate.unknown());

    // c1 was told 60 s at arrival and waits 90 s: error +30 s.
    on(answered(T0 + 210_000, "c1", "sales", "a1", 90_000));
    QueueStats.WaitEstimateAccuracy acc =
        stats.queue("sales", T0 + 210_000).orElseThrow().waitEstimateAccuracy();
    assertThat(acc.samples()).isEqualTo(1);
    assertThat(acc.meanErrorSeconds()).isEqualTo(30.0);
  }

  @Test
  void shouldKeepContactHistoryWithDecisions() {
    setUpQueue();
    on(
        queued(T0, "c1", "sales", T0, 1),
        offered(T0 + 1_000, "c1", "sales", "a1"),
        notTaken(T0 + 16_000, "c1", "sales", "a1"),
        requeued(T0 + 16_000, "c1", "sales", T0),
        offered(T0 + 17_000, "c1", "sales", "a3"),
        answered(T0 + 20_000, "c1", "sales", "a3", 20_000));

    ContactHistory h = stats.contact("c1").orElseThrow();
    assertThat(h.state()).isEqualTo("TALKING");
    assertThat(h.decisions())
        .extracting(ContactHistory.Decision::agentId)
        .containsExactly("a1", "a3");
    assertThat(h.events())
        .extracting(ContactHistory.Event::type)
        .containsExactly(
            "ContactQueued",
            "ContactOffered",
            "OfferNotTaken",
            "ContactQueued",
            "ContactOffered",
            "ContactAnswered");
    assertThat(stats.queue("sales", T0 + 20_000).orElseThrow().offered()).isEqualTo(1);
  }

  @Test
  void shouldRequireAgentsByErlangCFromMeasuredLoad() {
    setUpQueue();
    // 60 calls over 30 minutes, 180 s handle time each: 2 calls/min × 3 min = 6 Erlangs.
    for (int i = 0; i < 60; i++) {
      long t = T0 + i * 30_000L;
      String c = "c" + i;
      on(
          queued(t, c, "sales", t, 1),
          answered(t, c, "sales", "a1", 0),
          ended(t + 1, c, "sales", "a1", 180_000));
    }
    QueueStats q = stats.queue("sales", T0 + 30 * 60_000 - 1).orElseThrow();
    assertThat(q.windows().last30m().offered()).isEqualTo(60);
    assertThat(q.requiredAgents())
        .isEqualTo(ErlangC.requiredAgents(60 / 1800.0, 180, 0.8, 20, 100_000));
    assertThat(q.requiredAgents()).isBetween(7, 10);
  }

  @Test
  void shouldReturnEmptyForUnknownIds() {
    assertThat(stats.queue("x", T0)).isEmpty();
    assertThat(stats.agent("x", T0)).isEmpty();
    assertThat(stats.contact("x")).isEmpty();
    assertThat(stats.intervals("x")).isEmpty();
    assertThat(stats.snapshot(T0).queues()).isEmpty();
  }

  @Test
  void shouldRebuildTheSameFiguresFromReplayedEvents() {
    RouterEvent[] events = {
      queueConfigured(T0, "sales", "sales", new ServiceLevelTarget(80, 20, 5)),
      agentConfigured(T0, "a1", Map.of("sales", 5)),
      agentState(T0, "a1", AgentState.LOGGED_OUT, AgentState.READY, ""),
      queued(T0, "c1", "sales", T0, 1),
      answered(T0 + 25_000, "c1", "sales", "a1", 25_000),
      queued(T0 + 30_000, "c2", "sales", T0 + 30_000, 1),
    };
    StatsService replayed =
        new StatsService(StatsConfiguration.defaults(), new SimpleMeterRegistry());
    for (RouterEvent e : events) {
      stats.onEvent(e, false);
      replayed.onEvent(e, true);
    }
    assertThat(replayed.snapshot(T0 + 60_000)).isEqualTo(stats.snapshot(T0 + 60_000));
  }

  @Test
  void shouldDrawAMinuteTrendOfServiceLevelAndWaiting() {
    setUpQueue();
    on(
        queued(T0 + 5_000, "c1", "sales", T0 + 5_000, 1),
        queued(T0 + 70_000, "c2", "sales", T0 + 70_000, 2),
        answered(T0 + 80_000, "c1", "sales", "a1", 75_000),
        answered(T0 + 200_000, "c2", "sales", "a1", 10_000));
    java.util.List<QueueStats.TrendPoint> trend =
        stats.queue("sales", T0 + 250_000).orElseThrow().trend();
    assertThat(trend).hasSize(60);
    QueueStats.TrendPoint last = trend.get(59);
    assertThat(last.timeMs()).isEqualTo(T0 + 240_000);
    // minute 0: 1 waiting; minute 1: c2 arrives, c1 answered late (SL 0 %); minute 2: 1 waiting;
    // minute 3: c2 answered in time (SL 100 %); minute 4: nobody.
    assertThat(trend.subList(55, 60))
        .extracting(QueueStats.TrendPoint::waiting)
        .containsExactly(1, 1, 1, 0, 0);
    assertThat(trend.subList(55, 60))
        .extracting(QueueStats.TrendPoint::serviceLevelPercent)
        .containsExactly(null, 0.0, null, 100.0, null);
    assertThat(trend.get(0).waiting()).isZero();
  }

  @Test
  void shouldServeReadsFromOtherThreadsWhileEventsApply() throws Exception {
    setUpQueue();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              try {
                while (!done.get()) {
                  StatsSnapshot s = stats.snapshot(T0 + 3_600_000);
                  assertThat(s.queues()).isNotEmpty();
                  stats.estimate("sales", "");
                }
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    reader.start();
    for (int i = 0; i < 3_000; i++) {
      long t = T0 + i * 100L;
      on(queued(t, "c" + i, "sales", t, 1), answered(t + 50, "c" + i, "sales", "a1", 50));
    }
    done.set(true);
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(stats.queue("sales", T0 + 2_000_000).orElseThrow().answered()).isEqualTo(3_000);
  }

  @Test
  void shouldLetEventsInWhileASnapshotOfManyQueuesIsBuilt() throws Exception {
    int queues = 2_000;
    for (int q = 0; q < queues; q++) {
      on(queueConfigured(T0, String.format("q%04d", q), "s", new ServiceLevelTarget(80, 20, 5)));
    }
    java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              // Events keep coming, as from the router's dispatch thread.
              for (long n = 0; !stop.get(); n++) {
                stats.onEvent(
                    queued(T0 + 1_000, "c" + n, String.format("q%04d", n % queues), T0, 1), false);
                applied.incrementAndGet();
              }
            });
    writer.start();
    try {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (applied.get() < 1_000 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(applied.get()).as("writer running").isGreaterThanOrEqualTo(1_000);

      // One queue per slice: between slices the writer, waiting on the fair lock, gets in. Held
      // for the whole build (as before slicing), the lock would let in at most an event or two.
      long before = applied.get();
      StatsSnapshot snapshot = stats.snapshot(T0 + 2_000, 0);
      long during = applied.get() - before;

      assertThat(snapshot.queues()).hasSize(queues);
      assertThat(snapshot.queues())
          .extracting(QueueStats::id)
          .isSortedAccordingTo(java.util.Comparator.naturalOrder());
      assertThat(during).as("events applied while the snapshot was being built").isGreaterThan(100);
    } finally {
      stop.set(true);
      writer.join();
    }
  }
}
