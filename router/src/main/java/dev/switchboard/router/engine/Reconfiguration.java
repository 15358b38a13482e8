package dev.switchboard.router.engine;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.engine.ContactRuntime.Phase;
import dev.switchboard.router.model.Ranking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration changes ({@link Command.ConfigurationChanged}, {@link Command.QueueChanged}): rare,
 * so they may cost O(agents + contacts). Removed agents are logged out (an offer ringing them is
 * re-queued), contacts of removed queues leave by disconnect, all other contacts keep their arrival
 * time and escalation progress; then indexes are rebuilt and every waiting contact, in rank order,
 * gets the best agent now available to it.
 */
final class Reconfiguration {

  private final RoutingStateMachine engine;
  private final EngineState s;
  private final AgentLifecycle agents;

  Reconfiguration(RoutingStateMachine engine, AgentLifecycle agents) {
    this.engine = engine;
    this.s = engine.s;
    this.agents = agents;
  }

  void onConfiguration(RouterConfiguration cfg) {
    engine.emit(new RouterEvent.SelectionConfigured(engine.now(), cfg.selection()));
    for (QueueConfiguration q : cfg.queues()) {
      engine.emit(new RouterEvent.QueueConfigured(engine.now(), q));
    }
    for (AgentConfiguration a : cfg.agents()) {
      engine.emit(new RouterEvent.AgentConfigured(engine.now(), a));
    }
    s.selection = cfg.selection();
    Map<String, AgentConfiguration> newAgents = new HashMap<>();
    for (AgentConfiguration a : cfg.agents()) {
      newAgents.put(a.id(), a);
    }
    List<ContactRuntime> requeued = new ArrayList<>();
    for (AgentRuntime a : s.agents) {
      if (!newAgents.containsKey(a.id)) {
        ContactRuntime offered = agents.remove(a, "agent removed");
        if (offered != null) {
          offered.agent = null;
          offered.agentId = "";
          offered.ringDueMs = 0;
          offered.phase = Phase.WAITING;
          requeued.add(offered);
        }
      }
    }
    Map<String, QueueConfiguration> newQueues = new HashMap<>();
    for (QueueConfiguration q : cfg.queues()) {
      newQueues.put(q.id(), q);
    }
    for (QueueRuntime q : s.queues) {
      if (!newQueues.containsKey(q.id())) {
        removeQueueContacts(q, requeued);
      }
    }
    List<QueueRuntime> queues = new ArrayList<>();
    for (QueueConfiguration qc : cfg.queues()) {
      QueueRuntime q = s.queueById.get(qc.id());
      if (q == null) {
        q = new QueueRuntime(queues.size(), qc);
      }
      q.index = queues.size();
      q.config = qc;
      queues.add(q);
    }
    List<AgentRuntime> agentList = new ArrayList<>();
    for (AgentConfiguration ac : cfg.agents()) {
      AgentRuntime a = s.agentById.get(ac.id());
      if (a == null) {
        a = new AgentRuntime(agentList.size(), ac);
      }
      a.index = agentList.size();
      a.config = ac;
      agentList.add(a);
    }
    s.setQueues(queues);
    s.setAgents(agentList);
    afterReconfiguration(requeued);
  }

  void onQueueChanged(Command.QueueChanged cmd) {
    QueueConfiguration qc = cmd.queue();
    for (String target : targets(qc)) {
      if (!target.equals(qc.id()) && !s.queueById.containsKey(target)) {
        engine.reject(
            cmd, "unknown-queue", "queue " + qc.id() + " refers to unknown queue " + target);
        return;
      }
    }
    engine.emit(new RouterEvent.QueueConfigured(engine.now(), qc));
    QueueRuntime q = s.queueById.get(qc.id());
    List<QueueRuntime> queues = new ArrayList<>(s.queues);
    if (q == null) {
      queues.add(new QueueRuntime(queues.size(), qc));
    } else {
      q.config = qc;
    }
    s.setQueues(queues);
    afterReconfiguration(List.of());
  }

  private static List<String> targets(QueueConfiguration qc) {
    List<String> out = new ArrayList<>();
    if (qc.overflow() instanceof OverflowAction.ToQueue t) {
      out.add(t.queueId());
    }
    for (EscalationStep step : qc.escalation()) {
      if (step.action() instanceof EscalationAction.MoveToQueue m) {
        out.add(m.queueId());
      } else if (step.action() instanceof EscalationAction.Overflow o
          && o.target() instanceof OverflowAction.ToQueue t) {
        out.add(t.queueId());
      }
    }
    return out;
  }

  /** Contacts of a removed queue leave by disconnect; talking ones carry on. */
  private void removeQueueContacts(QueueRuntime q, List<ContactRuntime> requeued) {
    for (int slot : s.order.inOrder(q.orderRoot)) {
      ContactRuntime c = s.contact(slot);
      if (c.phase == Phase.OFFERED) {
        AgentRuntime a = c.agent;
        engine.sink().offerRevoked(engine.now(), c.id, a.id, "queue removed");
        a.offered = null;
        agents.afterOfferWithdrawn(a, false);
      }
      requeued.remove(c);
      engine.overflowOut(c, new OverflowAction.Disconnect(), "queue removed");
    }
  }

  /**
   * After queues or agents changed: contacts keep their arrival and escalation progress, ranks and
   * timers follow the new queue settings, indexes are rebuilt, and every waiting contact, in rank
   * order, gets the best agent now available to it.
   */
  private void afterReconfiguration(List<ContactRuntime> requeued) {
    for (ContactRuntime c : s.contactsBySeq()) {
      if (c.phase == Phase.TALKING) {
        continue;
      }
      QueueConfiguration qc = c.queue.config;
      c.rankKeyMs = Ranking.rankKeyMs(c.arrivedAtMs, c.priority, qc.agingSecondsPerPriority());
      c.stepsApplied = Math.min(c.stepsApplied, qc.escalation().size());
      if (c.type != ContactType.CALLBACK) {
        c.escalationDueMs =
            c.stepsApplied < qc.escalation().size()
                ? RoutingStateMachine.stepDueMs(c, qc.escalation().get(c.stepsApplied))
                : 0;
        c.maxWaitDueMs =
            qc.maxWaitSeconds() > 0 ? c.enteredQueueAtMs + qc.maxWaitSeconds() * 1000L : 0;
      }
    }
    s.rebuildIndexes(engine);
    for (ContactRuntime c : requeued) {
      engine.emitQueued(c, true);
    }
    List<ContactRuntime> waiting = new ArrayList<>();
    for (ContactRuntime c : s.contactsBySeq()) {
      if (c.phase == Phase.WAITING) {
        waiting.add(c);
      }
    }
    waiting.sort(
        Comparator.comparingLong((ContactRuntime c) -> c.rankKeyMs).thenComparingLong(c -> c.seq));
    for (ContactRuntime c : waiting) {
      if (c.phase == Phase.WAITING && c.bucket != null) {
        engine.offerToBestAgent(c, RoutingStateMachine.TRIGGER_CONFIGURATION);
      }
    }
  }
}
