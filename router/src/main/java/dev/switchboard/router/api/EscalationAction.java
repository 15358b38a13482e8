package dev.switchboard.router.api;

import java.util.List;
import java.util.Objects;

/** What an escalation step does to a waiting contact. */
public sealed interface EscalationAction {

  /** Lower every required level of the queue's skills to at most {@code maxMinLevel}. */
  record RelaxLevels(int maxMinLevel) implements EscalationAction {
    public RelaxLevels {
      if (maxMinLevel < 1 || maxMinLevel > 10) {
        throw new IllegalArgumentException("maxMinLevel must be 1-10, got " + maxMinLevel);
      }
    }
  }

  /**
   * Let agents that have this alternative skill set take the contact too (a backup group); the
   * contact's own extra requirements (language…) still apply.
   */
  record AddSkills(List<SkillRequirement> alternative) implements EscalationAction {
    public AddSkills {
      alternative = List.copyOf(alternative);
      if (alternative.isEmpty()) {
        throw new IllegalArgumentException("alternative skill set must not be empty");
      }
    }
  }

  /** Move the contact to another queue, keeping its original arrival time. */
  record MoveToQueue(String queueId) implements EscalationAction {
    public MoveToQueue {
      Objects.requireNonNull(queueId, "queueId");
    }
  }

  /** Tell the caller it may leave a callback (the contact keeps waiting meanwhile). */
  record OfferCallback() implements EscalationAction {}

  /** Leave the queue by its overflow action. */
  record Overflow(OverflowAction target) implements EscalationAction {
    public Overflow {
      Objects.requireNonNull(target, "target");
    }
  }
}
