package dev.switchboard.bench.stats;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DecisionReason;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.stats.StatsService;
import java.util.List;
import java.util.Map;

/**
 * A synthetic event stream for the statistics benchmarks: queues with one skill each, agents with a
 * few skills, and contacts that go through a full answered life (8 events each).
 */
final class StatsWorkload {

  static final int SKILLS = 1000;
  private static final DecisionReason REASON =
      new DecisionReason(
          "agent-available",
          AgentSelectionPolicy.LONGEST_IDLE,
          ContactSelection.PRIORITY_AGE,
          -1,
          1,
          5,
          0,
          0);

  private StatsWorkload() {}

  static void configure(StatsService stats, int queues, int agents, long t) {
    for (int q = 0; q < queues; q++) {
      QueueConfiguration cfg =
          new QueueConfiguration(
              "q" + q,
              "Queue " + q,
              List.of(new SkillRequirement("s" + (q % SKILLS), 1)),
              ServiceLevelTarget.defaults(),
              AgentSelectionPolicy.LONGEST_IDLE,
              10,
              15,
              0,
              0,
              new OverflowAction.Disconnect(),
              List.of(),
              30,
              0);
      stats.onEvent(new RouterEvent.QueueConfigured(t, cfg), false);
    }
    for (int a = 0; a < agents; a++) {
      Map<String, Integer> skills =
          Map.of("s" + (a % SKILLS), 5, "s" + ((a + 7) % SKILLS), 3, "s" + ((a + 19) % SKILLS), 8);
      stats.onEvent(
          new RouterEvent.AgentConfigured(
              t, new AgentConfiguration("a" + a, "Agent " + a, "pbx1", "ext" + a, skills, 0)),
          false);
      stats.onEvent(
          new RouterEvent.AgentStateChanged(
              t, "a" + a, AgentState.LOGGED_OUT, AgentState.READY, "", ""),
          false);
    }
  }

  /** One contact's answered life: queued, offered, answered, ended, with agent states. */
  static void contactLife(
      StatsService stats, String contactId, String queueId, String agentId, long t) {
    stats.onEvent(
        new RouterEvent.ContactQueued(
            t, contactId, queueId, ContactType.CALL, 0, t, false, 1, "pbx1", "chan", "555"),
        false);
    stats.onEvent(
        new RouterEvent.ContactOffered(
            t + 1000,
            contactId,
            queueId,
            agentId,
            ContactType.CALL,
            "pbx1",
            "chan",
            "pbx1",
            "ext",
            "",
            15,
            REASON),
        false);
    stats.onEvent(
        new RouterEvent.AgentStateChanged(
            t + 1000, agentId, AgentState.READY, AgentState.RESERVED, "", contactId),
        false);
    stats.onEvent(
        new RouterEvent.ContactAnswered(t + 3000, contactId, queueId, agentId, 3000), false);
    stats.onEvent(
        new RouterEvent.AgentStateChanged(
            t + 3000, agentId, AgentState.RESERVED, AgentState.BUSY, "", contactId),
        false);
    stats.onEvent(
        new RouterEvent.ContactEnded(t + 90_000, contactId, queueId, agentId, 87_000), false);
    stats.onEvent(
        new RouterEvent.AgentStateChanged(
            t + 90_000, agentId, AgentState.BUSY, AgentState.WRAP_UP, "", contactId),
        false);
    stats.onEvent(
        new RouterEvent.AgentStateChanged(
            t + 100_000, agentId, AgentState.WRAP_UP, AgentState.READY, "", ""),
        false);
  }
}
