package dev.switchboard.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (an AMI password, an API token) read from the environment, a file or the
 * configuration. It never prints itself: {@link #toString()} is {@code ***}, so a secret that ends
 * up in a log line, an exception message or a record's {@code toString} stays hidden. Only {@link
 * #reveal()} gives the value, and only the code that hands it to a PBX login should call it.
 */
public final class Secret {

  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * A secret.
   *
   * @param value the secret itself
   * @param origin where it came from, safe to print ({@code env SWITCHBOARD_PBX1_SECRET}, {@code
   *     file /etc/switchboard/pbx1.secret}, {@code inline})
   */
  public static Secret of(String value, String origin) {
    return new Secret(value, origin);
  }

  /** The value itself; never log it. */
  public String reveal() {
    return value;
  }

  /** Where the secret came from (not the secret). */
  public String origin() {
    return origin;
  }

  /** The SHA-256 of the value as lower-case hex, the form API tokens are compared in. */
  public String sha256Hex() {
    return sha256Hex(value);
  }

  /** The SHA-256 of a text (UTF-8) as lower-case hex. */
  public static String sha256Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
    }
  }

  /** Equal values are equal secrets (compared in constant time), whatever their origin. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }
}
