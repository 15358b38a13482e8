package dev.switchboard.stats;

import dev.switchboard.router.api.AgentState;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The mutable figures of one agent for today. Owned by {@link StatsProjection}. */
final class AgentFigures {

  final String id;
  String name;
  String extension = "";
  Map<String, Integer> skills = Map.of();

  /** The queues the agent serves; changed only through the methods below. */
  private final Set<String> queues = new HashSet<>();

  /**
   * The same queues as an array, replaced (never changed) on every change: iterated once per event
   * without an iterator, and safe to iterate while the membership changes.
   */
  private String[] queueIds = NO_QUEUES;

  AgentState state = AgentState.LOGGED_OUT;
  String reason = "";
  String contactId = "";
  long stateSinceMs;
  long loggedInAtMs;

  long dayStartMs = Long.MIN_VALUE;
  final long[] msInState = new long[AgentState.values().length];
  final Map<String, Long> pauseMsByReason = new HashMap<>();
  long handled;
  long talkMs;
  long wrapMs;
  long csatSum;
  long csatCount;

  /** The queue of the agent's last conversation: its wrap-up counts there. */
  String lastQueueId;

  AgentFigures(String id) {
    this.id = id;
    this.name = id;
  }

  private static final String[] NO_QUEUES = new String[0];

  /** The queues served, as of now; do not modify. */
  String[] queueIds() {
    return queueIds;
  }

  boolean serves(String queueId) {
    return queues.contains(queueId);
  }

  void addQueue(String queueId) {
    if (queues.add(queueId)) {
      queueIds = queues.toArray(NO_QUEUES);
    }
  }

  void addQueues(Collection<String> queueIds) {
    if (queues.addAll(queueIds)) {
      this.queueIds = queues.toArray(NO_QUEUES);
    }
  }

  void removeQueue(String queueId) {
    if (queues.remove(queueId)) {
      queueIds = queues.toArray(NO_QUEUES);
    }
  }

  /** Forgets yesterday when {@code dayStart} is a new day. */
  void roll(long dayStart) {
    if (dayStartMs != dayStart) {
      dayStartMs = dayStart;
      java.util.Arrays.fill(msInState, 0);
      pauseMsByReason.clear();
      handled = 0;
      talkMs = 0;
      wrapMs = 0;
      csatSum = 0;
      csatCount = 0;
    }
  }

  /** Ends the current state at {@code timeMs} (already rolled), counting today's part of it. */
  long closeState(long timeMs) {
    long from = Math.max(stateSinceMs, dayStartMs);
    long ms = Math.max(0, timeMs - from);
    msInState[state.ordinal()] += ms;
    if (state == AgentState.PAUSED) {
      pauseMsByReason.merge(reason, ms, Long::sum);
    }
    return Math.max(0, timeMs - stateSinceMs);
  }
}
