package dev.switchboard.server.http;

import dev.switchboard.server.security.ApiToken;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the HTTP server (REST API, WebSocket stream, wallboard and console pages, metrics).
 * Validated when built: a bad value fails at start-up with the field's name.
 *
 * @param bindAddress address to listen on; {@code 127.0.0.1} unless the operator opens it up
 * @param port TCP port, 0 = any free port (tests)
 * @param tls certificate and key for HTTPS/WSS, or null for plain HTTP
 * @param maxBodyBytes largest request body; larger gets 413
 * @param maxHeaderBytes largest request head (all header lines); larger gets 431
 * @param tokens the bearer tokens and their roles
 * @param streamIntervalMs shortest time between two stream updates to one client
 * @param metricsPublic true lets {@code GET /metrics} answer without a token (a Prometheus on the
 *     same host); false requires a token with read access (wallboard and up)
 * @param streamMaxPendingBytes bytes queued for one slow stream client before it is skipped (it
 *     gets a fresh snapshot when it catches up)
 */
public record HttpConfiguration(
    String bindAddress,
    int port,
    Tls tls,
    int maxBodyBytes,
    int maxHeaderBytes,
    List<ApiToken> tokens,
    long streamIntervalMs,
    boolean metricsPublic,
    int streamMaxPendingBytes) {

  /** Default address: loopback only. */
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  /** Default port. */
  public static final int DEFAULT_PORT = 8080;

  /** Default body limit: 64 KiB is plenty for every request the API takes. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  /** Default head limit. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;

  /** Default stream interval. */
  public static final long DEFAULT_STREAM_INTERVAL_MS = 500;

  /** Default per-client stream backlog. */
  public static final int DEFAULT_STREAM_MAX_PENDING_BYTES = 1024 * 1024;

  /**
   * Certificate chain and private key, both PEM files (the key in PKCS#8, {@code BEGIN PRIVATE
   * KEY}).
   */
  public record Tls(String certPath, String keyPath) {
    public Tls {
      Objects.requireNonNull(certPath, "tls.certPath");
      Objects.requireNonNull(keyPath, "tls.keyPath");
      if (certPath.isBlank() || keyPath.isBlank()) {
        throw new IllegalArgumentException("tls.certPath and tls.keyPath must both be set");
      }
    }
  }

  public HttpConfiguration {
    bindAddress = bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND_ADDRESS : bindAddress;
    requireRange("port", port, 0, 65_535);
    requireRange("maxBodyBytes", maxBodyBytes, 1, 16 * 1024 * 1024);
    requireRange("maxHeaderBytes", maxHeaderBytes, 1024, 1024 * 1024);
    tokens = List.copyOf(tokens);
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (ApiToken token : tokens) {
      if (!names.add(token.name())) {
        throw new IllegalArgumentException("tokens: duplicate token name " + token.name());
      }
      if (!hashes.add(token.sha256Hex())) {
        throw new IllegalArgumentException(
            "tokens: token " + token.name() + " has the same secret as another token");
      }
    }
    if (streamIntervalMs < 10 || streamIntervalMs > 60_000) {
      throw new IllegalArgumentException(
          "streamIntervalMs must be between 10 and 60000, got " + streamIntervalMs);
    }
    requireRange("streamMaxPendingBytes", streamMaxPendingBytes, 4096, 256 * 1024 * 1024);
  }

  /** Loopback, port 8080, no TLS, default limits, these tokens. */
  public static HttpConfiguration defaults(List<ApiToken> tokens) {
    return new HttpConfiguration(
        DEFAULT_BIND_ADDRESS,
        DEFAULT_PORT,
        null,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_HEADER_BYTES,
        tokens,
        DEFAULT_STREAM_INTERVAL_MS,
        false,
        DEFAULT_STREAM_MAX_PENDING_BYTES);
  }

  /** A copy listening on another address and port. */
  public HttpConfiguration withListen(String address, int newPort) {
    return new HttpConfiguration(
        address,
        newPort,
        tls,
        maxBodyBytes,
        maxHeaderBytes,
        tokens,
        streamIntervalMs,
        metricsPublic,
        streamMaxPendingBytes);
  }

  /** A copy with TLS on (or off, with null). */
  public HttpConfiguration withTls(Tls newTls) {
    return new HttpConfiguration(
        bindAddress,
        port,
        newTls,
        maxBodyBytes,
        maxHeaderBytes,
        tokens,
        streamIntervalMs,
        metricsPublic,
        streamMaxPendingBytes);
  }

  /** A copy with other request limits. */
  public HttpConfiguration withLimits(int newMaxBodyBytes, int newMaxHeaderBytes) {
    return new HttpConfiguration(
        bindAddress,
        port,
        tls,
        newMaxBodyBytes,
        newMaxHeaderBytes,
        tokens,
        streamIntervalMs,
        metricsPublic,
        streamMaxPendingBytes);
  }

  /** A copy with other stream settings. */
  public HttpConfiguration withStream(long newIntervalMs, int newMaxPendingBytes) {
    return new HttpConfiguration(
        bindAddress,
        port,
        tls,
        maxBodyBytes,
        maxHeaderBytes,
        tokens,
        newIntervalMs,
        metricsPublic,
        newMaxPendingBytes);
  }

  /** A copy where {@code /metrics} needs no token (or does again). */
  public HttpConfiguration withMetricsPublic(boolean open) {
    return new HttpConfiguration(
        bindAddress,
        port,
        tls,
        maxBodyBytes,
        maxHeaderBytes,
        tokens,
        streamIntervalMs,
        open,
        streamMaxPendingBytes);
  }

  private static void requireRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be between " + min + " and " + max + ", got " + value);
    }
  }
}
