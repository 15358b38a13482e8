package dev.switchboard.router.api;

/**
 * Where producers (AMI listener, AGI sessions, HTTP handlers, the timer) hand commands to the
 * router. Thread-safe; never blocks: when the ring is full the caller learns it from the result and
 * decides (retry, report, refuse the request). Nothing is dropped silently.
 */
@FunctionalInterface
public interface CommandPublisher {

  /** Stamps the command with the current time and queues it for the router. */
  PublishResult publish(Command command);

  /** What happened to a published command. */
  enum PublishResult {
    /** Queued; it will be journaled and applied. */
    ACCEPTED,
    /** The ring is full right now; nothing was queued. */
    RING_FULL,
    /** The router is stopping or stopped; nothing was queued. */
    CLOSED;

    /** True when the command was queued. */
    public boolean accepted() {
      return this == ACCEPTED;
    }
  }
}
