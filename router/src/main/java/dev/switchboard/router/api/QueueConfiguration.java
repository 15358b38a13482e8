package dev.switchboard.router.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A queue as the router needs it.
 *
 * @param id the queue's id, unique
 * @param name a display name
 * @param requiredSkills skills every contact of the queue needs (the contact may add its own)
 * @param serviceLevel the service-level target
 * @param policy how a ready agent is chosen among several
 * @param wrapUpSeconds after-call work time before the agent is offered again (0 = none)
 * @param ringTimeoutSeconds how long an offer rings before it counts as not answered
 * @param maxWaitSeconds longest wait before {@code overflow} applies (0 = no limit)
 * @param maxLength most contacts waiting; an arrival beyond it overflows at once (0 = no limit)
 * @param overflow where contacts go past {@code maxWaitSeconds} or {@code maxLength}
 * @param escalation steps over waiting time, ordered by {@code afterSeconds}
 * @param agingSecondsPerPriority waiting seconds worth one priority level: a contact of priority
 *     {@code p} ranks as if it had arrived {@code p × agingSecondsPerPriority} seconds earlier, so
 *     nothing starves and equal priorities stay first come first served (0 = strict priority)
 * @param callbackOfferSeconds expected wait above which the IVR offers a callback (0 = never)
 */
public record QueueConfiguration(
    String id,
    String name,
    List<SkillRequirement> requiredSkills,
    ServiceLevelTarget serviceLevel,
    AgentSelectionPolicy policy,
    int wrapUpSeconds,
    int ringTimeoutSeconds,
    int maxWaitSeconds,
    int maxLength,
    OverflowAction overflow,
    List<EscalationStep> escalation,
    int agingSecondsPerPriority,
    int callbackOfferSeconds) {

  public QueueConfiguration {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("queue id must not be blank");
    }
    name = name == null ? id : name;
    requiredSkills = List.copyOf(requiredSkills);
    Objects.requireNonNull(serviceLevel, "serviceLevel");
    Objects.requireNonNull(policy, "policy");
    overflow = overflow == null ? new OverflowAction.Disconnect() : overflow;
    List<EscalationStep> sorted = new ArrayList<>(escalation);
    sorted.sort(Comparator.comparingInt(EscalationStep::afterSeconds));
    escalation = List.copyOf(sorted);
    requireRange("wrapUpSeconds", wrapUpSeconds, 0, 3600);
    requireRange("ringTimeoutSeconds", ringTimeoutSeconds, 1, 600);
    requireRange("maxWaitSeconds", maxWaitSeconds, 0, 86_400);
    requireRange("maxLength", maxLength, 0, 1_000_000);
    requireRange("agingSecondsPerPriority", agingSecondsPerPriority, 0, 86_400);
    requireRange("callbackOfferSeconds", callbackOfferSeconds, 0, 86_400);
  }

  private static void requireRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  /** A queue with the usual defaults: longest idle, 15 s ring, no limits, no escalation. */
  public static QueueConfiguration simple(String id, List<SkillRequirement> requiredSkills) {
    return new QueueConfiguration(
        id,
        id,
        requiredSkills,
        ServiceLevelTarget.defaults(),
        AgentSelectionPolicy.LONGEST_IDLE,
        0,
        15,
        0,
        0,
        new OverflowAction.Disconnect(),
        List.of(),
        30,
        0);
  }
}
