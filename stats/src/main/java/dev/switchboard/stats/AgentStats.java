package dev.switchboard.stats;

import java.util.List;
import java.util.Map;

/**
 * An agent's figures at one moment. Counters and times are for today (since the start of the
 * statistics day).
 *
 * @param queueIds the queues whose required skills the agent meets
 * @param occupancyPercent time busy or in wrap-up over time ready, reserved, busy or in wrap-up;
 *     null before any such time
 * @param pausesByReason seconds paused today by reason (the current pause included)
 */
public record AgentStats(
    String id,
    String name,
    String state,
    String reason,
    long stateSinceMs,
    long secondsInState,
    String contactId,
    List<String> queueIds,
    Map<String, Integer> skills,
    long handled,
    Double ahtSeconds,
    Double occupancyPercent,
    Map<String, Long> pausesByReason,
    Double csatAverage) {}
