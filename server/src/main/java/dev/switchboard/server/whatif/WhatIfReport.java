package dev.switchboard.server.whatif;

import java.util.List;

/**
 * What a what-if run found, per queue and per interval. Service level is the default definition
 * (docs/statistics.md): answered within the target / (answered + abandoned after the target), short
 * abandons in neither term; calls count in the interval and queue where they arrived.
 *
 * @param simulatedSeconds virtual time covered, including the drain after the last arrival
 * @param wallMillis how long the run took
 * @param speedUp simulated time over wall time
 * @param commandsApplied commands the routing engine applied
 */
public record WhatIfReport(
    String scenario,
    long seed,
    int startHour,
    int durationHours,
    int intervalMinutes,
    long simulatedSeconds,
    long wallMillis,
    double speedUp,
    long commandsApplied,
    int agents,
    List<QueueResult> queues) {

  /** One queue's results. */
  public record QueueResult(
      String id, int targetPercent, int targetSeconds, Figures total, List<Interval> intervals) {}

  /** One interval's results; {@code start} is the local time of day it starts, {@code HH:mm}. */
  public record Interval(String start, Figures figures) {}

  /**
   * Counts and derived figures; ratios are null when their denominator is zero.
   *
   * @param avgWaiting time-weighted mean number of contacts waiting
   */
  public record Figures(
      long offered,
      long answered,
      long answeredInTarget,
      long abandoned,
      long shortAbandoned,
      long abandonedAfterTarget,
      long overflowed,
      Double serviceLevelPercent,
      Double asaSeconds,
      double maxWaitSeconds,
      double avgWaiting,
      int maxWaiting) {}
}
