package dev.switchboard.server.security;

import java.util.Objects;

/**
 * Who made a request, as established from its bearer token.
 *
 * @param name the token's name
 * @param role what it may do
 * @param agentId for {@link Role#AGENT} the agent it acts for, else empty
 */
public record Principal(String name, Role role, String agentId) {
  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    agentId = agentId == null ? "" : agentId;
  }
}
