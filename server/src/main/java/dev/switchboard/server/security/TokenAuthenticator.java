package dev.switchboard.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configured token a presented bearer token matches. The presented token is hashed and
 * its digest compared with every configured digest in constant time, without stopping at the first
 * match, so neither the position of a match nor a common prefix shows in the response time.
 */
public final class TokenAuthenticator {

  /** Longer presented tokens are refused unhashed: no configured token is that long. */
  public static final int MAX_TOKEN_CHARS = 512;

  private final List<ApiToken> tokens;
  private final byte[][] digests;

  public TokenAuthenticator(List<ApiToken> tokens) {
    this.tokens = List.copyOf(tokens);
    this.digests = new byte[this.tokens.size()][];
    for (int i = 0; i < this.tokens.size(); i++) {
      digests[i] = HexFormat.of().parseHex(this.tokens.get(i).sha256Hex());
    }
  }

  /** The principal of a presented token, or empty when it matches no configured token. */
  public Optional<Principal> authenticate(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented);
    ApiToken found = null;
    for (int i = 0; i < digests.length; i++) {
      if (MessageDigest.isEqual(digest, digests[i]) && found == null) {
        found = tokens.get(i);
      }
    }
    return found == null
        ? Optional.empty()
        : Optional.of(new Principal(found.name(), found.role(), found.agentId()));
  }

  /** SHA-256 of a string's UTF-8 bytes as lower-case hex: what the configuration stores. */
  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
