package dev.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random event streams (arrivals, offers, answers, short and long abandons, ends, callbacks,
 * overflows, moves, surveys, agent state changes) crossing minute windows, 15-minute intervals and
 * a day reset: every figure of {@link StatsService} equals a naive recomputation from the raw
 * events.
 */
class StatsPropertyTest {

  static final long MINUTE = 60_000;
  static final long DAY = 86_400_000;
  static final long DAY_START_OFFSET = 6 * 3_600_000L;

  /** 2026-03-10 05:20 UTC: the statistics day (06:00 UTC) resets 40 minutes in. */
  static final long START = Instant.parse("2026-03-10T05:20:00Z").toEpochMilli();

  static final Map<String, ServiceLevelTarget> TARGETS =
      Map.of("q1", new ServiceLevelTarget(80, 20, 5), "q2", new ServiceLevelTarget(90, 10, 15));
  static final Map<String, String> QUEUE_SKILL = Map.of("q1", "s1", "q2", "s2");
  static final Map<String, Map<String, Integer>> AGENT_SKILLS =
      Map.of("a1", Map.of("s1", 3), "a2", Map.of("s1", 3, "s2", 5), "a3", Map.of("s2", 1));
  static final List<String> AGENTS = List.of("a1", "a2", "a3");

  record Step(long advanceMs, int action, int pick, int pick2) {}

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Long> advance =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(60, Arbitraries.longs().between(0, 20_000)),
            net.jqwik.api.Tuple.of(25, Arbitraries.longs().between(20_000, 5 * MINUTE)),
            net.jqwik.api.Tuple.of(12, Arbitraries.longs().between(5 * MINUTE, 40 * MINUTE)),
            net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(60 * MINUTE, 9 * 60 * MINUTE)));
    Arbitrary<Step> step =
        Combinators.combine(
                advance,
                Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(150);
  }

  /** Turns steps into a valid router event stream. */
  static final class Simulator {
    final List<RouterEvent> events = new ArrayList<>();
    final LinkedHashMap<String, String> waiting = new LinkedHashMap<>(); // contact -> queue
    final Map<String, Long> arrivedAt = new HashMap<>();
    final Set<String> callbacks = new HashSet<>();
    final LinkedHashMap<String, String> talking = new LinkedHashMap<>(); // contact -> agent
    final Map<String, String> talkingQueue = new HashMap<>();
    final Map<String, Long> answeredAt = new HashMap<>();
    final List<String> ended = new ArrayList<>();
    final Map<String, AgentState> agentState = new HashMap<>();
    final Map<String, String> agentReason = new HashMap<>();
    long t = START;
    int next;

    Simulator() {
      for (String q : List.of("q1", "q2")) {
        events.add(Events.queueConfigured(t, q, QUEUE_SKILL.get(q), TARGETS.get(q)));
      }
      for (String a : AGENTS) {
        events.add(Events.agentConfigured(t, a, AGENT_SKILLS.get(a)));
        agentState.put(a, AgentState.LOGGED_OUT);
        agentReason.put(a, "");
      }
    }

    private static <T> T pick(List<T> list, int i) {
      return list.get(i % list.size());
    }

    void agentTo(String a, AgentState s, String reason) {
      AgentState prev = agentState.get(a);
      events.add(Events.agentState(t, a, prev, s, reason));
      agentState.put(a, s);
      agentReason.put(a, s == AgentState.PAUSED ? reason : "");
    }

    void run(List<Step> steps) {
      for (Step s : steps) {
        t += s.advanceMs();
        List<String> w = new ArrayList<>(waiting.keySet());
        List<String> calls = w.stream().filter(c -> !callbacks.contains(c)).toList();
        switch (s.action()) {
          case 0, 1 -> {
            String c = "c" + next++;
            String q = s.pick() % 2 == 0 ? "q1" : "q2";
            long arrived = t - (s.pick2() % 3 == 0 ? s.pick2() * 10L : 0);
            waiting.put(c, q);
            arrivedAt.put(c, arrived);
            events.add(Events.queued(t, c, q, arrived, waiting.size()));
          }
          case 2 -> {
            if (!w.isEmpty()) {
              String c = pick(w, s.pick());
              String q = waiting.remove(c);
              String a = pick(AGENTS, s.pick2());
              events.add(Events.answered(t, c, q, a, t - arrivedAt.get(c)));
              talking.put(c, a);
              talkingQueue.put(c, q);
              answeredAt.put(c, t);
              agentTo(a, AgentState.BUSY, "");
            }
          }
          case 3 -> {
            if (!calls.isEmpty()) {
              String c = pick(calls, s.pick());
              String q = waiting.remove(c);
              events.add(Events.abandoned(t, c, q, t - arrivedAt.get(c)));
            }
          }
          case 4 -> {
            if (!talking.isEmpty()) {
              String c = pick(new ArrayList<>(talking.keySet()), s.pick());
              String a = talking.remove(c);
              events.add(Events.ended(t, c, talkingQueue.get(c), a, t - answeredAt.get(c)));
              ended.add(c);
              agentTo(a, AgentState.WRAP_UP, "");
            }
          }
          case 5 -> {
            if (!calls.isEmpty()) {
              String c = pick(calls, s.pick());
              callbacks.add(c);
              events.add(Events.callback(t, c, waiting.get(c)));
            }
          }
          case 6 -> {
            if (!w.isEmpty()) {
              String c = pick(w, s.pick());
              String q = waiting.remove(c);
              events.add(Events.overflowed(t, c, q, t - arrivedAt.get(c)));
            }
          }
          case 7 -> {
            if (!w.isEmpty()) {
              String c = pick(w, s.pick());
              String from = waiting.get(c);
              String to = from.equals("q1") ? "q2" : "q1";
              waiting.put(c, to);
              events.add(Events.moved(t, c, from, to));
              events.add(
                  new RouterEvent.ContactQueued(
                      t,
                      c,
                      to,
                      callbacks.contains(c) ? ContactType.CALLBACK : ContactType.CALL,
                      0,
                      arrivedAt.get(c),
                      false,
                      1,
                      "pbx1",
                      "chan",
                      "555"));
            }
          }
          case 8 -> {
            if (!ended.isEmpty()) {
              events.add(Events.survey(t, pick(ended, s.pick()), 1 + s.pick2() % 5));
            }
          }
          case 9 -> {
            String a = pick(AGENTS, s.pick());
            if (agentState.get(a) != AgentState.BUSY) {
              AgentState to =
                  pick(
                      List.of(AgentState.READY, AgentState.PAUSED, AgentState.LOGGED_OUT),
                      s.pick2());
              agentTo(a, to, s.pick2() % 2 == 0 ? "break" : "lunch");
            }
          }
          default -> {
            if (!w.isEmpty()) {
              String c = pick(w, s.pick());
              String q = waiting.get(c);
              String a = pick(AGENTS, s.pick2());
              events.add(Events.offered(t, c, q, a));
              events.add(Events.notTaken(t, c, q, a));
              events.add(Events.requeued(t, c, q, arrivedAt.get(c)));
            }
          }
        }
      }
    }
  }

  static long dayStart(long t) {
    return Math.floorDiv(t - DAY_START_OFFSET, DAY) * DAY + DAY_START_OFFSET;
  }

  /** The naive model: per-event facts, then plain filters and sums. */
  static final class Naive {
    /** Per queue, the counted facts in time order: (time, field, amount). */
    final Map<String, List<long[]>> facts = new HashMap<>();

    final Map<String, Long> waitingSince = new HashMap<>();
    final Map<String, String> waitingIn = new HashMap<>();
    final Set<String> callbackPending = new HashSet<>();

    void add(String q, long t, int field, long amount) {
      facts.computeIfAbsent(q, k -> new ArrayList<>()).add(new long[] {t, field, amount});
    }

    Naive(List<RouterEvent> events) {
      Set<String> seen = new HashSet<>();
      Set<String> callback = new HashSet<>();
      Map<String, String> lastQueue = new HashMap<>();
      Map<String, String> agentLastQueue = new HashMap<>();
      Map<String, Long> wrapSince = new HashMap<>();
      for (RouterEvent e : events) {
        long t = e.timestampMs();
        if (e instanceof RouterEvent.ContactQueued q) {
          if (seen.add(q.contactId())) {
            add(q.queueId(), t, Tally.OFFERED, 1);
          }
          lastQueue.put(q.contactId(), q.queueId());
          if (callback.contains(q.contactId())) {
            callbackPending.add(q.contactId());
          } else {
            waitingSince.put(q.contactId(), q.arrivedAtMs());
          }
          waitingIn.put(q.contactId(), q.queueId());
        } else if (e instanceof RouterEvent.ContactMoved m) {
          add(m.fromQueueId(), t, Tally.OVERFLOWED, 1);
          add(m.toQueueId(), t, Tally.OFFERED, 1);
          waitingIn.put(m.contactId(), m.toQueueId());
        } else if (e instanceof RouterEvent.CallbackRegistered c) {
          callback.add(c.contactId());
          add(c.queueId(), t, Tally.CALLBACKS_REQUESTED, 1);
          waitingSince.remove(c.contactId());
          callbackPending.add(c.contactId());
        } else if (e instanceof RouterEvent.ContactAnswered a) {
          ServiceLevelTarget target = TARGETS.get(a.queueId());
          add(a.queueId(), t, Tally.ANSWERED, 1);
          if (callback.contains(a.contactId())) {
            add(a.queueId(), t, Tally.CALLBACKS_COMPLETED, 1);
          } else {
            add(a.queueId(), t, Tally.SL_ANSWERED, 1);
            add(a.queueId(), t, Tally.ANSWER_WAIT_MS, a.waitedMs());
            if (a.waitedMs() <= target.targetSeconds() * 1000L) {
              add(a.queueId(), t, Tally.SL_ANSWERED_WITHIN, 1);
            }
          }
          leave(a.contactId());
        } else if (e instanceof RouterEvent.ContactAbandoned a) {
          ServiceLevelTarget target = TARGETS.get(a.queueId());
          boolean isShort = a.waitedMs() < target.shortAbandonSeconds() * 1000L;
          boolean in = a.waitedMs() <= target.targetSeconds() * 1000L;
          add(a.queueId(), t, Tally.ABANDONED, 1);
          add(a.queueId(), t, Tally.ABANDON_WAIT_MS, a.waitedMs());
          if (isShort) {
            add(a.queueId(), t, Tally.SHORT_ABANDONED, 1);
          }
          if (!callback.contains(a.contactId())) {
            if (in && isShort) {
              add(a.queueId(), t, Tally.SL_ABANDONED_WITHIN_SHORT, 1);
            } else if (in) {
              add(a.queueId(), t, Tally.SL_ABANDONED_WITHIN_LONG, 1);
            } else if (isShort) {
              add(a.queueId(), t, Tally.SL_ABANDONED_AFTER_SHORT, 1);
            } else {
              add(a.queueId(), t, Tally.SL_ABANDONED_AFTER_LONG, 1);
            }
          }
          leave(a.contactId());
        } else if (e instanceof RouterEvent.ContactOverflowed o) {
          add(o.queueId(), t, Tally.OVERFLOWED, 1);
          leave(o.contactId());
        } else if (e instanceof RouterEvent.ContactEnded c) {
          add(c.queueId(), t, Tally.HANDLED, 1);
          add(c.queueId(), t, Tally.TALK_MS, c.talkMs());
          agentLastQueue.put(c.agentId(), c.queueId());
        } else if (e instanceof RouterEvent.SurveyRecorded s) {
          String q = lastQueue.get(s.contactId());
          add(q, t, Tally.CSAT_SUM, s.score());
          add(q, t, Tally.CSAT_COUNT, 1);
        } else if (e instanceof RouterEvent.AgentStateChanged a) {
          Long since = wrapSince.remove(a.agentId());
          if (since != null && agentLastQueue.containsKey(a.agentId())) {
            add(agentLastQueue.get(a.agentId()), t, Tally.WRAP_MS, t - since);
          }
          if (a.state() == AgentState.WRAP_UP) {
            wrapSince.put(a.agentId(), t);
          }
        }
      }
    }

    private void leave(String c) {
      waitingSince.remove(c);
      waitingIn.remove(c);
      callbackPending.remove(c);
    }

    Tally sum(String q, long fromMs, long toMs) {
      Tally t = new Tally();
      for (long[] f : facts.getOrDefault(q, List.of())) {
        if (f[0] >= fromMs && f[0] <= toMs) {
          t.add((int) f[1], f[2]);
        }
      }
      return t;
    }

    Tally window(String q, long now, int minutes) {
      long from = (Math.floorDiv(now, MINUTE) - minutes + 1) * MINUTE;
      return sum(q, from, now);
    }
  }

  @Property(tries = 200)
  void everyFigureEqualsANaiveRecomputation(
      @ForAll("streams") List<Step> steps, @ForAll("extraMs") long extraMs) {
    Simulator sim = new Simulator();
    sim.run(steps);
    StatsService stats =
        new StatsService(
            StatsConfiguration.defaults().withDay(ZoneId.of("UTC"), LocalTime.of(6, 0)),
            new SimpleMeterRegistry());
    for (RouterEvent e : sim.events) {
      stats.onEvent(e, false);
    }
    long now = sim.t + extraMs;
    Naive naive = new Naive(sim.events);

    for (String q : List.of("q1", "q2")) {
      QueueStats s = stats.queue(q, now).orElseThrow();
      Tally today = naive.sum(q, dayStart(now), now);
      assertThat(s.offered()).as("offered").isEqualTo(today.get(Tally.OFFERED));
      assertThat(s.answered()).as("answered").isEqualTo(today.get(Tally.ANSWERED));
      assertThat(s.abandoned()).as("abandoned").isEqualTo(today.get(Tally.ABANDONED));
      assertThat(s.shortAbandoned()).isEqualTo(today.get(Tally.SHORT_ABANDONED));
      assertThat(s.overflowed()).as("overflowed").isEqualTo(today.get(Tally.OVERFLOWED));
      assertThat(s.callbacksCompleted()).isEqualTo(today.get(Tally.CALLBACKS_COMPLETED));
      assertThat(s.csatCount()).isEqualTo(today.get(Tally.CSAT_COUNT));
      assertClose(s.csatAverage(), today.csatAverage());
      assertClose(s.asaSeconds(), today.asaSeconds());
      assertClose(s.ahtSeconds(), today.ahtSeconds());
      assertClose(s.avgAbandonWaitSeconds(), today.avgAbandonWaitSeconds());
      for (QueueStats.Definition d : s.serviceLevel().definitions()) {
        ServiceLevelDefinition def = ServiceLevelDefinition.valueOf(d.name());
        assertThat(d.numerator()).as(d.name()).isEqualTo(naiveNumerator(def, today));
        assertThat(d.denominator()).as(d.name()).isEqualTo(naiveDenominator(def, today));
      }
      assertWindow(s.windows().last15m(), naive.window(q, now, 15));
      assertWindow(s.windows().last30m(), naive.window(q, now, 30));
      assertWindow(s.windows().last60m(), naive.window(q, now, 60));
      assertWindow(s.windows().today(), today);

      long waiting =
          naive.waitingIn.entrySet().stream()
              .filter(en -> en.getValue().equals(q) && naive.waitingSince.containsKey(en.getKey()))
              .count();
      assertThat(s.waiting()).as("waiting").isEqualTo(waiting);
      long oldest =
          naive.waitingIn.entrySet().stream()
              .filter(en -> en.getValue().equals(q) && naive.waitingSince.containsKey(en.getKey()))
              .mapToLong(en -> naive.waitingSince.get(en.getKey()))
              .min()
              .orElse(now);
      assertThat(s.longestWaitSeconds()).isEqualTo((now - oldest) / 1000);
      long pending =
          naive.callbackPending.stream().filter(c -> q.equals(naive.waitingIn.get(c))).count();
      assertThat(s.callbacksPending()).as("callbacks pending").isEqualTo(pending);

      Map<AgentState, Integer> byState = new HashMap<>();
      for (String a : AGENTS) {
        if (AGENT_SKILLS.get(a).containsKey(QUEUE_SKILL.get(q))) {
          byState.merge(sim.agentState.get(a), 1, Integer::sum);
        }
      }
      assertThat(s.agents().ready()).isEqualTo(byState.getOrDefault(AgentState.READY, 0));
      assertThat(s.agents().busy()).isEqualTo(byState.getOrDefault(AgentState.BUSY, 0));
      assertThat(s.agents().paused()).isEqualTo(byState.getOrDefault(AgentState.PAUSED, 0));
      assertThat(s.agents().wrapUp()).isEqualTo(byState.getOrDefault(AgentState.WRAP_UP, 0));

      // Intervals close when a later event arrives: the last event's interval is still open.
      long lastEventMs = sim.events.get(sim.events.size() - 1).timestampMs();
      assertIntervals(stats.intervals(q), naive, q, lastEventMs);
    }
    for (String a : AGENTS) {
      assertAgent(stats, sim, a, now);
    }
  }

  @Provide
  Arbitrary<Long> extraMs() {
    return Arbitraries.frequency(net.jqwik.api.Tuple.of(3, 0L), net.jqwik.api.Tuple.of(1, 59_999L))
        .flatMap(x -> x == 0 ? Arbitraries.just(0L) : Arbitraries.longs().between(1, 90 * MINUTE));
  }

  private static long naiveNumerator(ServiceLevelDefinition d, Tally t) {
    long within = t.get(Tally.SL_ANSWERED_WITHIN);
    return switch (d) {
      case DEFAULT, ASTERISK_SL, ALL_ABANDONS -> within;
      case ASTERISK_SL2 ->
          within + t.get(Tally.SL_ABANDONED_WITHIN_SHORT) + t.get(Tally.SL_ABANDONED_WITHIN_LONG);
    };
  }

  private static long naiveDenominator(ServiceLevelDefinition d, Tally t) {
    long answered = t.get(Tally.SL_ANSWERED);
    long allAbandons =
        t.get(Tally.SL_ABANDONED_WITHIN_SHORT)
            + t.get(Tally.SL_ABANDONED_WITHIN_LONG)
            + t.get(Tally.SL_ABANDONED_AFTER_SHORT)
            + t.get(Tally.SL_ABANDONED_AFTER_LONG);
    return switch (d) {
      case DEFAULT -> answered + t.get(Tally.SL_ABANDONED_AFTER_LONG);
      case ASTERISK_SL -> answered;
      case ASTERISK_SL2, ALL_ABANDONS -> answered + allAbandons;
    };
  }

  private static void assertWindow(QueueStats.Window w, Tally t) {
    assertThat(w.offered()).as("window offered").isEqualTo(t.get(Tally.OFFERED));
    assertThat(w.answered()).as("window answered").isEqualTo(t.get(Tally.ANSWERED));
    assertThat(w.abandoned()).as("window abandoned").isEqualTo(t.get(Tally.ABANDONED));
    long den = naiveDenominator(ServiceLevelDefinition.DEFAULT, t);
    assertClose(
        w.serviceLevelPercent(),
        den == 0 ? null : 100.0 * naiveNumerator(ServiceLevelDefinition.DEFAULT, t) / den);
    assertClose(w.asaSeconds(), t.asaSeconds());
  }

  private static void assertIntervals(
      List<IntervalStats> actual, Naive naive, String q, long lastEventMs) {
    long length = 15 * MINUTE;
    long open = dayStart(lastEventMs) + (lastEventMs - dayStart(lastEventMs)) / length * length;
    TreeMap<Long, Tally> expected = new TreeMap<>();
    for (long[] f : naive.facts.getOrDefault(q, List.of())) {
      long start = dayStart(f[0]) + (f[0] - dayStart(f[0])) / length * length;
      if (start < open) {
        expected.computeIfAbsent(start, k -> new Tally()).add((int) f[1], f[2]);
      }
    }
    expected.values().removeIf(Tally::isEmpty);
    assertThat(actual)
        .extracting(IntervalStats::startMs)
        .containsExactlyElementsOf(expected.keySet());
    for (IntervalStats i : actual) {
      Tally t = expected.get(i.startMs());
      assertThat(i.endMs()).isEqualTo(i.startMs() + length);
      assertThat(i.offered()).isEqualTo(t.get(Tally.OFFERED));
      assertThat(i.answered()).isEqualTo(t.get(Tally.ANSWERED));
      assertThat(i.abandoned()).isEqualTo(t.get(Tally.ABANDONED));
      assertThat(i.overflowed()).isEqualTo(t.get(Tally.OVERFLOWED));
      assertThat(i.serviceLevelNumerator())
          .isEqualTo(naiveNumerator(ServiceLevelDefinition.DEFAULT, t));
      assertThat(i.serviceLevelDenominator())
          .isEqualTo(naiveDenominator(ServiceLevelDefinition.DEFAULT, t));
      assertClose(i.ahtSeconds(), t.ahtSeconds());
    }
  }

  private static void assertAgent(StatsService stats, Simulator sim, String a, long now) {
    // Integrate the agent's state intervals and count its ended contacts over today.
    long day = dayStart(now);
    Map<String, Long> pauseMs = new TreeMap<>();
    long handled = 0;
    long talk = 0;
    long wrap = 0;
    AgentState state = AgentState.LOGGED_OUT;
    String reason = "";
    long since = START;
    for (RouterEvent e : sim.events) {
      long t = e.timestampMs();
      if (e instanceof RouterEvent.AgentStateChanged s && s.agentId().equals(a)) {
        long overlap = Math.max(0, t - Math.max(since, day));
        if (state == AgentState.PAUSED && t >= day) {
          pauseMs.merge(reason, overlap, Long::sum);
        }
        if (state == AgentState.WRAP_UP && t >= day) {
          wrap += t - since;
        }
        state = s.state();
        reason = s.reason();
        since = t;
      } else if (e instanceof RouterEvent.ContactEnded c && c.agentId().equals(a) && t >= day) {
        handled++;
        talk += c.talkMs();
      }
    }
    if (state == AgentState.PAUSED) {
      pauseMs.merge(reason, Math.max(0, now - Math.max(since, day)), Long::sum);
    }
    Map<String, Long> pauseSeconds = new TreeMap<>();
    pauseMs.forEach((r, ms) -> pauseSeconds.put(r, ms / 1000));
    AgentStats s = stats.agent(a, now).orElseThrow();
    assertThat(s.state()).isEqualTo(state.name());
    assertThat(s.handled()).as("handled").isEqualTo(handled);
    assertThat(s.pausesByReason()).isEqualTo(pauseSeconds);
    assertClose(s.ahtSeconds(), handled == 0 ? null : (talk + wrap) / 1000.0 / handled);
  }

  private static void assertClose(Double actual, Double expected) {
    if (expected == null) {
      assertThat(actual).isNull();
    } else {
      assertThat(actual).isNotNull();
      assertThat(actual).isCloseTo(expected, within(1e-9));
    }
  }
}
