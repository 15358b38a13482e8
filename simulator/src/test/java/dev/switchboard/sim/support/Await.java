package dev.switchboard.sim.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling every few ms (no fixed sleeps). */
public final class Await {

  private Await() {}

  /** Polls until the condition holds; fails with {@code what} after the timeout. */
  public static void until(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      pause();
    }
  }

  /** Polls until the supplier returns non-null; returns it. */
  public static <T> T value(String what, Supplier<T> supplier, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T v;
    while ((v = supplier.get()) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      pause();
    }
    return v;
  }

  private static void pause() {
    // A short park between polls of a condition (not a synchronising sleep).
    java.util.concurrent.locks.LockSupport.parkNanos(3_000_000L);
  }
}
