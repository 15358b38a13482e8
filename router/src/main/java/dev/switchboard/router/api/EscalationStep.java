package dev.switchboard.router.api;

import java.util.Objects;

/**
 * One step of a queue's escalation ladder: once a contact has waited {@code afterSeconds} (counted
 * from its original arrival), {@code action} applies. Steps of a queue are ordered by time.
 */
public record EscalationStep(int afterSeconds, EscalationAction action) {
  public EscalationStep {
    if (afterSeconds < 0 || afterSeconds > 86_400) {
      throw new IllegalArgumentException("afterSeconds must be 0-86400, got " + afterSeconds);
    }
    Objects.requireNonNull(action, "action");
  }
}
