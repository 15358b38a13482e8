package dev.switchboard.stats;

import dev.switchboard.router.api.AgentState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the immutable views from the projection's mutable figures, at a given time. */
final class StatsViews {

  private static final int ERLANG_WINDOW_MINUTES = 30;
  private static final int MAX_AGENTS = 100_000;

  private StatsViews() {}

  /** Today's tally as of {@code nowMs}: empty once a new statistics day has begun. */
  static Tally today(StatsProjection p, QueueFigures q, long nowMs) {
    return today(q, p.day.startOf(nowMs));
  }

  /** Today's tally given the start of the statistics day containing now. */
  static Tally today(QueueFigures q, long dayStartMs) {
    if (q.todayStartMs != dayStartMs) {
      return new Tally();
    }
    return q.today;
  }

  static Tally window(QueueFigures q, long nowMs, int minutes) {
    Tally t = new Tally();
    q.ring.sum(nowMs, minutes, t);
    return t;
  }

  static QueueStats queue(StatsProjection p, QueueFigures q, long nowMs) {
    return queue(p, q, nowMs, p.day.startOf(nowMs));
  }

  /** A queue's view; {@code dayStartMs} is computed once per snapshot, not once per queue. */
  static QueueStats queue(StatsProjection p, QueueFigures q, long nowMs, long dayStartMs) {
    Tally today = today(q, dayStartMs);
    Tally w15 = window(q, nowMs, 15);
    Tally w30 = window(q, nowMs, ERLANG_WINDOW_MINUTES);
    Tally w60 = window(q, nowMs, 60);
    int[] s = p.agentsByState(q);
    int loggedIn = 0;
    for (AgentState st : AgentState.values()) {
      if (st != AgentState.LOGGED_OUT) {
        loggedIn += s[st.ordinal()];
      }
    }
    QueueStats.AgentCounts agents =
        new QueueStats.AgentCounts(
            loggedIn,
            s[AgentState.READY.ordinal()],
            s[AgentState.RESERVED.ordinal()],
            s[AgentState.BUSY.ordinal()],
            s[AgentState.WRAP_UP.ordinal()],
            s[AgentState.PAUSED.ordinal()],
            new TreeMap<>(p.pausedByReason(q)));
    long expected = p.expectedWaitSeconds(q, q.waiting + 1);
    return new QueueStats(
        q.id,
        q.name,
        q.waiting,
        q.longestWaitMs(nowMs) / 1000,
        today.get(Tally.OFFERED),
        today.get(Tally.ANSWERED),
        today.get(Tally.ABANDONED),
        today.get(Tally.SHORT_ABANDONED),
        today.get(Tally.OVERFLOWED),
        q.callbacksPending,
        today.get(Tally.CALLBACKS_COMPLETED),
        serviceLevel(q, today),
        new QueueStats.Windows(windowOf(today), windowOf(w15), windowOf(w30), windowOf(w60)),
        today.asaSeconds(),
        today.ahtSeconds(),
        today.avgAbandonWaitSeconds(),
        today.csatAverage(),
        today.get(Tally.CSAT_COUNT),
        agents,
        requiredAgents(p, q, w30, nowMs),
        expected < 0 ? null : expected,
        trend(q, nowMs),
        new QueueStats.WaitEstimateAccuracy(
            q.estimateSamples,
            q.estimateSamples == 0 ? null : q.estimateErrorSumSeconds / q.estimateSamples,
            q.estimateSamples == 0 ? null : q.estimateAbsErrorSumSeconds / q.estimateSamples));
  }

  static QueueStats.ServiceLevel serviceLevel(QueueFigures q, Tally t) {
    List<QueueStats.Definition> defs = new ArrayList<>();
    for (ServiceLevelDefinition d : ServiceLevelDefinition.values()) {
      defs.add(
          new QueueStats.Definition(
              d.name(), d.percent(t), d.numerator(t), d.denominator(t), d.description()));
    }
    ServiceLevelDefinition main = ServiceLevelDefinition.DEFAULT;
    return new QueueStats.ServiceLevel(
        main.percent(t),
        q.target.percent(),
        q.target.targetSeconds(),
        main.numerator(t),
        main.denominator(t),
        List.copyOf(defs));
  }

  static QueueStats.Window windowOf(Tally t) {
    return new QueueStats.Window(
        t.get(Tally.OFFERED),
        t.get(Tally.ANSWERED),
        t.get(Tally.ABANDONED),
        ServiceLevelDefinition.DEFAULT.percent(t),
        t.asaSeconds());
  }

  /**
   * Erlang C agents for the target at the arrival rate of the last 30 minutes (or since the queue
   * was first seen, if later, but at least one minute) and the AHT measured over them.
   */
  static Integer requiredAgents(StatsProjection p, QueueFigures q, Tally w30, long nowMs) {
    long offered = w30.get(Tally.OFFERED);
    double aht = p.handleSeconds(q, nowMs);
    if (offered == 0 || Double.isNaN(aht) || aht <= 0) {
      return null;
    }
    long windowStart = (MinuteRing.minute(nowMs) - ERLANG_WINDOW_MINUTES + 1) * 60_000L;
    long since = Math.max(windowStart, q.firstEventMs);
    double spanSeconds = Math.max(60, (nowMs - since) / 1000.0);
    return ErlangC.requiredAgents(
        offered / spanSeconds,
        aht,
        q.target.percent() / 100.0,
        q.target.targetSeconds(),
        MAX_AGENTS);
  }

  static List<QueueStats.TrendPoint> trend(QueueFigures q, long nowMs) {
    long now = MinuteRing.minute(nowMs);
    int[] waiting = q.ring.waitingTrend(nowMs, q.waiting);
    List<QueueStats.TrendPoint> points = new ArrayList<>(MinuteRing.MINUTES);
    int i = 0;
    for (long m = now - MinuteRing.MINUTES + 1; m <= now; m++, i++) {
      Tally t = q.ring.slotOf(m);
      Double sl = t == null ? null : ServiceLevelDefinition.DEFAULT.percent(t);
      points.add(new QueueStats.TrendPoint(m * 60_000L, sl, waiting[i]));
    }
    return points;
  }

  static AgentStats agent(StatsProjection p, AgentFigures a, long nowMs) {
    return agent(a, nowMs, p.day.startOf(nowMs));
  }

  /** An agent's view; {@code dayStart} is computed once per snapshot, not once per agent. */
  static AgentStats agent(AgentFigures a, long nowMs, long dayStart) {
    boolean sameDay = a.dayStartMs == dayStart;
    long[] ms = sameDay ? a.msInState.clone() : new long[a.msInState.length];
    Map<String, Long> pausesMs = sameDay ? new TreeMap<>(a.pauseMsByReason) : new TreeMap<>();
    long current = Math.max(0, nowMs - Math.max(a.stateSinceMs, dayStart));
    ms[a.state.ordinal()] += current;
    if (a.state == AgentState.PAUSED) {
      pausesMs.merge(a.reason, current, Long::sum);
    }
    Map<String, Long> pausesSeconds = new TreeMap<>();
    pausesMs.forEach((reason, v) -> pausesSeconds.put(reason, v / 1000));
    long working = ms[AgentState.BUSY.ordinal()] + ms[AgentState.WRAP_UP.ordinal()];
    long available = working + ms[AgentState.READY.ordinal()] + ms[AgentState.RESERVED.ordinal()];
    long handled = sameDay ? a.handled : 0;
    long handleMs = sameDay ? a.talkMs + a.wrapMs : 0;
    long csatCount = sameDay ? a.csatCount : 0;
    List<String> queueIds = new ArrayList<>(Arrays.asList(a.queueIds()));
    queueIds.sort(null);
    return new AgentStats(
        a.id,
        a.name,
        a.state.name(),
        a.reason,
        a.stateSinceMs,
        Math.max(0, nowMs - a.stateSinceMs) / 1000,
        a.contactId,
        List.copyOf(queueIds),
        a.skills,
        handled,
        handled == 0 ? null : handleMs / 1000.0 / handled,
        available == 0 ? null : 100.0 * working / available,
        pausesSeconds,
        csatCount == 0 ? null : (double) a.csatSum / csatCount);
  }

  static ContactHistory contact(ContactRecord c) {
    return new ContactHistory(
        c.id,
        c.queueId,
        c.stateName(),
        c.arrivedAtMs,
        List.copyOf(c.events),
        List.copyOf(c.decisions));
  }
}
