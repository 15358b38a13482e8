package dev.switchboard.stats;

/** How urgent an alert is. */
public enum AlertSeverity {
  /** A figure slipped; someone should look. */
  WARNING,
  /** Callers are not being served. */
  CRITICAL
}
