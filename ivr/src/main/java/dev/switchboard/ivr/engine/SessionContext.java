package dev.switchboard.ivr.engine;

import java.util.Map;

/**
 * What the world looks like when a session starts, passed in so that the engine reads nothing
 * itself.
 *
 * @param announcements active emergency announcements: scope (entry number or {@code *}) → prompt
 * @param callbackOfferSeconds queue id → expected wait above which a callback is offered (0 = no)
 */
public record SessionContext(
    Map<String, String> announcements, Map<String, Integer> callbackOfferSeconds) {
  public SessionContext {
    announcements = Map.copyOf(announcements);
    callbackOfferSeconds = Map.copyOf(callbackOfferSeconds);
  }

  /** No announcement, no callback thresholds. */
  public static SessionContext empty() {
    return new SessionContext(Map.of(), Map.of());
  }
}
