package dev.switchboard.router.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the newest periodic snapshot took to serialise and how big it was, whichever thread took
 * it: the snapshot follower normally, the routing thread without one or after it failed. One place,
 * so that {@link RouterCore#statistics()} reports the latest snapshot whatever its source. Written
 * by one thread at a time, read from any.
 */
final class SnapshotTimings {
  private final AtomicLong maxSerializeNanos = new AtomicLong();
  private volatile long lastSerializeNanos;
  private volatile long lastBytes;

  /** Notes a snapshot just serialised. */
  void record(long serializeNanos, long bytes) {
    lastSerializeNanos = serializeNanos;
    lastBytes = bytes;
    maxSerializeNanos.accumulateAndGet(serializeNanos, Math::max);
  }

  long lastSerializeNanos() {
    return lastSerializeNanos;
  }

  long maxSerializeNanos() {
    return maxSerializeNanos.get();
  }

  long lastBytes() {
    return lastBytes;
  }
}
