package dev.switchboard.router.engine;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.engine.ContactRuntime.Phase;

/**
 * The commands about one contact after it arrived: answer, offer failure, end, abandon, transfer,
 * callback request. Each checks the contact is in a phase where the command makes sense (else a
 * {@code CommandRejected} with a stable code) and hands agent-side consequences to {@link
 * AgentLifecycle}.
 */
final class ContactCommands {

  private final RoutingStateMachine engine;
  private final EngineState s;
  private final AgentLifecycle agents;

  ContactCommands(RoutingStateMachine engine, AgentLifecycle agents) {
    this.engine = engine;
    this.s = engine.s;
    this.agents = agents;
  }

  void onAbandoned(Command.ContactAbandoned cmd) {
    ContactRuntime c = s.contactById.get(cmd.contactId());
    if (c == null) {
      engine.reject(cmd, "unknown-contact", "no contact " + cmd.contactId());
      return;
    }
    if (c.phase == Phase.TALKING) {
      endTalking(c);
    } else if (c.type != ContactType.CALLBACK) {
      abandon(c, cmd.reason(), cmd.hangupCause());
    }
  }

  void onEnded(Command.ContactEnded cmd) {
    ContactRuntime c = s.contactById.get(cmd.contactId());
    if (c == null) {
      engine.reject(cmd, "unknown-contact", "no contact " + cmd.contactId());
      return;
    }
    if (c.phase == Phase.TALKING) {
      endTalking(c);
    } else {
      abandon(c, AbandonReason.CALLER_HANGUP, 0);
    }
  }

  private void abandon(ContactRuntime c, AbandonReason reason, int cause) {
    AgentRuntime a = c.phase == Phase.OFFERED ? c.agent : null;
    engine
        .sink()
        .contactAbandoned(
            engine.now(), c.id, c.queueId, engine.now() - c.arrivedAtMs, reason, cause);
    engine.forget(c);
    if (a != null) {
      a.offered = null;
      agents.afterOfferWithdrawn(a, true);
    }
  }

  private void endTalking(ContactRuntime c) {
    AgentRuntime a = c.agent;
    long talk = engine.now() - c.answeredAtMs;
    engine.sink().contactEnded(engine.now(), c.id, c.queueId, c.agentId, talk);
    engine.forget(c);
    if (a != null && a.holds(c)) {
      agents.contactEnded(a, c, talk);
    }
  }

  void onOfferFailed(Command.OfferFailed cmd) {
    ContactRuntime c = s.contactById.get(cmd.contactId());
    AgentRuntime a = s.agentById.get(cmd.agentId());
    if (!checkOffer(cmd, c, a, cmd.contactId(), cmd.agentId())) {
      return;
    }
    engine.sink().offerNotTaken(engine.now(), c.id, c.queueId, a.id, cmd.failure());
    a.offered = null;
    agents.offerFailed(a, cmd.failure().pauseReason(), c.id);
    engine.requeue(c);
  }

  private boolean checkOffer(
      Command cmd, ContactRuntime c, AgentRuntime a, String contactId, String agentId) {
    if (c == null) {
      engine.reject(cmd, "unknown-contact", "no contact " + contactId);
      return false;
    }
    if (a == null) {
      engine.reject(cmd, "unknown-agent", "no agent " + agentId);
      return false;
    }
    if (c.phase != Phase.OFFERED) {
      engine.reject(cmd, "wrong-state", "contact " + contactId + " is not being offered");
      return false;
    }
    if (c.agent != a) {
      engine.reject(cmd, "wrong-agent", "contact " + contactId + " is offered to " + c.agentId);
      return false;
    }
    return true;
  }

  void onAnswered(Command.ContactAnswered cmd) {
    ContactRuntime c = s.contactById.get(cmd.contactId());
    AgentRuntime a = s.agentById.get(cmd.agentId());
    if (!checkOffer(cmd, c, a, cmd.contactId(), cmd.agentId())) {
      return;
    }
    c.queue.orderRoot = s.order.remove(c.queue.orderRoot, c.slot);
    c.phase = Phase.TALKING;
    c.answeredAtMs = engine.now();
    c.wrapUpSeconds = c.queue.config.wrapUpSeconds();
    c.ringDueMs = 0;
    a.offered = null;
    if (c.type == ContactType.CHAT) {
      a.chats.add(c);
    } else {
      a.voice = c;
    }
    engine
        .sink()
        .contactAnswered(engine.now(), c.id, c.queueId, a.id, engine.now() - c.arrivedAtMs);
    agents.setState(a, AgentState.BUSY, "", c.id);
    agents.refresh(a, RoutingStateMachine.TRIGGER_AGENT);
  }

  void onTransferred(Command.ContactTransferred cmd) {
    ContactRuntime c = s.contactById.get(cmd.contactId());
    if (c == null) {
      engine.reject(cmd, "unknown-contact", "no contact " + cmd.contactId());
      return;
    }
    QueueRuntime q = s.queueById.get(cmd.toQueueId());
    if (q == null) {
      engine.reject(cmd, "unknown-queue", "no queue " + cmd.toQueueId());
      return;
    }
    if (c.phase != Phase.WAITING && c.phase != Phase.SCHEDULED) {
      engine.reject(cmd, "wrong-state", "contact " + c.id + " is not waiting");
      return;
    }
    if (c.queue == q) {
      engine.reject(cmd, "wrong-state", "contact " + c.id + " is already in " + q.id());
      return;
    }
    s.index.removeContact(c);
    engine.moveTo(c, q, "transfer", RoutingStateMachine.TRIGGER_ARRIVED);
  }

  void onCallbackRequested(Command.CallbackRequested cmd) {
    ContactRuntime c = s.contactById.get(cmd.contactId());
    if (c == null) {
      engine.reject(cmd, "unknown-contact", "no contact " + cmd.contactId());
      return;
    }
    if (c.phase != Phase.WAITING || c.type != ContactType.CALL) {
      engine.reject(cmd, "wrong-state", "contact " + c.id + " is not a waiting call");
      return;
    }
    c.type = ContactType.CALLBACK;
    c.callbackNumber = cmd.number();
    c.notBeforeMs = cmd.notBeforeMs();
    c.escalationDueMs = 0;
    c.maxWaitDueMs = 0;
    engine
        .sink()
        .callbackRegistered(engine.now(), c.id, c.queueId, cmd.number(), cmd.notBeforeMs());
    if (cmd.notBeforeMs() > engine.now()) {
      s.index.removeContact(c);
      c.phase = Phase.SCHEDULED;
      engine.schedule(c, RoutingStateMachine.TIMER_CALLBACK, cmd.notBeforeMs());
    }
  }
}
