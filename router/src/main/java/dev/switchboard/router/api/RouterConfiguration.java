package dev.switchboard.router.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the routing engine is configured with. Applied as a whole by {@link
 * Command.ConfigurationChanged}: queues and agents are added, changed or removed; contacts that
 * wait keep their place.
 */
public record RouterConfiguration(
    List<QueueConfiguration> queues, List<AgentConfiguration> agents, ContactSelection selection) {

  public RouterConfiguration {
    queues = List.copyOf(queues);
    agents = List.copyOf(agents);
    Objects.requireNonNull(selection, "selection");
    Set<String> ids = new HashSet<>();
    for (QueueConfiguration q : queues) {
      if (!ids.add(q.id())) {
        throw new IllegalArgumentException("duplicate queue id " + q.id());
      }
    }
    for (QueueConfiguration q : queues) {
      for (EscalationStep step : q.escalation()) {
        if (step.action() instanceof EscalationAction.MoveToQueue m && !ids.contains(m.queueId())) {
          throw new IllegalArgumentException(
              "queue " + q.id() + " escalates to unknown queue " + m.queueId());
        }
      }
      if (q.overflow() instanceof OverflowAction.ToQueue t && !ids.contains(t.queueId())) {
        throw new IllegalArgumentException(
            "queue " + q.id() + " overflows to unknown queue " + t.queueId());
      }
    }
    Set<String> agentIds = new HashSet<>();
    Set<String> devices = new HashSet<>();
    for (AgentConfiguration a : agents) {
      if (!agentIds.add(a.id())) {
        throw new IllegalArgumentException("duplicate agent id " + a.id());
      }
      if (!devices.add(a.pbxId() + "/" + a.extension())) {
        throw new IllegalArgumentException(
            "agent " + a.id() + " shares extension " + a.extension() + " on " + a.pbxId());
      }
    }
  }

  /** The queue with this id, or null. */
  public QueueConfiguration queue(String id) {
    for (QueueConfiguration q : queues) {
      if (q.id().equals(id)) {
        return q;
      }
    }
    return null;
  }
}
