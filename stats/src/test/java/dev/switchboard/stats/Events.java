package dev.switchboard.stats;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DecisionReason;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.List;
import java.util.Map;

/** Builders of router events for tests. */
final class Events {

  private Events() {}

  static RouterEvent queueConfigured(long t, String id, String skill, ServiceLevelTarget target) {
    List<SkillRequirement> skills =
        skill == null ? List.of() : List.of(new SkillRequirement(skill, 1));
    QueueConfiguration q =
        new QueueConfiguration(
            id,
            id.toUpperCase(java.util.Locale.ROOT),
            skills,
            target,
            AgentSelectionPolicy.LONGEST_IDLE,
            0,
            15,
            0,
            0,
            new OverflowAction.Disconnect(),
            List.of(),
            30,
            0);
    return new RouterEvent.QueueConfigured(t, q);
  }

  static RouterEvent agentConfigured(long t, String id, Map<String, Integer> skills) {
    return new RouterEvent.AgentConfigured(
        t, new AgentConfiguration(id, id, "pbx1", "ext-" + id, skills, 0));
  }

  static RouterEvent agentState(
      long t, String id, AgentState prev, AgentState next, String reason) {
    return new RouterEvent.AgentStateChanged(t, id, prev, next, reason, "");
  }

  static RouterEvent queued(long t, String contact, String queue, long arrivedAtMs, int position) {
    return new RouterEvent.ContactQueued(
        t,
        contact,
        queue,
        ContactType.CALL,
        0,
        arrivedAtMs,
        false,
        position,
        "pbx1",
        "chan",
        "555");
  }

  static RouterEvent requeued(long t, String contact, String queue, long arrivedAtMs) {
    return new RouterEvent.ContactQueued(
        t, contact, queue, ContactType.CALL, 0, arrivedAtMs, true, 1, "pbx1", "chan", "555");
  }

  static RouterEvent offered(long t, String contact, String queue, String agent) {
    return new RouterEvent.ContactOffered(
        t,
        contact,
        queue,
        agent,
        ContactType.CALL,
        "pbx1",
        "chan",
        "pbx1",
        "ext-" + agent,
        "",
        15,
        new DecisionReason(
            "agent-available",
            AgentSelectionPolicy.LONGEST_IDLE,
            ContactSelection.values()[0],
            -1,
            1,
            5,
            0,
            0));
  }

  static RouterEvent notTaken(long t, String contact, String queue, String agent) {
    return new RouterEvent.OfferNotTaken(t, contact, queue, agent, OfferFailure.NO_ANSWER);
  }

  static RouterEvent answered(long t, String contact, String queue, String agent, long waitedMs) {
    return new RouterEvent.ContactAnswered(t, contact, queue, agent, waitedMs);
  }

  static RouterEvent abandoned(long t, String contact, String queue, long waitedMs) {
    return new RouterEvent.ContactAbandoned(
        t, contact, queue, waitedMs, AbandonReason.CALLER_HANGUP, 16);
  }

  static RouterEvent ended(long t, String contact, String queue, String agent, long talkMs) {
    return new RouterEvent.ContactEnded(t, contact, queue, agent, talkMs);
  }

  static RouterEvent overflowed(long t, String contact, String queue, long waitedMs) {
    return new RouterEvent.ContactOverflowed(
        t, contact, queue, new OverflowAction.Disconnect(), "max wait", waitedMs, "pbx1", "chan");
  }

  static RouterEvent moved(long t, String contact, String from, String to) {
    return new RouterEvent.ContactMoved(t, contact, from, to, "escalation");
  }

  static RouterEvent callback(long t, String contact, String queue) {
    return new RouterEvent.CallbackRegistered(t, contact, queue, "5551234", 0);
  }

  static RouterEvent survey(long t, String contact, int score) {
    return new RouterEvent.SurveyRecorded(t, contact, score);
  }
}
