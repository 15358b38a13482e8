package dev.switchboard.sim.agi;

import static dev.switchboard.sim.support.TestAmiClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.ami.AmiServer;
import dev.switchboard.sim.ami.AmiServerConfiguration;
import dev.switchboard.sim.pbx.CallerScript;
import dev.switchboard.sim.pbx.PbxActionHandler;
import dev.switchboard.sim.pbx.PbxConfiguration;
import dev.switchboard.sim.pbx.RealTimeScheduler;
import dev.switchboard.sim.pbx.SimulatedPbx;
import dev.switchboard.sim.support.Await;
import dev.switchboard.sim.support.SimHarness;
import dev.switchboard.sim.support.StubFastAgiServer;
import dev.switchboard.sim.support.TestAmiClient;
import dev.switchboard.sim.support.TraceFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The FastAGI client against a plain-socket test server, compared with s01-fastagi.txt. */
class AgiClientIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  /** A caller pressing fixed digit strings in turn. */
  record Digits(List<String> presses) implements CallerScript {
    static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    public String nextDigits(String script, String prompt) {
      int i = NEXT.getAndIncrement();
      return i < presses.size() ? presses.get(i) : "";
    }

    @Override
    public long abandonAfterMs() {
      return -1;
    }

    @Override
    public long talkLimitMs() {
      return -1;
    }
  }

  private static Map<String, String> traceEnvironment() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : TraceFile.text("traces/s01-fastagi.txt").split("\n")) {
      int at = line.indexOf("AST> agi_");
      if (at >= 0) {
        String kv = line.substring(at + 5);
        int colon = kv.indexOf(": ");
        env.put(kv.substring(0, colon), kv.substring(colon + 2));
      }
    }
    return env;
  }

  private static Map<String, String> parse(List<String> lines) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String l : lines) {
      int colon = l.indexOf(": ");
      env.put(l.substring(0, colon), l.substring(colon + 2));
    }
    return env;
  }

  @Test
  void shouldSendTheEnvironmentAndHangupLikeAsterisk22() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(-1));
      Await.until(
          "AGI session", () -> !h.agi.sessions().isEmpty() && h.agi.sessions().get(0).done, WAIT);
      StubFastAgiServer.Session s = h.agi.sessions().get(0);
      Map<String, String> expected = traceEnvironment();
      Map<String, String> actual = parse(s.environment);
      assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
      for (String same :
          List.of(
              "agi_network",
              "agi_network_script",
              "agi_language",
              "agi_type",
              "agi_version",
              "agi_callerid",
              "agi_calleridname",
              "agi_callingpres",
              "agi_callingani2",
              "agi_callington",
              "agi_callingtns",
              "agi_dnid",
              "agi_rdnis",
              "agi_context",
              "agi_extension",
              "agi_priority",
              "agi_enhanced",
              "agi_accountcode")) {
        assertThat(actual.get(same)).as(same).isEqualTo(expected.get(same));
      }
      assertThat(actual.get("agi_request"))
          .isEqualTo("agi://127.0.0.1:" + h.agi.port() + "/ivr?entry=500");
      assertThat(actual.get("agi_channel")).matches("PJSIP/sipp-[0-9a-f]{8}");
      assertThat(actual.get("agi_uniqueid")).matches("\\d+\\.\\d+");
      assertThat(s.replies).containsExactly("200 result=1", "200 result=1");
      assertThat(s.afterClose).containsExactly("HANGUP");
      c.await(event("VarSet", "Variable", "AGISTATUS"), WAIT);
      assertThat(c.await(event("VarSet", "Variable", "AGISTATUS"), WAIT).getOr("Value", ""))
          .isEqualTo("SUCCESS");
      c.await(event("MusicOnHoldStart"), WAIT);
    }
  }

  @Test
  void shouldAnswerCommandsWithCallerDigits() throws Exception {
    List<String> replies = new ArrayList<>();
    try (SimHarness h =
            new SimHarness(
                5000,
                "pbx9",
                SimHarness.TIME_SCALE,
                env ->
                    io -> {
                      for (String cmd :
                          List.of(
                              "ANSWER",
                              "STREAM FILE welcome \"\"",
                              "GET DATA menu 3000 2",
                              "WAIT FOR DIGIT 2000",
                              "WAIT FOR DIGIT 2000",
                              "GET DATA other 1000 1",
                              "SAY NUMBER 42 \"\"",
                              "SAY DIGITS 123 \"\"",
                              "SET VARIABLE SB_LANG \"en\"",
                              "GET VARIABLE SB_LANG",
                              "GET VARIABLE NOPE",
                              "EXEC Playback hello",
                              "VERBOSE \"hi there\" 1",
                              "NOOP",
                              "CHANNEL STATUS",
                              "FOO BAR",
                              "GET DATA")) {
                        replies.add(io.command(cmd));
                      }
                    });
        TestAmiClient c = h.client()) {
      Digits.NEXT.set(0);
      h.pbx.startInboundCall("601", "+4930123", "Ann", new Digits(List.of("12", "7")));
      Await.until(
          "AGI session", () -> !h.agi.sessions().isEmpty() && h.agi.sessions().get(0).done, WAIT);
      assertThat(replies)
          .containsExactly(
              "200 result=0",
              "200 result=0 endpos=8000",
              "200 result=12",
              "200 result=55",
              "200 result=0",
              "200 result= (timeout)",
              "200 result=0",
              "200 result=0",
              "200 result=1",
              "200 result=1 (en)",
              "200 result=0",
              "200 result=0",
              "200 result=1",
              "200 result=0",
              "200 result=6",
              "510 Invalid or unknown command",
              "520-Invalid command syntax.  Proper usage follows:\n"
                  + " Usage: GET DATA <file to be streamed> [timeout] [max digits]\n"
                  + "520 End of proper usage.");
      assertThat(parse(h.agi.sessions().get(0).environment).get("agi_network_script"))
          .isEqualTo("ivr?entry=601&pbx=pbx9");
      String ch = c.await(event("MusicOnHoldStart"), WAIT).getOr("Channel", "");
      String id = c.send("Getvar", "Channel", ch, "Variable", "SB_LANG");
      assertThat(c.awaitResponse(id, WAIT).getOr("Value", "")).isEqualTo("en");
      assertThat(
              c.received().stream().filter(event("AGIExecEnd")).map(m -> m.getOr("ResultCode", "")))
          .contains("200", "510", "520");
    }
  }

  @Test
  void shouldHangUpTheCallerWhenTheScriptSaysHangup() throws Exception {
    try (SimHarness h =
            new SimHarness(5000, "", SimHarness.TIME_SCALE, env -> io -> io.command("HANGUP"));
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(-1));
      var hangup = c.await(event("Hangup"), WAIT);
      assertThat(hangup.getOr("Cause", "")).isEqualTo("16");
      assertThat(c.received().stream().filter(event("SoftHangupRequest"))).hasSize(1);
      assertThat(c.received().stream().filter(event("MusicOnHoldStart"))).isEmpty();
      Await.until("session done", () -> h.agi.sessions().get(0).done, WAIT);
      assertThat(h.agi.sessions().get(0).replies).containsExactly("200 result=1");
    }
  }

  @Test
  void shouldContinueTheDialplanWhenNoFastAgiServerListens() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    RealTimeScheduler scheduler = new RealTimeScheduler(10, System.currentTimeMillis() * 1000);
    AmiServer[] holder = new AmiServer[1];
    try (AgiClient agi = new AgiClient(1000, 5000)) {
      SimulatedPbx pbx =
          new SimulatedPbx(
              scheduler,
              PbxConfiguration.of("pbx1", "127.0.0.1", deadPort),
              e -> holder[0].broadcast(e),
              agi,
              new SplittableRandom(1));
      holder[0] =
          new AmiServer(
              AmiServerConfiguration.of(0, "router", "secret"),
              new PbxActionHandler(pbx),
              scheduler::nowMicros);
      holder[0].start();
      try (TestAmiClient c = new TestAmiClient(holder[0].port())) {
        c.login("router", "secret");
        pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(-1));
        c.await(event("MusicOnHoldStart"), WAIT);
        assertThat(c.await(event("VarSet", "Variable", "AGISTATUS"), WAIT).getOr("Value", ""))
            .isEqualTo("FAILURE");
        assertThat(agi.connectFailures()).isEqualTo(1);
      } finally {
        holder[0].close();
        scheduler.shutdown();
      }
    }
  }
}
