package dev.switchboard.cti;

import java.util.random.RandomGenerator;

/**
 * Exponential reconnect back-off with jitter: after {@code n} consecutive failures the delay is
 * drawn uniformly from {@code [max(min, d/2), d]} where {@code d = min(max, min * 2^n)}. The jitter
 * keeps many adapters from reconnecting in step after a PBX restart; the random source is injected
 * so tests can fix it.
 */
final class BackoffPolicy {
  private final long minMs;
  private final long maxMs;
  private final RandomGenerator random;

  BackoffPolicy(long minMs, long maxMs, RandomGenerator random) {
    if (minMs < 1 || maxMs < minMs) {
      throw new IllegalArgumentException("need 1 <= minMs <= maxMs");
    }
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /** The delay before the next attempt after {@code failures} consecutive failures (0 = first). */
  long delayMs(int failures) {
    long ceiling = minMs;
    for (int i = 0; i < failures && ceiling < maxMs; i++) {
      ceiling = ceiling > maxMs / 2 ? maxMs : ceiling * 2;
    }
    ceiling = Math.min(ceiling, maxMs);
    long floor = Math.max(minMs, ceiling / 2);
    return floor + random.nextLong(ceiling - floor + 1);
  }
}
