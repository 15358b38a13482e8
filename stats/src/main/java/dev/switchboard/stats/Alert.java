package dev.switchboard.stats;

/**
 * An alert raised when a threshold was crossed, and cleared (with hysteresis) when the figure came
 * back.
 *
 * @param id stable per subject: {@code kind:queueId} or {@code kind:pbxId}
 * @param queueId the queue concerned, or null for a PBX alert
 * @param pbxId the PBX concerned, or null for a queue alert
 * @param clearedAtMs when it cleared, 0 while active
 */
public record Alert(
    String id,
    AlertKind kind,
    String queueId,
    String pbxId,
    AlertSeverity severity,
    String message,
    long raisedAtMs,
    boolean active,
    long clearedAtMs) {

  /** The same alert, cleared at {@code timeMs}. */
  public Alert cleared(long timeMs, String clearMessage) {
    return new Alert(id, kind, queueId, pbxId, severity, clearMessage, raisedAtMs, false, timeMs);
  }
}
