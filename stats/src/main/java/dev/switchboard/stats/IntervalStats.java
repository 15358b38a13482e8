package dev.switchboard.stats;

/**
 * A closed interval (15 minutes by default) of one queue, kept as history for reports.
 *
 * @param serviceLevelPercent the default definition, null without answered or counted abandons
 */
public record IntervalStats(
    String queueId,
    long startMs,
    long endMs,
    long offered,
    long answered,
    long abandoned,
    long shortAbandoned,
    long overflowed,
    long callbacksCompleted,
    Double serviceLevelPercent,
    long serviceLevelNumerator,
    long serviceLevelDenominator,
    Double asaSeconds,
    Double ahtSeconds,
    Double avgAbandonWaitSeconds,
    Double csatAverage) {

  /** The closed interval of a tally. */
  static IntervalStats of(String queueId, long startMs, long endMs, Tally t) {
    ServiceLevelDefinition d = ServiceLevelDefinition.DEFAULT;
    return new IntervalStats(
        queueId,
        startMs,
        endMs,
        t.get(Tally.OFFERED),
        t.get(Tally.ANSWERED),
        t.get(Tally.ABANDONED),
        t.get(Tally.SHORT_ABANDONED),
        t.get(Tally.OVERFLOWED),
        t.get(Tally.CALLBACKS_COMPLETED),
        d.percent(t),
        d.numerator(t),
        d.denominator(t),
        t.asaSeconds(),
        t.ahtSeconds(),
        t.avgAbandonWaitSeconds(),
        t.csatAverage());
  }

  /** An interval in which nothing happened. */
  static IntervalStats empty(String queueId, long startMs, long endMs) {
    return of(queueId, startMs, endMs, new Tally());
  }
}
