package dev.switchboard.server.config;

/** What an API token may do (see docs/api.md for the endpoints each role reaches). */
public enum UserRole {
  /** Reads the figures (wallboards). */
  WALLBOARD,
  /** Reads and changes its own agent state only. */
  AGENT,
  /** All agents, announcements, reads. */
  SUPERVISOR,
  /** Everything, including queue settings and configuration reload. */
  ADMIN
}
