package dev.switchboard.stats;

/**
 * The last 60 minutes of one queue, one {@link Tally} per wall-clock minute, reused in a ring. A
 * window of N minutes at time {@code now} is the minute containing {@code now} plus the N − 1 full
 * minutes before it. Also remembers, per minute, how many contacts waited before the first and
 * after the last change in it, for the trend line.
 */
final class MinuteRing {

  static final int MINUTES = 60;
  private static final long MINUTE_MS = 60_000;
  private static final long NONE = Long.MIN_VALUE;

  private final Tally[] tallies = new Tally[MINUTES];
  private final long[] minuteOf = new long[MINUTES];
  private final int[] waitingBefore = new int[MINUTES];
  private final int[] waitingAfter = new int[MINUTES];
  private final boolean[] waitingChanged = new boolean[MINUTES];

  MinuteRing() {
    java.util.Arrays.fill(minuteOf, NONE);
  }

  static long minute(long timeMs) {
    return Math.floorDiv(timeMs, MINUTE_MS);
  }

  /** The tally of the minute containing {@code timeMs}, cleared if the slot held an older one. */
  Tally at(long timeMs) {
    long m = minute(timeMs);
    int slot = (int) Math.floorMod(m, (long) MINUTES);
    if (minuteOf[slot] != m) {
      minuteOf[slot] = m;
      if (tallies[slot] == null) {
        tallies[slot] = new Tally();
      } else {
        tallies[slot].clear();
      }
      waitingChanged[slot] = false;
    }
    return tallies[slot];
  }

  /** Records that the waiting count went from {@code before} to {@code after} at {@code timeMs}. */
  void waitingChanged(long timeMs, int before, int after) {
    at(timeMs);
    int slot = (int) Math.floorMod(minute(timeMs), (long) MINUTES);
    if (!waitingChanged[slot]) {
      waitingChanged[slot] = true;
      waitingBefore[slot] = before;
    }
    waitingAfter[slot] = after;
  }

  /** Adds the last {@code minutes} minutes up to {@code nowMs} into {@code into}. */
  void sum(long nowMs, int minutes, Tally into) {
    long now = minute(nowMs);
    for (long m = now - minutes + 1; m <= now; m++) {
      Tally t = slotOf(m);
      if (t != null) {
        into.addAll(t);
      }
    }
  }

  /** The tally of minute {@code m} (epoch minutes), or null if the ring has none for it. */
  Tally slotOf(long m) {
    int slot = (int) Math.floorMod(m, (long) MINUTES);
    return minuteOf[slot] == m ? tallies[slot] : null;
  }

  /**
   * Waiting counts at the end of each of the last 60 minutes, oldest first, given the count now.
   */
  int[] waitingTrend(long nowMs, int waitingNow) {
    long now = minute(nowMs);
    int[] out = new int[MINUTES];
    Integer carry = null;
    for (long m = now - MINUTES + 1; m <= now; m++) {
      int slot = (int) Math.floorMod(m, (long) MINUTES);
      if (minuteOf[slot] == m && waitingChanged[slot]) {
        carry = carry == null ? waitingBefore[slot] : carry;
        break;
      }
    }
    int value = carry == null ? waitingNow : carry;
    int i = 0;
    for (long m = now - MINUTES + 1; m <= now; m++, i++) {
      int slot = (int) Math.floorMod(m, (long) MINUTES);
      if (minuteOf[slot] == m && waitingChanged[slot]) {
        value = waitingAfter[slot];
      }
      out[i] = value;
    }
    return out;
  }
}
