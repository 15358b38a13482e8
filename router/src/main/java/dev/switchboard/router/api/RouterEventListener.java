package dev.switchboard.router.api;

/**
 * Receives the router's events, after the command that caused them is journaled. Called on the
 * router's dispatch thread: implementations must not block (hand slow work to their own thread).
 *
 * <p>The router keeps events in reusable buffers and hands each one over as an {@link EventView}
 * ({@link #onView}). By default that view is turned into its record for {@link #onEvent}; the
 * record is made once per event and shared by every listener that asks. A listener that reads the
 * view in place ({@link #onView}) and one that says which kinds it {@link #wants} cost the router
 * no allocation for the rest.
 */
@FunctionalInterface
public interface RouterEventListener {

  /**
   * One event.
   *
   * @param replay true while the router rebuilds its state from the journal at start-up:
   *     projections (statistics) apply it; adapters must not act on it (the PBX already did)
   */
  void onEvent(RouterEvent event, boolean replay);

  /**
   * One event, read in place; valid only during this call. The default makes the record ({@link
   * EventView#toEvent()}) and calls {@link #onEvent}.
   */
  default void onView(EventView event, boolean replay) {
    onEvent(event.toEvent(), replay);
  }

  /**
   * Whether this listener wants events of {@code kind}; asked once, when the router is built.
   * Events of kinds it does not want are not handed to it (nor made into records for it).
   */
  default boolean wants(EventKind kind) {
    return true;
  }
}
