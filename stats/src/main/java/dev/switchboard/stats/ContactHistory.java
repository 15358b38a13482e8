package dev.switchboard.stats;

import dev.switchboard.router.api.DecisionReason;
import java.util.List;

/**
 * What happened to one contact, to answer "why did this caller go to that agent".
 *
 * @param state QUEUED, OFFERED, CALLBACK, TALKING, ENDED, ABANDONED or OVERFLOWED
 */
public record ContactHistory(
    String contactId,
    String queueId,
    String state,
    long arrivedAtMs,
    List<Event> events,
    List<Decision> decisions) {

  /** One event of the contact. */
  public record Event(long timeMs, String type, String detail) {}

  /** One routing decision (an offer) and why it was made. */
  public record Decision(long timeMs, String agentId, DecisionReason reason) {}
}
