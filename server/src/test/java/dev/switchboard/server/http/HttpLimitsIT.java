package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits and malformed requests over a raw socket: the answers a client gets, and their shape. */
class HttpLimitsIT {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(FakeApiBackend.standard(), TestServer.config().withLimits(1024, 2048));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Sends raw bytes and returns everything the server answers until it closes. */
  private static String exchange(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        String text = out.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd > 0
            && text.toLowerCase(java.util.Locale.ROOT).contains("connection: keep-alive")) {
          int length = Integer.parseInt(text.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
          if (text.length() >= headEnd + 4 + length) {
            return text;
          }
        }
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static String auth() {
    return "Authorization: Bearer " + TestServer.ADMIN + "\r\n";
  }

  @Test
  void shouldAnswer431ToAHeadOverTheLimit() throws Exception {
    String response =
        exchange(
            "GET /api/v1/queues HTTP/1.1\r\nHost: x\r\n"
                + auth()
                + "X-Pad: "
                + "p".repeat(4000)
                + "\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 431").contains("\"code\":\"headers-too-large\"");
  }

  @Test
  void shouldAnswer413ToADeclaredBodyOverTheLimit() throws Exception {
    String body = "{\"reason\":\"" + "x".repeat(2000) + "\"}";
    String response =
        exchange(
            "POST /api/v1/agents/a1/pause HTTP/1.1\r\nHost: x\r\n"
                + auth()
                + "Content-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);

    assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"body-too-large\"");
    assertThat(server.backend.published).isEmpty();
  }

  @Test
  void shouldAnswer413ToAChunkedBodyOverTheLimit() throws Exception {
    String chunk = "y".repeat(800);
    String chunked = Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n";
    String response =
        exchange(
            "POST /api/v1/agents/a1/pause HTTP/1.1\r\nHost: x\r\n"
                + auth()
                + "Transfer-Encoding: chunked\r\n\r\n"
                + chunked
                + chunked
                + "0\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"body-too-large\"");
  }

  @Test
  void shouldAnswer414ToARequestLineOverTheLimit() throws Exception {
    String response =
        exchange("GET /api/v1/agents/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 414").contains("\"code\":\"uri-too-long\"");
  }

  @Test
  void shouldAnswer400ToSomethingThatIsNotHttp() throws Exception {
    String response = exchange("HELLO THERE\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 400").contains("\"code\":\"bad-request\"");
  }

  @Test
  void shouldAnswerMalformedJsonWith400OverTheWire() throws Exception {
    String body = "{\"reason\": lunch}";
    String response =
        exchange(
            "POST /api/v1/agents/a1/pause HTTP/1.1\r\nHost: x\r\n"
                + auth()
                + "Connection: close\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);

    assertThat(response).startsWith("HTTP/1.1 400").contains("\"code\":\"malformed-json\"");
    assertThat(response).containsIgnoringCase("x-content-type-options: nosniff");
  }

  @Test
  void shouldServeSeveralRequestsOnOneConnection() throws Exception {
    String one = "GET /api/v1/whoami HTTP/1.1\r\nHost: x\r\n" + auth() + "\r\n";
    String two = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((one + two).getBytes(StandardCharsets.ISO_8859_1));
      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

      assertThat(all).contains("\"role\":\"admin\"").contains("\"status\":\"ready\"");
      assertThat(all.split("HTTP/1.1 200", -1)).hasSize(3);
    }
  }
}
