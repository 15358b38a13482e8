package dev.switchboard.router.api;

/**
 * An event out of the router: a decision (an offer) or a fact (a contact answered, an agent
 * paused). Every event carries {@code timestampMs}, the time of the command that caused it. Events
 * of one command are dispatched in the order they were produced, and only after that command is
 * journaled.
 */
public sealed interface RouterEvent {

  /** The time of the command that caused this event, epoch milliseconds. */
  long timestampMs();

  /**
   * A contact waits in a queue: it arrived, came back after an offer failed ({@code requeued}), or
   * moved here from another queue.
   *
   * @param arrivedAtMs its original arrival time, kept through re-queues and moves
   * @param position its 1-based place among contacts in the queue by rank at this moment
   */
  record ContactQueued(
      long timestampMs,
      String contactId,
      String queueId,
      ContactType type,
      int priority,
      long arrivedAtMs,
      boolean requeued,
      int position,
      String pbxId,
      String channel,
      String callerId)
      implements RouterEvent {}

  /**
   * The routing decision: offer this contact to this agent. The CTI adapter rings the agent ({@code
   * Redirect} of the caller's channel, or an {@code Originate} for a callback).
   *
   * @param ringTimeoutSeconds how long to ring before reporting {@link Command.OfferFailed}
   * @param callbackNumber for callbacks, the number to call once the agent answers; else empty
   * @param reason why this agent and this contact
   */
  record ContactOffered(
      long timestampMs,
      String contactId,
      String queueId,
      String agentId,
      ContactType type,
      String pbxId,
      String channel,
      String agentPbxId,
      String agentExtension,
      String callbackNumber,
      int ringTimeoutSeconds,
      DecisionReason reason)
      implements RouterEvent {}

  /**
   * The router withdrew an offer on its own: the ring timeout passed well beyond {@code
   * ringTimeoutSeconds} without an answer or a failure report, the agent logged out, or its PBX
   * went down. The adapter stops the ringing; the contact is re-queued (a {@link ContactQueued}
   * follows).
   */
  record OfferRevoked(long timestampMs, String contactId, String agentId, String reason)
      implements RouterEvent {}

  /** An offer was not taken ({@link Command.OfferFailed}); counted as ring-no-answer etc. */
  record OfferNotTaken(
      long timestampMs, String contactId, String queueId, String agentId, OfferFailure failure)
      implements RouterEvent {}

  /** An escalation step applied to a waiting contact. */
  record ContactEscalated(
      long timestampMs, String contactId, String queueId, int stepIndex, String description)
      implements RouterEvent {}

  /**
   * A contact moved to another queue, keeping its arrival time. A {@link ContactQueued} follows.
   */
  record ContactMoved(
      long timestampMs, String contactId, String fromQueueId, String toQueueId, String cause)
      implements RouterEvent {}

  /**
   * A contact left routing by its queue's overflow: transferred to a number, or disconnected. The
   * adapter carries it out. Terminal for the contact.
   */
  record ContactOverflowed(
      long timestampMs,
      String contactId,
      String queueId,
      OverflowAction action,
      String cause,
      long waitedMs,
      String pbxId,
      String channel)
      implements RouterEvent {}

  /** An escalation step offers the caller a callback (the IVR or the adapter asks the caller). */
  record CallbackOffered(
      long timestampMs, String contactId, String queueId, String pbxId, String channel)
      implements RouterEvent {}

  /** The contact became a callback; it keeps its place. */
  record CallbackRegistered(
      long timestampMs, String contactId, String queueId, String number, long notBeforeMs)
      implements RouterEvent {}

  /** A scheduled callback's time came; it now competes for agents. */
  record CallbackDue(long timestampMs, String contactId, String queueId) implements RouterEvent {}

  /** The agent answered. {@code waitedMs} is from original arrival to answer. */
  record ContactAnswered(
      long timestampMs, String contactId, String queueId, String agentId, long waitedMs)
      implements RouterEvent {}

  /** The contact left before being answered. Terminal. */
  record ContactAbandoned(
      long timestampMs,
      String contactId,
      String queueId,
      long waitedMs,
      AbandonReason reason,
      int hangupCause)
      implements RouterEvent {}

  /** The conversation ended. Terminal. {@code talkMs} is from answer to end. */
  record ContactEnded(
      long timestampMs, String contactId, String queueId, String agentId, long talkMs)
      implements RouterEvent {}

  /**
   * An agent's state changed.
   *
   * @param reason the pause reason when {@code state} is PAUSED, else empty
   * @param contactId the contact involved (offered, talking, wrapping up), else empty
   */
  record AgentStateChanged(
      long timestampMs,
      String agentId,
      AgentState previous,
      AgentState state,
      String reason,
      String contactId)
      implements RouterEvent {}

  /** An agent was configured or its skills changed. */
  record AgentConfigured(long timestampMs, AgentConfiguration agent) implements RouterEvent {}

  /** A queue was configured or changed at run time. */
  record QueueConfigured(long timestampMs, QueueConfiguration queue) implements RouterEvent {}

  /** The router-wide contact selection mode is now this. */
  record SelectionConfigured(long timestampMs, ContactSelection selection) implements RouterEvent {}

  /** A satisfaction score for a contact that ended. */
  record SurveyRecorded(long timestampMs, String contactId, int score) implements RouterEvent {}

  /** An emergency announcement was switched on or off. */
  record AnnouncementChanged(long timestampMs, String scope, boolean active, String prompt)
      implements RouterEvent {}

  /** A PBX link went down or came back. */
  record PbxLinkChanged(long timestampMs, String pbxId, boolean up) implements RouterEvent {}

  /**
   * A command changed nothing because it did not fit the state (unknown contact or agent, agent
   * logged out, answer from the wrong agent…).
   *
   * @param code a stable code such as {@code unknown-contact}
   */
  record CommandRejected(long timestampMs, Command command, String code, String message)
      implements RouterEvent {}
}
