package dev.switchboard.stats;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mutable figures of one queue. Owned by {@link StatsProjection}; touched only under its
 * owner's lock.
 */
final class QueueFigures {

  final String id;
  String name;
  ServiceLevelTarget target = ServiceLevelTarget.defaults();
  List<SkillRequirement> requiredSkills = List.of();
  boolean configured;

  /** Agents serving the queue; unused when the queue requires no skill (every agent serves). */
  final Set<String> members = new HashSet<>();

  final Tally today = new Tally();
  long todayStartMs = Long.MIN_VALUE;
  final MinuteRing ring = new MinuteRing();
  final Tally interval = new Tally();
  long intervalStartMs = Long.MIN_VALUE;
  long intervalEndMs = Long.MIN_VALUE;
  final ArrayDeque<IntervalStats> closed = new ArrayDeque<>();
  private final int historyLimit;

  int waiting;
  int callbacksPending;

  /** Arrival time → number of waiting (non-callback) contacts that arrived then. */
  final TreeMap<Long, Integer> waitingArrivals = new TreeMap<>();

  final int[] agentsByState = new int[AgentState.values().length];
  final Map<String, Integer> pausedByReason = new HashMap<>();

  long firstEventMs = Long.MIN_VALUE;
  long estimateSamples;
  double estimateErrorSumSeconds;
  double estimateAbsErrorSumSeconds;

  QueueFigures(String id, int historyLimit) {
    this.id = id;
    this.name = id;
    this.historyLimit = historyLimit;
  }

  /** Moves today and the current interval forward to the given day and interval. */
  void roll(long dayStartMs, long newIntervalStartMs, long newIntervalEndMs) {
    if (todayStartMs != dayStartMs) {
      today.clear();
      todayStartMs = dayStartMs;
    }
    if (intervalStartMs != newIntervalStartMs) {
      if (!interval.isEmpty() && intervalStartMs != Long.MIN_VALUE) {
        closed.addLast(IntervalStats.of(id, intervalStartMs, intervalEndMs, interval));
        while (closed.size() > historyLimit) {
          closed.removeFirst();
        }
      }
      interval.clear();
      intervalStartMs = newIntervalStartMs;
      intervalEndMs = newIntervalEndMs;
    }
  }

  /** Counts into today, the minute and the interval (already rolled to {@code timeMs}). */
  void count(long timeMs, int field, long amount) {
    if (firstEventMs == Long.MIN_VALUE) {
      firstEventMs = timeMs;
    }
    today.add(field, amount);
    ring.at(timeMs).add(field, amount);
    interval.add(field, amount);
  }

  void addWaiting(long timeMs, long arrivedAtMs) {
    waitingArrivals.merge(arrivedAtMs, 1, Integer::sum);
    ring.waitingChanged(timeMs, waiting, waiting + 1);
    waiting++;
  }

  void removeWaiting(long timeMs, long arrivedAtMs) {
    waitingArrivals.computeIfPresent(arrivedAtMs, (k, v) -> v == 1 ? null : v - 1);
    ring.waitingChanged(timeMs, waiting, waiting - 1);
    waiting--;
  }

  /** 1 + waiting contacts that arrived before {@code arrivedAtMs}. */
  int positionOf(long arrivedAtMs) {
    int ahead = 0;
    for (int n : waitingArrivals.headMap(arrivedAtMs, false).values()) {
      ahead += n;
    }
    return ahead + 1;
  }

  long longestWaitMs(long nowMs) {
    return waitingArrivals.isEmpty() ? 0 : Math.max(0, nowMs - waitingArrivals.firstKey());
  }

  void agentAdded(AgentState state, String reason) {
    agentsByState[state.ordinal()]++;
    if (state == AgentState.PAUSED) {
      pausedByReason.merge(reason, 1, Integer::sum);
    }
  }

  void agentRemoved(AgentState state, String reason) {
    agentsByState[state.ordinal()]--;
    if (state == AgentState.PAUSED) {
      pausedByReason.computeIfPresent(reason, (k, v) -> v == 1 ? null : v - 1);
    }
  }

  void recordEstimateError(double errorSeconds) {
    estimateSamples++;
    estimateErrorSumSeconds += errorSeconds;
    estimateAbsErrorSumSeconds += Math.abs(errorSeconds);
  }

  boolean servedByAll() {
    return requiredSkills.isEmpty();
  }
}
