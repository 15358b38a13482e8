package dev.switchboard.sim.ami;

import java.util.Objects;

/**
 * Settings of the simulated AMI listener.
 *
 * @param port TCP port on 127.0.0.1; 0 = ephemeral (read it back with {@link AmiServer#port()})
 * @param username the one manager user (like {@code [router]} in manager.conf)
 * @param secret its plain secret (Login with {@code Secret:} or MD5 {@code Key:} after Challenge)
 * @param banner the greeting line; Asterisk 22 sends {@code Asterisk Call Manager/11.0.0}
 * @param sessionQueueCapacity messages buffered per client before a stuck client is disconnected
 * @param failedLoginDelayMs how long a wrong secret waits before its Error (Asterisk: ~1 s)
 */
public record AmiServerConfiguration(
    int port,
    String username,
    String secret,
    String banner,
    int sessionQueueCapacity,
    long failedLoginDelayMs) {

  /** The greeting Asterisk 22.10 sends (see traces s10). */
  public static final String ASTERISK_22_BANNER = "Asterisk Call Manager/11.0.0";

  public AmiServerConfiguration {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(banner, "banner");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (sessionQueueCapacity < 16) {
      throw new IllegalArgumentException("sessionQueueCapacity must be >= 16");
    }
    if (failedLoginDelayMs < 0) {
      throw new IllegalArgumentException("failedLoginDelayMs must be >= 0");
    }
  }

  /** Defaults: ephemeral port, Asterisk 22 banner, 50 000 queued messages, 1 s login penalty. */
  public static AmiServerConfiguration of(int port, String username, String secret) {
    return new AmiServerConfiguration(port, username, secret, ASTERISK_22_BANNER, 50_000, 1000);
  }
}
