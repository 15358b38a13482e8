package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WebSocket stream over real sockets: snapshot, deltas, auth, and a client that stalls. */
class StreamIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestServer server;
  private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    sockets.forEach(WebSocket::abort);
    if (server != null) {
      server.close();
    }
  }

  /** Collects whole text frames as JSON. */
  static final class Frames implements WebSocket.Listener {
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          received.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    boolean sawQueue(String id, String field, int value) {
      for (JsonNode frame : received) {
        for (JsonNode q : frame.path("queues")) {
          if (q.path("id").asText().equals(id) && q.path(field).asInt(-1) == value) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private WebSocket openWith(Frames frames, String... subprotocols) {
    return connect(frames, "", subprotocols);
  }

  private WebSocket openQuery(Frames frames, String query) {
    return connect(frames, query);
  }

  private WebSocket connect(Frames frames, String query, String... subprotocols) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (subprotocols.length > 0) {
      builder.subprotocols(
          subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    WebSocket ws =
        builder
            .buildAsync(
                URI.create("ws://127.0.0.1:" + server.server.port() + "/api/v1/stream" + query),
                frames)
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    sockets.add(ws);
    return ws;
  }

  @Test
  void shouldSendASnapshotThenOnlyWhatChanged() {
    server = TestServer.start();
    Frames frames = new Frames();
    WebSocket ws = openWith(frames, "switchboard.v1", "bearer." + TestServer.WALLBOARD);

    TestServer.await("the snapshot", () -> !frames.received.isEmpty(), WAIT);
    assertThat(ws.getSubprotocol()).isEqualTo("switchboard.v1");
    JsonNode snapshot = frames.received.get(0);
    assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
    assertThat(snapshot.get("queues")).hasSize(2);
    assertThat(snapshot.get("agents")).hasSize(3);

    server.backend.updateQueue("sales", q -> q.put("waiting", 5));
    TestServer.await(
        "a delta with sales waiting 5", () -> frames.sawQueue("sales", "waiting", 5), WAIT);

    JsonNode delta =
        frames.received.stream()
            .filter(f -> f.path("type").asText().equals("delta"))
            .findFirst()
            .orElseThrow();
    assertThat(delta.get("queues")).hasSize(1);
    assertThat(delta.get("queues").get(0).get("id").asText()).isEqualTo("sales");
    assertThat(delta.has("agents")).isFalse();
    assertThat(delta.get("seq").asLong()).isGreaterThan(snapshot.get("seq").asLong());
  }

  @Test
  void shouldAcceptTheTokenInTheQueryAndRefuseMissingOrWeakTokens() {
    server = TestServer.start();
    Frames frames = new Frames();
    openQuery(frames, "?token=" + TestServer.SUPERVISOR);
    TestServer.await("the snapshot", () -> !frames.received.isEmpty(), WAIT);

    assertThatThrownBy(() -> openQuery(new Frames(), ""))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(status(e)).isEqualTo(401));
    assertThatThrownBy(() -> openQuery(new Frames(), "?token=" + TestServer.AGENT_A1))
        .satisfies(e -> assertThat(status(e)).isEqualTo(403));
    assertThatThrownBy(() -> openQuery(new Frames(), "?token=wrong"))
        .satisfies(e -> assertThat(status(e)).isEqualTo(401));
  }

  private static int status(Throwable e) {
    return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
  }

  @Test
  void shouldKeepUpdatingOtherClientsWhileOneClientNeverReads() throws Exception {
    FakeApiBackend backend = FakeApiBackend.standard();
    for (int i = 0; i < 2_000; i++) {
      backend.addAgent("bulk" + i, "Bulk agent number " + i + " with a long display name", "READY");
    }
    backend.churn = true;
    server = TestServer.start(backend, TestServer.config());

    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("127.0.0.1", server.server.port()));
      handshake(stalled);
      Frames fast = new Frames();
      openWith(fast, "switchboard.v1", "bearer." + TestServer.WALLBOARD);
      TestServer.await(
          "both subscribed", () -> server.server.stream().subscriberCount() == 2, WAIT);

      TestServer.await(
          "the stalled client to be skipped",
          () -> server.server.stream().deltasDropped() > 0,
          Duration.ofSeconds(30));
      long droppedBefore = server.server.stream().deltasDropped();
      backend.updateQueue("sales", q -> q.put("waiting", 42));

      TestServer.await(
          "the reading client to see sales waiting 42",
          () -> fast.sawQueue("sales", "waiting", 42),
          Duration.ofSeconds(5));
      TestServer.await(
          "the stalled client to keep being skipped",
          () -> server.server.stream().deltasDropped() > droppedBefore,
          WAIT);

      long snapshotsBefore = server.server.stream().snapshotsSent();
      CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> drain(stalled));
      TestServer.await(
          "a fresh snapshot once the stalled client reads again",
          () -> server.server.stream().snapshotsSent() > snapshotsBefore,
          Duration.ofSeconds(30));
      stalled.close();
      drain.exceptionally(e -> null);
    }
  }

  private void handshake(Socket socket) throws Exception {
    OutputStream out = socket.getOutputStream();
    String request =
        "GET /api/v1/stream?token="
            + TestServer.WALLBOARD
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("closed during handshake: " + head);
      }
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
  }

  private static void drain(Socket socket) {
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = socket.getInputStream();
      while (in.read(buffer) >= 0) {
        // Reading is the point: the server sees the client catch up.
      }
    } catch (java.io.IOException e) {
      // The test closed the socket.
    }
  }

  @Test
  void shouldApplyDeltasToReachTheServersPicture() {
    server = TestServer.start();
    Frames frames = new Frames();
    openWith(frames, "switchboard.v1", "bearer." + TestServer.ADMIN);
    TestServer.await("the snapshot", () -> !frames.received.isEmpty(), WAIT);

    server.backend.updateAgent("a2", a -> a.put("state", "WRAP_UP"));
    server.backend.addAlert("al9", "warning", "Longest wait over 60 s");
    TestServer.await(
        "a delta with the alert",
        () -> frames.received.stream().anyMatch(f -> f.path("alerts").size() > 0),
        WAIT);

    ObjectNode picture = (ObjectNode) frames.received.get(0).deepCopy();
    for (JsonNode frame : frames.received.subList(1, frames.received.size())) {
      picture = SnapshotDiff.apply(picture, (ObjectNode) frame);
    }
    assertThat(SnapshotDiff.byId(picture.get("agents")).get("a2").get("state").asText())
        .isEqualTo("WRAP_UP");
    assertThat(SnapshotDiff.byId(picture.get("alerts"))).containsKey("al9");
  }
}
