package dev.switchboard.router.api;

/**
 * Where the router's producers take the time they stamp on commands. The real one is the wall
 * clock; tests pass a virtual clock they move by hand.
 */
@FunctionalInterface
public interface TimeSource {
  /** Now, epoch milliseconds. */
  long currentTimeMs();

  /** The wall clock. */
  TimeSource SYSTEM = System::currentTimeMillis;
}
