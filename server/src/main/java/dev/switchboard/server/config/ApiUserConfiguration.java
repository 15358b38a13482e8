package dev.switchboard.server.config;

/**
 * An API user under {@code users}: a bearer token and what it may do. Only the token's SHA-256 is
 * kept; a token read from {@code tokenEnv}/{@code tokenFile} is hashed at load.
 *
 * @param name who this is (shown in logs instead of the token)
 * @param role what the token may do
 * @param tokenSha256Hex the SHA-256 of the token, lower-case hex
 * @param agentId for role {@code agent}: the agent it acts as; else empty
 */
public record ApiUserConfiguration(
    String name, UserRole role, String tokenSha256Hex, String agentId) {}
