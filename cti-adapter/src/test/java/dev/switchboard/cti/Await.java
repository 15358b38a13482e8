package dev.switchboard.cti;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling every few milliseconds. */
final class Await {
  private Await() {}

  static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
      }
      pause();
    }
  }

  static void await(BooleanSupplier condition, Supplier<String> what) {
    await(condition, Duration.ofSeconds(30), what);
  }

  /** One polling interval. */
  static void pause() {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
  }
}
