package dev.switchboard.router.api;

/**
 * Receives the router's events, after the command that caused them is journaled. Called on the
 * router's dispatch thread: implementations must not block (hand slow work to their own thread).
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
}
