package dev.switchboard.server.security;

import java.util.Locale;

/**
 * What a bearer token may do. Roles are not a strict ladder: an {@link #AGENT} token reads and
 * changes only its own agent, which a {@link #WALLBOARD} token cannot do, while the wallboard reads
 * every figure, which the agent cannot.
 */
public enum Role {
  /** Reads figures: queues, agents, alerts, PBX links, intervals, the stream, metrics. */
  WALLBOARD,
  /** Its own agent only: log in, ready, pause, log out, read itself. */
  AGENT,
  /** All agents (state and skills), announcements, contact histories, every read. */
  SUPERVISOR,
  /** Everything, including queue settings and configuration reload. */
  ADMIN;

  /** The lower-case name used in configuration files and JSON ({@code supervisor}). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code wallboard}, {@code agent}, {@code supervisor} or {@code admin}, any case. */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + text + "' (expected wallboard, agent, supervisor or admin)");
  }
}
