package dev.switchboard.router.api;

/**
 * A queue's service-level promise: {@code percent} % of contacts answered within {@code
 * targetSeconds}; abandons before {@code shortAbandonSeconds} count neither way.
 */
public record ServiceLevelTarget(int percent, int targetSeconds, int shortAbandonSeconds) {
  public ServiceLevelTarget {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("percent must be 1-100, got " + percent);
    }
    if (targetSeconds < 1 || targetSeconds > 3600) {
      throw new IllegalArgumentException("targetSeconds must be 1-3600, got " + targetSeconds);
    }
    if (shortAbandonSeconds < 0 || shortAbandonSeconds > 3600) {
      throw new IllegalArgumentException(
          "shortAbandonSeconds must be 0-3600, got " + shortAbandonSeconds);
    }
  }

  /** 80 % in 20 s, 5 s short abandons: a common default. */
  public static ServiceLevelTarget defaults() {
    return new ServiceLevelTarget(80, 20, 5);
  }
}
