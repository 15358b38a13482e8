package dev.switchboard.sim.ami;

import static dev.switchboard.sim.support.TestAmiClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.support.Await;
import dev.switchboard.sim.support.SimHarness;
import dev.switchboard.sim.support.TestAmiClient;
import dev.switchboard.sim.support.TraceFile;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The AMI listener: login as in s10, MD5 challenge, errors for bad input, slow and lost clients.
 */
class AmiServerIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void shouldGreetAndRejectABadSecretLikeAsterisk() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient monitor = h.client();
        TestAmiClient bad = new TestAmiClient(h.ami.port())) {
      assertThat(bad.banner()).isEqualTo(TraceFile.banner("traces/s10-login-failure.ami"));
      long sentAt = System.nanoTime();
      String id = bad.send("Login", "Username", "router", "Secret", "wrong");
      var invalid = monitor.await(event("InvalidPassword"), WAIT);
      assertThat(invalid.names())
          .containsExactly(
              "Event",
              "Privilege",
              "Timestamp",
              "EventTV",
              "Severity",
              "Service",
              "EventVersion",
              "AccountID",
              "SessionID",
              "LocalAddress",
              "RemoteAddress",
              "SessionTV");
      var error = bad.awaitResponse(id, WAIT);
      long delayMs = (System.nanoTime() - sentAt) / 1_000_000;
      assertThat(delayMs).as("failed login is delayed ~1 s").isGreaterThanOrEqualTo(900);
      assertThat(AmiCodec.encode(error))
          .isEqualTo(
              TraceFile.text("traces/s10-login-failure.ami")
                  .substring(TraceFile.banner("traces/s10-login-failure.ami").length() + 2));
      Await.until("server closes the failed session", bad::isClosedByServer, WAIT);
      assertThat(bad.received()).hasSize(1);
    }
  }

  @Test
  void shouldLogInWithMd5ChallengeAndAnswerPingAndLogoff() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = new TestAmiClient(h.ami.port())) {
      String cid = c.send("Challenge", "AuthType", "MD5");
      String challenge = c.awaitResponse(cid, WAIT).getOr("Challenge", "");
      assertThat(challenge).isNotEmpty();
      String key =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("MD5")
                      .digest((challenge + "secret").getBytes(StandardCharsets.UTF_8)));
      String lid = c.send("Login", "AuthType", "MD5", "Username", "router", "Key", key);
      assertThat(c.awaitResponse(lid, WAIT).getOr("Message", ""))
          .isEqualTo("Authentication accepted");
      c.await(event("FullyBooted"), WAIT);
      c.await(event("SuccessfulAuth"), WAIT);
      var pong = c.awaitResponse(c.send("Ping"), WAIT);
      assertThat(pong.names()).containsExactly("Response", "ActionID", "Ping", "Timestamp");
      var bye = c.awaitResponse(c.send("Logoff"), WAIT);
      assertThat(bye.getOr("Response", "")).isEqualTo("Goodbye");
      assertThat(bye.getOr("Message", "")).isEqualTo("Thanks for all the fish.");
      Await.until("server closes after Logoff", c::isClosedByServer, WAIT);
    }
  }

  @Test
  void shouldAnswerGarbageAndUnknownActionsWithErrors() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient anon = new TestAmiClient(h.ami.port());
        TestAmiClient c = h.client()) {
      assertThat(anon.awaitResponse(anon.send("Status"), WAIT).getOr("Message", ""))
          .isEqualTo("Permission denied");
      assertThat(c.awaitResponse(c.send("Frobnicate"), WAIT).getOr("Message", ""))
          .isEqualTo("Invalid/unknown command");
      c.sendRaw("this is not amI\r\nno colon here either\r\n\r\n");
      c.await(m -> "Missing action in request".equals(m.getOr("Message", "")), WAIT);
      assertThat(
              c.awaitResponse(
                      c.send("Redirect", "Channel", "PJSIP/none-00000000", "Exten", "x"), WAIT)
                  .getOr("Response", ""))
          .isEqualTo("Error");
      assertThat(c.awaitResponse(c.send("Hangup"), WAIT).getOr("Response", "")).isEqualTo("Error");
      // a line longer than the limit ends only that session
      try (TestAmiClient flood = h.client()) {
        flood.sendRaw(
            "Action: Ping\r\nX: " + "x".repeat(AmiCodec.MAX_LINE_BYTES + 10) + "\r\n\r\n");
        Await.until("oversized line closes that session", flood::isClosedByServer, WAIT);
      }
      assertThat(c.awaitResponse(c.send("Ping"), WAIT).getOr("Ping", "")).isEqualTo("Pong");
    }
  }

  @Test
  void shouldDisconnectAStuckClientWithoutBlockingOthers() throws Exception {
    AmiServer[] holder = new AmiServer[1];
    AmiServer server =
        new AmiServer(
            new AmiServerConfiguration(
                0, "router", "secret", AmiServerConfiguration.ASTERISK_22_BANNER, 64, 1000),
            (session, action) -> {
              session.send(
                  AmiSession.response("Success", action.getOr("ActionID", null))
                      .add("Message", "Event Sent")
                      .build());
              holder[0].broadcast(
                  AmiMessage.builder()
                      .add("Event", "UserEvent")
                      .add("Privilege", "user,all")
                      .add("Data", action.getOr("Data", ""))
                      .build());
            },
            () -> System.currentTimeMillis() * 1000);
    holder[0] = server;
    server.start();
    try (TestAmiClient fast = new TestAmiClient(server.port());
        Socket stuck = new Socket()) {
      fast.login("router", "secret");
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      OutputStream out = stuck.getOutputStream();
      out.write(
          "Action: Login\r\nUsername: router\r\nSecret: secret\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      fast.awaitCount(event("SuccessfulAuth"), 2, WAIT);
      String big = "y".repeat(8000);
      for (int i = 0; i < 5000 && server.sessionCount() > 1; i++) {
        String id = fast.send("UserEvent", "UserEvent", "Flood", "Data", big);
        if (i % 50 == 0) {
          fast.awaitResponse(id, WAIT);
        }
      }
      Await.until("stuck client dropped", () -> server.sessionCount() == 1, WAIT);
      String id = fast.send("UserEvent", "UserEvent", "After", "Data", "still served");
      assertThat(fast.awaitResponse(id, WAIT).getOr("Response", "")).isEqualTo("Success");
      InputStream in = stuck.getInputStream();
      byte[] buf = new byte[65536];
      boolean ended = false;
      try {
        while (in.read(buf) >= 0) {
          // drain what was sent before the server gave up on this client
        }
        ended = true;
      } catch (java.net.SocketException reset) {
        ended = true;
      }
      assertThat(ended).as("stuck client sees its connection end").isTrue();
    } finally {
      server.close();
    }
  }

  @Test
  void shouldKeepSimulatingWhenAClientDisconnectsMidCall() throws Exception {
    try (SimHarness h = new SimHarness(1000);
        TestAmiClient watcher = h.client()) {
      TestAmiClient router = h.client();
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(-1));
      String ch = router.await(event("MusicOnHoldStart"), WAIT).getOr("Channel", "");
      router.send("Redirect", "Channel", ch, "Context", "switchboard-connect", "Exten", "agent01");
      router.await(event("DialBegin"), WAIT);
      router.close();
      watcher.awaitCount(event("Hangup"), 2, WAIT);
      Await.until("router session cleaned up", () -> h.ami.sessionCount() == 1, WAIT);
      assertThat(watcher.received().stream().filter(event("BridgeEnter"))).hasSize(2);
    }
  }
}
