package dev.switchboard.stats;

import java.util.List;
import java.util.Map;

/**
 * A queue's figures at one moment, as the HTTP API and the wallboard show them (field names are the
 * JSON names, see the stats ↔ http contract). Counts and averages without a window are for "today"
 * (since the configured start of the statistics day).
 *
 * @param requiredAgents agents Erlang C needs for the SL target at the last 30 minutes' arrival
 *     rate and handle time; null without arrivals or handled contacts to measure
 * @param expectedWaitSeconds what a contact arriving now can expect to wait; null when there is no
 *     agent or no handle time to estimate from
 */
public record QueueStats(
    String id,
    String name,
    int waiting,
    long longestWaitSeconds,
    long offered,
    long answered,
    long abandoned,
    long shortAbandoned,
    long overflowed,
    int callbacksPending,
    long callbacksCompleted,
    ServiceLevel serviceLevel,
    Windows windows,
    Double asaSeconds,
    Double ahtSeconds,
    Double avgAbandonWaitSeconds,
    Double csatAverage,
    long csatCount,
    AgentCounts agents,
    Integer requiredAgents,
    Long expectedWaitSeconds,
    List<TrendPoint> trend,
    WaitEstimateAccuracy waitEstimateAccuracy) {

  /**
   * Today's service level by the default definition, with every definition side by side.
   *
   * @param percent the default definition's percentage, null when its denominator is 0
   */
  public record ServiceLevel(
      Double percent,
      int targetPercent,
      int targetSeconds,
      long numerator,
      long denominator,
      List<Definition> definitions) {}

  /** One service-level definition's result. */
  public record Definition(
      String name, Double percent, long numerator, long denominator, String description) {}

  /** The same figures over the day and three sliding windows. */
  public record Windows(Window today, Window last15m, Window last30m, Window last60m) {}

  /** Figures over one window; {@code serviceLevelPercent} by the default definition. */
  public record Window(
      long offered, long answered, long abandoned, Double serviceLevelPercent, Double asaSeconds) {}

  /**
   * Agents serving the queue (their skills meet the queue's required skills) by state; {@code
   * loggedIn} counts every state but logged out.
   */
  public record AgentCounts(
      int loggedIn,
      int ready,
      int reserved,
      int busy,
      int wrapUp,
      int paused,
      Map<String, Integer> pausedByReason) {}

  /**
   * One minute of the last hour.
   *
   * @param serviceLevelPercent the default definition over contacts answered or abandoned in that
   *     minute, null when none
   * @param waiting contacts waiting at the end of that minute
   */
  public record TrendPoint(long timeMs, Double serviceLevelPercent, int waiting) {}

  /**
   * How well the expected wait told to arriving callers matched what they then waited before an
   * agent answered (error = actual − estimate).
   */
  public record WaitEstimateAccuracy(
      long samples, Double meanErrorSeconds, Double meanAbsoluteErrorSeconds) {}
}
