package dev.switchboard.server.security;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured API token. Only the SHA-256 of the token is kept (hex), so a leaked configuration
 * file does not leak usable tokens; {@code sha256Hex} of a token is {@code printf %s "$TOKEN" |
 * sha256sum}.
 *
 * @param name who holds it (shown in logs instead of the token)
 * @param role what it may do
 * @param sha256Hex SHA-256 of the token's UTF-8 bytes, 64 hex digits (any case)
 * @param agentId for {@link Role#AGENT} the agent it acts for; empty for the other roles
 */
public record ApiToken(String name, Role role, String sha256Hex, String agentId) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public ApiToken {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("token name must not be blank");
    }
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    sha256Hex = sha256Hex.trim().toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(sha256Hex).matches()) {
      throw new IllegalArgumentException(
          "token " + name + ": sha256Hex must be 64 hexadecimal digits");
    }
    agentId = agentId == null ? "" : agentId.trim();
    if (role == Role.AGENT && agentId.isEmpty()) {
      throw new IllegalArgumentException("token " + name + ": role agent needs an agentId");
    }
    if (role != Role.AGENT && !agentId.isEmpty()) {
      throw new IllegalArgumentException(
          "token " + name + ": only role agent takes an agentId, not " + role.jsonName());
    }
  }

  /** A token for a plain-text secret (tests, the demo): hashes it. */
  public static ApiToken forSecret(String name, Role role, String secret, String agentId) {
    return new ApiToken(name, role, TokenAuthenticator.sha256Hex(secret), agentId);
  }

  @Override
  public String toString() {
    return "ApiToken[name=" + name + ", role=" + role.jsonName() + ", agentId=" + agentId + "]";
  }
}
