package dev.switchboard.cti;

/**
 * What the adapter has seen and done, as monotonic totals.
 *
 * @param eventsReceived AMI events that reached the adapter (asterisk-java's synthetic events
 *     excluded)
 * @param eventsTranslated events that became a router command
 * @param eventsIgnored events of no interest to routing (VarSet, Newexten, pseudo devices…)
 * @param eventsMalformed events missing a header the adapter needs, and garbage lines on the wire
 * @param eventsUnknownType event frames asterisk-java could not map to an event class
 * @param eventsUnknownChannel call events about channels of no contact the adapter tracks
 * @param eventsDuplicate events repeating a fact already reported (second BridgeEnter, a hangup
 *     after the contact ended…)
 * @param commandsRetried commands the ring refused (full) and the link thread published later
 * @param commandsDropped commands the router refused because it was closed
 * @param actionsSent AMI actions written
 * @param actionsFailed AMI actions answered with an error, or lost with the connection
 * @param contactsLostInOutage contacts whose channel vanished while the link was down
 */
public record CtiCounters(
    long eventsReceived,
    long eventsTranslated,
    long eventsIgnored,
    long eventsMalformed,
    long eventsUnknownType,
    long eventsUnknownChannel,
    long eventsDuplicate,
    long commandsRetried,
    long commandsDropped,
    long actionsSent,
    long actionsFailed,
    long contactsLostInOutage) {

  /** All zero. */
  public static final CtiCounters ZERO = new CtiCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The field-wise sum, to total several PBX links. */
  public CtiCounters plus(CtiCounters o) {
    return new CtiCounters(
        eventsReceived + o.eventsReceived,
        eventsTranslated + o.eventsTranslated,
        eventsIgnored + o.eventsIgnored,
        eventsMalformed + o.eventsMalformed,
        eventsUnknownType + o.eventsUnknownType,
        eventsUnknownChannel + o.eventsUnknownChannel,
        eventsDuplicate + o.eventsDuplicate,
        commandsRetried + o.commandsRetried,
        commandsDropped + o.commandsDropped,
        actionsSent + o.actionsSent,
        actionsFailed + o.actionsFailed,
        contactsLostInOutage + o.contactsLostInOutage);
  }
}
