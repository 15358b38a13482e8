package dev.switchboard.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raises and clears alerts with hysteresis: each figure has a raise level and a clear level, and
 * between them an alert keeps the state it has. Pure apart from its own memory of what is active;
 * time comes in as an argument.
 */
final class AlertEvaluator {

  private static final int CLEARED_KEPT = 200;

  private final AlertThresholds th;
  private final Map<String, Alert> active = new LinkedHashMap<>();
  private final ArrayDeque<Alert> cleared = new ArrayDeque<>();
  private final Map<AlertKind, Integer> activeByKind = new EnumMap<>(AlertKind.class);

  AlertEvaluator(AlertThresholds thresholds) {
    this.th = thresholds;
    for (AlertKind k : AlertKind.values()) {
      activeByKind.put(k, 0);
    }
  }

  /** Re-evaluates every queue alert of {@code q}; returns the alerts raised or cleared. */
  List<Alert> evaluate(StatsProjection p, QueueFigures q, long nowMs) {
    List<Alert> changes = new ArrayList<>(0);
    Tally w = StatsViews.window(q, nowMs, th.windowMinutes());

    ServiceLevelDefinition d = ServiceLevelDefinition.DEFAULT;
    long den = d.denominator(w);
    if (den >= th.minContacts()) {
      double sl = 100.0 * d.numerator(w) / den;
      double raiseBelow = q.target.percent() - th.serviceLevelRaiseMarginPoints();
      update(
          changes,
          AlertKind.SERVICE_LEVEL,
          q.id,
          null,
          sl < raiseBelow,
          sl >= raiseBelow + th.serviceLevelHysteresisPoints(),
          nowMs,
          String.format(
              Locale.ROOT,
              "%s: service level %.1f %% over %d min, target %d %%",
              q.name,
              sl,
              th.windowMinutes(),
              q.target.percent()));
    }

    long longest = q.longestWaitMs(nowMs) / 1000;
    update(
        changes,
        AlertKind.LONGEST_WAIT,
        q.id,
        null,
        longest > th.longestWaitRaiseSeconds(),
        longest <= th.longestWaitClearSeconds(),
        nowMs,
        q.name + ": longest wait " + longest + " s");

    long abandons = w.get(Tally.ABANDONED) - w.get(Tally.SHORT_ABANDONED);
    long total = abandons + w.get(Tally.ANSWERED);
    if (total >= th.minContacts()) {
      double rate = 100.0 * abandons / total;
      update(
          changes,
          AlertKind.ABANDON_RATE,
          q.id,
          null,
          rate >= th.abandonRaisePercent(),
          rate <= th.abandonClearPercent(),
          nowMs,
          String.format(
              Locale.ROOT, "%s: %.1f %% abandoned over %d min", q.name, rate, th.windowMinutes()));
    }

    update(
        changes,
        AlertKind.WAITING,
        q.id,
        null,
        q.waiting >= th.waitingRaise(),
        q.waiting <= th.waitingClear(),
        nowMs,
        q.name + ": " + q.waiting + " waiting");

    evaluateAgents(changes, p, q, nowMs);
    return changes;
  }

  /**
   * Re-evaluates only what depends on agents ({@link AlertKind#NO_AGENTS}): an agent's state change
   * cannot move the other figures, and it may touch many queues.
   */
  List<Alert> evaluateAgents(StatsProjection p, QueueFigures q, long nowMs) {
    List<Alert> changes = new ArrayList<>(0);
    evaluateAgents(changes, p, q, nowMs);
    return changes;
  }

  private void evaluateAgents(List<Alert> changes, StatsProjection p, QueueFigures q, long nowMs) {
    int[] s = p.agentsByState(q);
    int loggedIn = 0;
    for (int i = 1; i < s.length; i++) {
      loggedIn += s[i];
    }
    boolean noAgents = q.waiting > 0 && loggedIn == 0;
    update(
        changes,
        AlertKind.NO_AGENTS,
        q.id,
        null,
        noAgents,
        !noAgents,
        nowMs,
        q.name + ": " + q.waiting + " waiting and no agent logged in");
  }

  /** A PBX link went down or came back. */
  List<Alert> pbx(String pbxId, boolean up, long nowMs) {
    List<Alert> changes = new ArrayList<>(1);
    update(
        changes,
        AlertKind.PBX_LINK_DOWN,
        null,
        pbxId,
        !up,
        up,
        nowMs,
        "PBX " + pbxId + " link " + (up ? "up" : "down"));
    return changes;
  }

  private void update(
      List<Alert> changes,
      AlertKind kind,
      String queueId,
      String pbxId,
      boolean raise,
      boolean clear,
      long nowMs,
      String message) {
    String id = kind.name() + ":" + (queueId != null ? queueId : pbxId);
    Alert current = active.get(id);
    if (current == null && raise) {
      Alert a = new Alert(id, kind, queueId, pbxId, severity(kind), message, nowMs, true, 0);
      active.put(id, a);
      activeByKind.merge(kind, 1, Integer::sum);
      changes.add(a);
    } else if (current != null && clear) {
      Alert c = current.cleared(nowMs, message);
      active.remove(id);
      activeByKind.merge(kind, -1, Integer::sum);
      cleared.addLast(c);
      while (cleared.size() > CLEARED_KEPT) {
        cleared.removeFirst();
      }
      changes.add(c);
    }
  }

  private static AlertSeverity severity(AlertKind kind) {
    return switch (kind) {
      case NO_AGENTS, PBX_LINK_DOWN -> AlertSeverity.CRITICAL;
      case SERVICE_LEVEL, LONGEST_WAIT, ABANDON_RATE, WAITING -> AlertSeverity.WARNING;
    };
  }

  /** Active alerts (oldest first), then recently cleared ones (newest first). */
  List<Alert> all() {
    List<Alert> out = new ArrayList<>(active.values());
    List<Alert> recent = new ArrayList<>(cleared);
    java.util.Collections.reverse(recent);
    out.addAll(recent);
    return out;
  }

  List<Alert> activeAlerts() {
    return new ArrayList<>(active.values());
  }

  int activeCount(AlertKind kind) {
    return activeByKind.get(kind);
  }
}
