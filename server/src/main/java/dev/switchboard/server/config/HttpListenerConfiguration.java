package dev.switchboard.server.config;

import java.nio.file.Path;

/**
 * The HTTP API and wallboard listener ({@code http}).
 *
 * @param bindAddress address to listen on (loopback unless configured)
 * @param port TCP port (0 = any free port)
 * @param certFile PEM certificate chain for TLS, or null for plain HTTP
 * @param keyFile PEM private key for TLS, or null
 * @param maxBodyBytes largest request body accepted (413 beyond)
 * @param maxHeaderBytes largest request header block accepted (431 beyond)
 * @param streamIntervalMs shortest time between two WebSocket deltas to a client
 * @param metricsWithoutToken true to serve {@code /metrics} without a token (a scraper on a trusted
 *     network)
 */
public record HttpListenerConfiguration(
    String bindAddress,
    int port,
    Path certFile,
    Path keyFile,
    int maxBodyBytes,
    int maxHeaderBytes,
    long streamIntervalMs,
    boolean metricsWithoutToken) {

  /** The same listener on another port. */
  public HttpListenerConfiguration withPort(int newPort) {
    return new HttpListenerConfiguration(
        bindAddress,
        newPort,
        certFile,
        keyFile,
        maxBodyBytes,
        maxHeaderBytes,
        streamIntervalMs,
        metricsWithoutToken);
  }
}
