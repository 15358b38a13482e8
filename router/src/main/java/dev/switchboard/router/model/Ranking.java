package dev.switchboard.router.model;

/**
 * The static rank of a waiting contact. A contact of priority {@code p} in a queue that ages one
 * level every {@code agingSecondsPerPriority} seconds ranks as if it had arrived {@code p ×
 * agingSecondsPerPriority} seconds earlier; the smaller key is served first, the arrival sequence
 * number breaking ties. Because the key only depends on the arrival time, the priority and the
 * queue, the order of waiting contacts never has to be recomputed as time passes.
 */
public final class Ranking {

  /** Weight of one priority level when a queue does not age (strict priority): about 31 years. */
  public static final long STRICT_PRIORITY_WEIGHT_MS = 1_000_000_000_000L;

  /** Priorities are clamped to ±this so that keys never overflow. */
  public static final int MAX_PRIORITY = 1_000_000;

  private Ranking() {}

  /** The rank key in milliseconds; smaller is served first. */
  public static long rankKeyMs(long arrivedAtMs, int priority, int agingSecondsPerPriority) {
    return arrivedAtMs - clamp(priority) * weightMs(agingSecondsPerPriority);
  }

  /** How many milliseconds of waiting one priority level is worth. */
  public static long weightMs(int agingSecondsPerPriority) {
    return agingSecondsPerPriority == 0
        ? STRICT_PRIORITY_WEIGHT_MS
        : agingSecondsPerPriority * 1000L;
  }

  /** Priority aged by waiting time, in levels (for decision reasons and diagnostics). */
  public static double effectivePriority(int priority, long waitedMs, int agingSecondsPerPriority) {
    if (agingSecondsPerPriority == 0) {
      return clamp(priority);
    }
    return clamp(priority) + waitedMs / (agingSecondsPerPriority * 1000.0);
  }

  private static long clamp(int priority) {
    return Math.max(-MAX_PRIORITY, Math.min(MAX_PRIORITY, priority));
  }
}
