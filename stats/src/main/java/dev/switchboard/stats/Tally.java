package dev.switchboard.stats;

import java.util.Arrays;

/**
 * Additive counters of one queue over one span of time (a minute, an interval, a day). Every figure
 * of a window is a sum of tallies, so windows, days and intervals agree by construction.
 *
 * <p>Service-level fields ({@code SL_*}) count calls and chats only: a callback waited because its
 * caller chose to, so it counts in neither term (see docs/statistics.md). Abandons are split by two
 * thresholds into four disjoint classes (within/after the target T, short/not short) so every
 * definition can be formed from the same counters.
 */
public final class Tally {

  /** Contacts that entered this queue (arrivals and moves in). */
  public static final int OFFERED = 0;

  /** Contacts answered by an agent (all types). */
  public static final int ANSWERED = 1;

  /** Contacts that left before being answered (all types, short ones included). */
  public static final int ABANDONED = 2;

  /** Abandons shorter than the short-abandon threshold (all types). */
  public static final int SHORT_ABANDONED = 3;

  /** Contacts that left this queue unanswered by overflow or a move to another queue. */
  public static final int OVERFLOWED = 4;

  /** Callbacks registered. */
  public static final int CALLBACKS_REQUESTED = 5;

  /** Callbacks answered by an agent. */
  public static final int CALLBACKS_COMPLETED = 6;

  /** Calls and chats answered. */
  public static final int SL_ANSWERED = 7;

  /** Calls and chats answered within T ({@code waited <= T}). */
  public static final int SL_ANSWERED_WITHIN = 8;

  /** Calls and chats abandoned within T, short. */
  public static final int SL_ABANDONED_WITHIN_SHORT = 9;

  /** Calls and chats abandoned within T, not short. */
  public static final int SL_ABANDONED_WITHIN_LONG = 10;

  /** Calls and chats abandoned after T, short (only when the short threshold exceeds T). */
  public static final int SL_ABANDONED_AFTER_SHORT = 11;

  /** Calls and chats abandoned after T, not short. */
  public static final int SL_ABANDONED_AFTER_LONG = 12;

  /** Sum of waits of answered calls and chats, ms (ASA). */
  public static final int ANSWER_WAIT_MS = 13;

  /** Sum of waits of all abandons, ms. */
  public static final int ABANDON_WAIT_MS = 14;

  /** Conversations that ended (handled). */
  public static final int HANDLED = 15;

  /** Sum of talk times of ended conversations, ms. */
  public static final int TALK_MS = 16;

  /** Sum of wrap-up times, ms, counted when the wrap-up ends. */
  public static final int WRAP_MS = 17;

  /** Sum of survey scores. */
  public static final int CSAT_SUM = 18;

  /** Survey scores recorded. */
  public static final int CSAT_COUNT = 19;

  /** Number of fields. */
  public static final int FIELDS = 20;

  private final long[] values = new long[FIELDS];

  /** Adds {@code amount} to one field. */
  public void add(int field, long amount) {
    values[field] += amount;
  }

  /** One field. */
  public long get(int field) {
    return values[field];
  }

  /** Adds every field of {@code other} to this one. */
  public void addAll(Tally other) {
    for (int i = 0; i < FIELDS; i++) {
      values[i] += other.values[i];
    }
  }

  /** Zeroes every field. */
  public void clear() {
    Arrays.fill(values, 0);
  }

  /** True when nothing was counted. */
  public boolean isEmpty() {
    for (long v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /** All abandons of calls and chats. */
  public long slAbandonedAll() {
    return values[SL_ABANDONED_WITHIN_SHORT]
        + values[SL_ABANDONED_WITHIN_LONG]
        + values[SL_ABANDONED_AFTER_SHORT]
        + values[SL_ABANDONED_AFTER_LONG];
  }

  /** Average handle time in seconds, or NaN with nothing handled (unboxed {@link #ahtSeconds}). */
  double ahtSecondsOrNaN() {
    long handled = values[HANDLED];
    return handled == 0 ? Double.NaN : (values[TALK_MS] + values[WRAP_MS]) / 1000.0 / handled;
  }

  /** Average speed of answer in seconds, or null with no answer. */
  public Double asaSeconds() {
    return ratioSeconds(values[ANSWER_WAIT_MS], values[SL_ANSWERED]);
  }

  /** Average handle time (talk + wrap-up) in seconds, or null with nothing handled. */
  public Double ahtSeconds() {
    double aht = ahtSecondsOrNaN();
    return Double.isNaN(aht) ? null : aht;
  }

  /** Average wait of abandons in seconds, or null with no abandon. */
  public Double avgAbandonWaitSeconds() {
    return ratioSeconds(values[ABANDON_WAIT_MS], values[ABANDONED]);
  }

  /** Average survey score, or null with no score. */
  public Double csatAverage() {
    long n = values[CSAT_COUNT];
    return n == 0 ? null : (double) values[CSAT_SUM] / n;
  }

  private static Double ratioSeconds(long sumMs, long count) {
    return count == 0 ? null : sumMs / 1000.0 / count;
  }
}
