package dev.switchboard.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

  /** The active alerts by kind and subject (queue or PBX id): looked up without building an id. */
  private final Map<AlertKind, Map<String, Alert>> activeBySubject = new EnumMap<>(AlertKind.class);

  /** The window's figures, refilled for each evaluation (one thread at a time, under the lock). */
  private final Tally window = new Tally();

  AlertEvaluator(AlertThresholds thresholds) {
    this.th = thresholds;
    for (AlertKind k : AlertKind.values()) {
      activeByKind.put(k, 0);
      activeBySubject.put(k, new HashMap<>());
    }
  }

  /**
   * Re-evaluates every queue alert of {@code q}, adding the alerts raised or cleared to {@code
   * changes}. Called after every event that touches the queue, on the router's dispatch thread: it
   * compares numbers, and builds an alert's message only when the alert is raised or cleared.
   */
  void evaluate(List<Alert> changes, StatsProjection p, QueueFigures q, long nowMs) {
    Tally w = window;
    w.clear();
    q.ring.sum(nowMs, th.windowMinutes(), w);

    ServiceLevelDefinition d = ServiceLevelDefinition.DEFAULT;
    long den = d.denominator(w);
    if (den >= th.minContacts()) {
      double sl = 100.0 * d.numerator(w) / den;
      double raiseBelow = q.target.percent() - th.serviceLevelRaiseMarginPoints();
      boolean raise = sl < raiseBelow;
      if (changes(
          AlertKind.SERVICE_LEVEL,
          q.id,
          raise,
          sl >= raiseBelow + th.serviceLevelHysteresisPoints())) {
        update(
            changes,
            AlertKind.SERVICE_LEVEL,
            q.id,
            null,
            raise,
            nowMs,
            String.format(
                Locale.ROOT,
                "%s: service level %.1f %% over %d min, target %d %%",
                q.name,
                sl,
                th.windowMinutes(),
                q.target.percent()));
      }
    }

    long longest = q.longestWaitMs(nowMs) / 1000;
    boolean longRaise = longest > th.longestWaitRaiseSeconds();
    if (changes(AlertKind.LONGEST_WAIT, q.id, longRaise, longest <= th.longestWaitClearSeconds())) {
      update(
          changes,
          AlertKind.LONGEST_WAIT,
          q.id,
          null,
          longRaise,
          nowMs,
          q.name + ": longest wait " + longest + " s");
    }

    long abandons = w.get(Tally.ABANDONED) - w.get(Tally.SHORT_ABANDONED);
    long total = abandons + w.get(Tally.ANSWERED);
    if (total >= th.minContacts()) {
      double rate = 100.0 * abandons / total;
      boolean raise = rate >= th.abandonRaisePercent();
      if (changes(AlertKind.ABANDON_RATE, q.id, raise, rate <= th.abandonClearPercent())) {
        update(
            changes,
            AlertKind.ABANDON_RATE,
            q.id,
            null,
            raise,
            nowMs,
            String.format(
                Locale.ROOT,
                "%s: %.1f %% abandoned over %d min",
                q.name,
                rate,
                th.windowMinutes()));
      }
    }

    boolean waitingRaise = q.waiting >= th.waitingRaise();
    if (changes(AlertKind.WAITING, q.id, waitingRaise, q.waiting <= th.waitingClear())) {
      update(
          changes,
          AlertKind.WAITING,
          q.id,
          null,
          waitingRaise,
          nowMs,
          q.name + ": " + q.waiting + " waiting");
    }

    evaluateAgents(changes, p, q, nowMs);
  }

  /**
   * Re-evaluates only what depends on agents ({@link AlertKind#NO_AGENTS}): an agent's state change
   * cannot move the other figures, and it may touch many queues.
   */
  void evaluateAgents(List<Alert> changes, StatsProjection p, QueueFigures q, long nowMs) {
    int[] s = p.agentsByState(q);
    int loggedIn = 0;
    for (int i = 1; i < s.length; i++) {
      loggedIn += s[i];
    }
    boolean noAgents = q.waiting > 0 && loggedIn == 0;
    if (changes(AlertKind.NO_AGENTS, q.id, noAgents, !noAgents)) {
      update(
          changes,
          AlertKind.NO_AGENTS,
          q.id,
          null,
          noAgents,
          nowMs,
          q.name + ": " + q.waiting + " waiting and no agent logged in");
    }
  }

  /** A PBX link went down or came back. */
  List<Alert> pbx(String pbxId, boolean up, long nowMs) {
    List<Alert> changes = new ArrayList<>(1);
    if (changes(AlertKind.PBX_LINK_DOWN, pbxId, !up, up)) {
      update(
          changes,
          AlertKind.PBX_LINK_DOWN,
          null,
          pbxId,
          !up,
          nowMs,
          "PBX " + pbxId + " link " + (up ? "up" : "down"));
    }
    return changes;
  }

  /**
   * Whether the alert of {@code kind} on {@code subject} (a queue or PBX id) changes: raised when
   * not active and {@code raise}, cleared when active and {@code clear}.
   */
  private boolean changes(AlertKind kind, String subject, boolean raise, boolean clear) {
    return activeBySubject.get(kind).get(subject) == null ? raise : clear;
  }

  /** Raises ({@code raise}) or clears the alert; call only when {@link #changes} said so. */
  private void update(
      List<Alert> changes,
      AlertKind kind,
      String queueId,
      String pbxId,
      boolean raise,
      long nowMs,
      String message) {
    String subject = queueId != null ? queueId : pbxId;
    Map<String, Alert> ofKind = activeBySubject.get(kind);
    if (raise) {
      String id = kind.name() + ":" + subject;
      Alert a = new Alert(id, kind, queueId, pbxId, severity(kind), message, nowMs, true, 0);
      active.put(id, a);
      ofKind.put(subject, a);
      activeByKind.merge(kind, 1, Integer::sum);
      changes.add(a);
    } else {
      Alert current = ofKind.remove(subject);
      Alert c = current.cleared(nowMs, message);
      active.remove(current.id());
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
