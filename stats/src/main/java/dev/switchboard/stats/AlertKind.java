package dev.switchboard.stats;

/** What an alert watches. */
public enum AlertKind {
  /** The service level over the alert window is below target. */
  SERVICE_LEVEL,
  /** The longest current wait is too long. */
  LONGEST_WAIT,
  /** Too many callers abandon over the alert window. */
  ABANDON_RATE,
  /** Too many contacts wait. */
  WAITING,
  /** Contacts wait and no agent serving the queue is logged in. */
  NO_AGENTS,
  /** A PBX link is down. */
  PBX_LINK_DOWN
}
