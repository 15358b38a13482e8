package dev.switchboard.stats;

import java.util.List;

/** Every queue, agent and alert at one moment; queues and agents sorted by id. */
public record StatsSnapshot(
    long timeMs, List<QueueStats> queues, List<AgentStats> agents, List<Alert> alerts) {}
