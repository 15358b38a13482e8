package dev.switchboard.server.app;

import dev.switchboard.router.api.EventView;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every live router event as one key=value line on the logger {@code dev.switchboard.events}
 * (contact, queue, agent and PBX ids first), so an operator can grep a caller's path through the
 * system. Runs on the router's dispatch thread: the logback configuration puts an asynchronous,
 * never-blocking appender behind it. Replayed events are not logged again.
 */
final class RouterEventLogger implements RouterEventListener {

  static final Logger EVENTS = LoggerFactory.getLogger("dev.switchboard.events");

  @Override
  public void onEvent(RouterEvent event, boolean replay) {
    if (replay || !EVENTS.isInfoEnabled()) {
      return;
    }
    EVENTS.info(line(event));
  }

  /** Makes the event's record only when the line is logged. */
  @Override
  public void onView(EventView event, boolean replay) {
    if (replay || !EVENTS.isInfoEnabled()) {
      return;
    }
    EVENTS.info(line(event.toEvent()));
  }

  /** The key=value line of an event. */
  static String line(RouterEvent event) {
    if (event instanceof RouterEvent.ContactQueued e) {
      return "event=queued contact="
          + e.contactId()
          + " queue="
          + e.queueId()
          + " pbx="
          + e.pbxId()
          + " priority="
          + e.priority()
          + " position="
          + e.position()
          + " requeued="
          + e.requeued();
    } else if (event instanceof RouterEvent.ContactOffered e) {
      return "event=offered contact="
          + e.contactId()
          + " queue="
          + e.queueId()
          + " agent="
          + e.agentId()
          + " pbx="
          + e.pbxId()
          + " trigger="
          + e.reason().trigger()
          + " eligible="
          + e.reason().eligibleAgents()
          + " waitedMs="
          + e.reason().waitedMs();
    } else if (event instanceof RouterEvent.OfferRevoked e) {
      return "event=offer-revoked contact="
          + e.contactId()
          + " agent="
          + e.agentId()
          + " reason=\""
          + e.reason()
          + "\"";
    } else if (event instanceof RouterEvent.OfferNotTaken e) {
      return "event=offer-not-taken contact="
          + e.contactId()
          + " queue="
          + e.queueId()
          + " agent="
          + e.agentId()
          + " failure="
          + e.failure();
    } else if (event instanceof RouterEvent.ContactEscalated e) {
      return "event=escalated contact="
          + e.contactId()
          + " queue="
          + e.queueId()
          + " step="
          + e.stepIndex()
          + " what=\""
          + e.description()
          + "\"";
    } else if (event instanceof RouterEvent.ContactMoved e) {
      return "event=moved contact="
          + e.contactId()
          + " from="
          + e.fromQueueId()
          + " to="
          + e.toQueueId()
          + " cause=\""
          + e.cause()
          + "\"";
    } else if (event instanceof RouterEvent.ContactOverflowed e) {
      return "event=overflowed contact="
          + e.contactId()
          + " queue="
          + e.queueId()
          + " pbx="
          + e.pbxId()
          + " action="
          + e.action()
          + " waitedMs="
          + e.waitedMs();
    } else if (event instanceof RouterEvent.CallbackOffered e) {
      return "event=callback-offered contact=" + e.contactId() + " queue=" + e.queueId();
    } else if (event instanceof RouterEvent.CallbackRegistered e) {
      return "event=callback-registered contact=" + e.contactId() + " queue=" + e.queueId();
    } else if (event instanceof RouterEvent.CallbackDue e) {
      return "event=callback-due contact=" + e.contactId() + " queue=" + e.queueId();
    } else if (event instanceof RouterEvent.ContactAnswered e) {
      return "event=answered contact="
          + e.contactId()
          + " queue="
          + e.queueId()
          + " agent="
          + e.agentId()
          + " waitedMs="
          + e.waitedMs();
    } else if (event instanceof RouterEvent.ContactAbandoned e) {
      return "event=abandoned contact="
          + e.contactId()
          + " queue="
          + e.queueId()
          + " reason="
          + e.reason()
          + " cause="
          + e.hangupCause()
          + " waitedMs="
          + e.waitedMs();
    } else if (event instanceof RouterEvent.ContactEnded e) {
      return "event=ended contact="
          + e.contactId()
          + " queue="
          + e.queueId()
          + " agent="
          + e.agentId()
          + " talkMs="
          + e.talkMs();
    } else if (event instanceof RouterEvent.AgentStateChanged e) {
      return "event=agent-state agent="
          + e.agentId()
          + " from="
          + e.previous()
          + " to="
          + e.state()
          + (e.reason().isEmpty() ? "" : " reason=\"" + e.reason() + "\"")
          + (e.contactId().isEmpty() ? "" : " contact=" + e.contactId());
    } else if (event instanceof RouterEvent.AgentConfigured e) {
      return "event=agent-configured agent=" + e.agent().id();
    } else if (event instanceof RouterEvent.QueueConfigured e) {
      return "event=queue-configured queue=" + e.queue().id();
    } else if (event instanceof RouterEvent.SelectionConfigured e) {
      return "event=selection-configured selection=" + e.selection();
    } else if (event instanceof RouterEvent.SurveyRecorded e) {
      return "event=survey contact=" + e.contactId() + " score=" + e.score();
    } else if (event instanceof RouterEvent.AnnouncementChanged e) {
      return "event=announcement scope=" + e.scope() + " active=" + e.active();
    } else if (event instanceof RouterEvent.PbxLinkChanged e) {
      return "event=pbx-link pbx=" + e.pbxId() + " up=" + e.up();
    } else if (event instanceof RouterEvent.CommandRejected e) {
      return "event=rejected code="
          + e.code()
          + " command="
          + e.command().getClass().getSimpleName()
          + " message=\""
          + e.message()
          + "\"";
    }
    return "event=" + event.getClass().getSimpleName();
  }
}
