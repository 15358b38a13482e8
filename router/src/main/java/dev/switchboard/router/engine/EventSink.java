package dev.switchboard.router.engine;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DecisionReason;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.RouterEvent;

/**
 * Receives the events the engine emits while it applies a command.
 *
 * <p>The engine emits the frequent events through the typed methods, field by field, so that a sink
 * that stores them in place ({@link EventBuffer}) or drops them ({@link #DISCARD}) costs no
 * allocation; by default each typed method makes the record and calls {@link #emit}, so a lambda
 * that collects records sees every event. Rare events (configuration, rejections, PBX links,
 * announcements) come as records through {@link #emit}.
 */
@FunctionalInterface
public interface EventSink {

  /** A sink that drops every event without making it (the snapshot follower's engine). */
  EventSink DISCARD = new Discard();

  void emit(RouterEvent event);

  default void contactQueued(
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
      String callerId) {
    emit(
        new RouterEvent.ContactQueued(
            timestampMs,
            contactId,
            queueId,
            type,
            priority,
            arrivedAtMs,
            requeued,
            position,
            pbxId,
            channel,
            callerId));
  }

  default void contactOffered(
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
      String trigger,
      AgentSelectionPolicy policy,
      ContactSelection selection,
      int escalationStep,
      int eligibleAgents,
      int agentLevel,
      long waitedMs,
      double effectivePriority) {
    emit(
        new RouterEvent.ContactOffered(
            timestampMs,
            contactId,
            queueId,
            agentId,
            type,
            pbxId,
            channel,
            agentPbxId,
            agentExtension,
            callbackNumber,
            ringTimeoutSeconds,
            new DecisionReason(
                trigger,
                policy,
                selection,
                escalationStep,
                eligibleAgents,
                agentLevel,
                waitedMs,
                effectivePriority)));
  }

  default void offerRevoked(long timestampMs, String contactId, String agentId, String reason) {
    emit(new RouterEvent.OfferRevoked(timestampMs, contactId, agentId, reason));
  }

  default void offerNotTaken(
      long timestampMs, String contactId, String queueId, String agentId, OfferFailure failure) {
    emit(new RouterEvent.OfferNotTaken(timestampMs, contactId, queueId, agentId, failure));
  }

  default void contactEscalated(
      long timestampMs, String contactId, String queueId, int stepIndex, String description) {
    emit(new RouterEvent.ContactEscalated(timestampMs, contactId, queueId, stepIndex, description));
  }

  default void contactMoved(
      long timestampMs, String contactId, String fromQueueId, String toQueueId, String cause) {
    emit(new RouterEvent.ContactMoved(timestampMs, contactId, fromQueueId, toQueueId, cause));
  }

  default void contactOverflowed(
      long timestampMs,
      String contactId,
      String queueId,
      OverflowAction action,
      String cause,
      long waitedMs,
      String pbxId,
      String channel) {
    emit(
        new RouterEvent.ContactOverflowed(
            timestampMs, contactId, queueId, action, cause, waitedMs, pbxId, channel));
  }

  default void callbackOffered(
      long timestampMs, String contactId, String queueId, String pbxId, String channel) {
    emit(new RouterEvent.CallbackOffered(timestampMs, contactId, queueId, pbxId, channel));
  }

  default void callbackRegistered(
      long timestampMs, String contactId, String queueId, String number, long notBeforeMs) {
    emit(new RouterEvent.CallbackRegistered(timestampMs, contactId, queueId, number, notBeforeMs));
  }

  default void callbackDue(long timestampMs, String contactId, String queueId) {
    emit(new RouterEvent.CallbackDue(timestampMs, contactId, queueId));
  }

  default void contactAnswered(
      long timestampMs, String contactId, String queueId, String agentId, long waitedMs) {
    emit(new RouterEvent.ContactAnswered(timestampMs, contactId, queueId, agentId, waitedMs));
  }

  default void contactAbandoned(
      long timestampMs,
      String contactId,
      String queueId,
      long waitedMs,
      AbandonReason reason,
      int hangupCause) {
    emit(
        new RouterEvent.ContactAbandoned(
            timestampMs, contactId, queueId, waitedMs, reason, hangupCause));
  }

  default void contactEnded(
      long timestampMs, String contactId, String queueId, String agentId, long talkMs) {
    emit(new RouterEvent.ContactEnded(timestampMs, contactId, queueId, agentId, talkMs));
  }

  default void agentStateChanged(
      long timestampMs,
      String agentId,
      AgentState previous,
      AgentState state,
      String reason,
      String contactId) {
    emit(
        new RouterEvent.AgentStateChanged(
            timestampMs, agentId, previous, state, reason, contactId));
  }

  default void surveyRecorded(long timestampMs, String contactId, int score) {
    emit(new RouterEvent.SurveyRecorded(timestampMs, contactId, score));
  }

  /**
   * Drops everything; every typed method is overridden so that nothing is made. Subclass it to keep
   * only some events (override their methods).
   */
  class Discard implements EventSink {
    protected Discard() {}

    @Override
    public void emit(RouterEvent event) {}

    @Override
    public void contactQueued(
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
        String callerId) {}

    @Override
    public void contactOffered(
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
        String trigger,
        AgentSelectionPolicy policy,
        ContactSelection selection,
        int escalationStep,
        int eligibleAgents,
        int agentLevel,
        long waitedMs,
        double effectivePriority) {}

    @Override
    public void offerRevoked(long timestampMs, String contactId, String agentId, String reason) {}

    @Override
    public void offerNotTaken(
        long timestampMs, String contactId, String queueId, String agentId, OfferFailure failure) {}

    @Override
    public void contactEscalated(
        long timestampMs, String contactId, String queueId, int stepIndex, String description) {}

    @Override
    public void contactMoved(
        long timestampMs, String contactId, String fromQueueId, String toQueueId, String cause) {}

    @Override
    public void contactOverflowed(
        long timestampMs,
        String contactId,
        String queueId,
        OverflowAction action,
        String cause,
        long waitedMs,
        String pbxId,
        String channel) {}

    @Override
    public void callbackOffered(
        long timestampMs, String contactId, String queueId, String pbxId, String channel) {}

    @Override
    public void callbackRegistered(
        long timestampMs, String contactId, String queueId, String number, long notBeforeMs) {}

    @Override
    public void callbackDue(long timestampMs, String contactId, String queueId) {}

    @Override
    public void contactAnswered(
        long timestampMs, String contactId, String queueId, String agentId, long waitedMs) {}

    @Override
    public void contactAbandoned(
        long timestampMs,
        String contactId,
        String queueId,
        long waitedMs,
        AbandonReason reason,
        int hangupCause) {}

    @Override
    public void contactEnded(
        long timestampMs, String contactId, String queueId, String agentId, long talkMs) {}

    @Override
    public void agentStateChanged(
        long timestampMs,
        String agentId,
        AgentState previous,
        AgentState state,
        String reason,
        String contactId) {}

    @Override
    public void surveyRecorded(long timestampMs, String contactId, int score) {}
  }
}
