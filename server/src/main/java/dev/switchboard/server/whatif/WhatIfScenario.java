package dev.switchboard.server.whatif;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A what-if scenario: the queues and routing options to test, the traffic expected per queue, and
 * the agents on shift. Read from YAML by {@link WhatIfScenarioLoader}; documented in {@code
 * docs/whatif.md}.
 *
 * @param name shown in the report
 * @param seed the random seed; the same scenario and seed give the same report
 * @param startHour the hour of day the simulation starts (0–23)
 * @param durationHours how many hours to simulate
 * @param intervalMinutes the report's interval length
 * @param tickMillis virtual time between the engine's ticks, the resolution of its timers
 * @param selection router-wide contact selection ({@code PRIORITY_AGE} or {@code SERVICE_LEVEL})
 * @param queues the queues
 * @param traffic expected traffic per queue
 * @param agents agent groups
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record WhatIfScenario(
    String name,
    long seed,
    int startHour,
    int durationHours,
    int intervalMinutes,
    Integer tickMillis,
    String selection,
    List<QueueSpec> queues,
    List<TrafficSpec> traffic,
    List<AgentGroupSpec> agents) {

  /**
   * A queue.
   *
   * @param skills skill → minimum level
   * @param escalation optional steps: {@code {afterSeconds, relaxLevelsTo | addSkills | moveTo |
   *     overflow}}
   */
  public record QueueSpec(
      String id,
      Map<String, Integer> skills,
      @JsonProperty("serviceLevelPercent") Integer serviceLevelPercent,
      Integer targetSeconds,
      Integer shortAbandonSeconds,
      String policy,
      Integer wrapUpSeconds,
      Integer maxWaitSeconds,
      Integer agingSecondsPerPriority,
      List<EscalationSpec> escalation) {}

  /** One escalation step; exactly one action field is set. */
  public record EscalationSpec(
      int afterSeconds,
      Integer relaxLevelsTo,
      Map<String, Integer> addSkills,
      String moveTo,
      String overflowTo) {}

  /**
   * Expected traffic of one queue.
   *
   * @param callsPerHour the mean arrival rate (Poisson)
   * @param hourlyFactors optional multipliers by hour of day ({@code "9": 1.4}); missing hours = 1
   * @param handleSeconds mean talk time (exponential)
   * @param patienceSeconds mean patience before abandoning (exponential); 0 or absent = never
   * @param vipShare share of callers with priority {@code vipPriority}
   * @param extraSkills skills every caller of this stream needs besides the queue's (language)
   */
  public record TrafficSpec(
      String queue,
      double callsPerHour,
      Map<String, Double> hourlyFactors,
      double handleSeconds,
      Double patienceSeconds,
      Double vipShare,
      Integer vipPriority,
      Map<String, Integer> extraSkills) {}

  /**
   * A group of identical agents.
   *
   * @param startHour when the shift starts (defaults to the scenario's start)
   * @param endHour when it ends (defaults to the end of the simulation)
   */
  public record AgentGroupSpec(
      String name, int count, Map<String, Integer> skills, Integer startHour, Integer endHour) {}
}
