package dev.switchboard.server.security;

/**
 * What an endpoint requires, and the single place that decides which roles satisfy it. An {@link
 * Role#AGENT} token acts only on the agent it was issued for ({@code targetAgentId}).
 */
public enum Access {
  /** No token needed (health, static pages). */
  PUBLIC,
  /** Any valid token. */
  AUTHENTICATED,
  /** Figures: wallboard, supervisor, admin. */
  READ,
  /** One agent's figures: its own agent token, or any role that reads figures. */
  AGENT_READ,
  /** One agent's state (login, ready, pause, logout): its own agent token, supervisor, admin. */
  AGENT_ACT,
  /** Agents' skills, announcements, contact histories, queue settings: supervisor, admin. */
  SUPERVISE,
  /** Queue configuration and reload: admin. */
  CONFIGURE;

  /** Whether {@code principal} may do this (to {@code targetAgentId}, for the agent accesses). */
  public boolean allows(Principal principal, String targetAgentId) {
    Role role = principal.role();
    return switch (this) {
      case PUBLIC, AUTHENTICATED -> true;
      case READ -> role != Role.AGENT;
      case AGENT_READ -> role != Role.AGENT || principal.agentId().equals(targetAgentId);
      case AGENT_ACT ->
          role == Role.SUPERVISOR
              || role == Role.ADMIN
              || (role == Role.AGENT && principal.agentId().equals(targetAgentId));
      case SUPERVISE -> role == Role.SUPERVISOR || role == Role.ADMIN;
      case CONFIGURE -> role == Role.ADMIN;
    };
  }
}
