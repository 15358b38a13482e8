package dev.switchboard.router.api;

/**
 * A router event read in place, without an object per event: the zero-copy form of {@link
 * RouterEvent} that the router hands to {@link RouterEventListener#onView}. It has the accessors of
 * every event record under the records' names; an accessor the {@link #kind()} at hand does not
 * have reads as {@code null}, zero or {@code false}.
 *
 * <p>A view is valid only during the call it is handed to: the router reuses it for the next event.
 * A listener that keeps an event calls {@link #toEvent()}, which makes the record (once per event,
 * shared by every listener).
 *
 * <p>Where the names of the records' fields collide with different types, the view names them
 * apart: {@link RouterEvent.ContactOffered#reason()} is spread over {@link #trigger()}, {@link
 * #policy()}, {@link #selection()}, {@link #escalationStep()}, {@link #eligibleAgents()}, {@link
 * #agentLevel()}, {@link #waitedMs()} and {@link #effectivePriority()}; {@link
 * RouterEvent.ContactAbandoned#reason()} is {@link #abandonReason()}. Configuration events ({@link
 * EventKind#AGENT_CONFIGURED}, {@link EventKind#QUEUE_CONFIGURED}, {@link
 * EventKind#SELECTION_CONFIGURED}), {@link EventKind#ANNOUNCEMENT_CHANGED}, {@link
 * EventKind#PBX_LINK_CHANGED} and {@link EventKind#COMMAND_REJECTED} are rare and kept as their
 * records: read them through {@link #toEvent()}, which then costs nothing.
 */
public interface EventView {

  EventKind kind();

  /** The time of the command that caused this event, epoch milliseconds. */
  long timestampMs();

  /** The contact; for {@link EventKind#AGENT_STATE_CHANGED} the contact involved, or empty. */
  String contactId();

  /** The queue; null for {@link EventKind#CONTACT_MOVED} (see {@link #fromQueueId()}). */
  String queueId();

  String agentId();

  /** The contact's media type ({@link RouterEvent.ContactQueued#type()}). */
  ContactType type();

  String pbxId();

  String channel();

  String callerId();

  int priority();

  long arrivedAtMs();

  boolean requeued();

  int position();

  String agentPbxId();

  String agentExtension();

  String callbackNumber();

  int ringTimeoutSeconds();

  /** {@link DecisionReason#trigger()} of an offer. */
  String trigger();

  /** {@link DecisionReason#policy()} of an offer. */
  AgentSelectionPolicy policy();

  /** {@link DecisionReason#selection()} of an offer. */
  ContactSelection selection();

  /** {@link DecisionReason#escalationStep()} of an offer. */
  int escalationStep();

  /** {@link DecisionReason#eligibleAgents()} of an offer. */
  int eligibleAgents();

  /** {@link DecisionReason#agentLevel()} of an offer. */
  int agentLevel();

  /** {@link DecisionReason#effectivePriority()} of an offer. */
  double effectivePriority();

  /**
   * Waited since original arrival: offered (its decision reason), answered, abandoned, overflowed.
   */
  long waitedMs();

  /** The reason of {@link EventKind#OFFER_REVOKED} and {@link EventKind#AGENT_STATE_CHANGED}. */
  String reason();

  OfferFailure failure();

  int stepIndex();

  String description();

  String fromQueueId();

  String toQueueId();

  OverflowAction action();

  /** The cause of {@link EventKind#CONTACT_MOVED} and {@link EventKind#CONTACT_OVERFLOWED}. */
  String cause();

  /** The number of {@link EventKind#CALLBACK_REGISTERED}. */
  String number();

  long notBeforeMs();

  long talkMs();

  AbandonReason abandonReason();

  int hangupCause();

  AgentState previous();

  AgentState state();

  int score();

  /**
   * This event as its record, to keep. Made once per event however many listeners ask; for the rare
   * kinds kept as records, that record.
   */
  RouterEvent toEvent();
}
