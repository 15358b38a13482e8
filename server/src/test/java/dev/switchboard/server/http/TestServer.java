package dev.switchboard.server.http;

import dev.switchboard.router.api.TimeSource;
import dev.switchboard.server.security.ApiToken;
import dev.switchboard.server.security.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A real server on an ephemeral loopback port over a {@link FakeApiBackend}, and helpers. */
final class TestServer implements AutoCloseable {

  static final String WALLBOARD = "wb-secret-1";
  static final String AGENT_A1 = "agent-a1-secret";
  static final String SUPERVISOR = "sup-secret-1";
  static final String ADMIN = "admin-secret-1";

  static final List<ApiToken> TOKENS =
      List.of(
          ApiToken.forSecret("wall", Role.WALLBOARD, WALLBOARD, ""),
          ApiToken.forSecret("alice", Role.AGENT, AGENT_A1, "a1"),
          ApiToken.forSecret("sup", Role.SUPERVISOR, SUPERVISOR, ""),
          ApiToken.forSecret("root", Role.ADMIN, ADMIN, ""));

  final FakeApiBackend backend;
  final HttpServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestServer(FakeApiBackend backend, HttpConfiguration configuration) {
    this.backend = backend;
    this.server = new HttpServer(configuration, backend, TimeSource.SYSTEM);
    server.start();
  }

  static TestServer start() {
    return start(FakeApiBackend.standard(), config());
  }

  static TestServer start(FakeApiBackend backend, HttpConfiguration configuration) {
    return new TestServer(backend, configuration);
  }

  /** Loopback, ephemeral port, 100 ms stream. */
  static HttpConfiguration config() {
    return HttpConfiguration.defaults(TOKENS).withListen("127.0.0.1", 0).withStream(100, 64 * 1024);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls a condition every few milliseconds until it holds or the deadline passes. */
  static void await(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
