package dev.switchboard.sim.pbx;

import static dev.switchboard.sim.support.TestAmiClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.support.Await;
import dev.switchboard.sim.support.SimHarness;
import dev.switchboard.sim.support.StubFastAgiServer;
import dev.switchboard.sim.support.TestAmiClient;
import dev.switchboard.sim.traffic.VirtualCaller;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NEW contexts of PROTOCOL.md: callback offer, overflow, survey, unavailable agent, features.
 */
class CallFlowIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static boolean script(List<String> env, String name) {
    return env.stream().anyMatch(l -> l.startsWith("agi_network_script: " + name));
  }

  /** A patient caller on 600, past the IVR and waiting (on music on hold); its channel. */
  private static String waitingCaller(SimHarness h, TestAmiClient c) {
    h.pbx.startInboundCall("600", "+1555", "Bob", SimHarness.caller(-1));
    return c.await(event("MusicOnHoldStart"), WAIT).getOr("Channel", "");
  }

  @Test
  void shouldOfferACallbackAndHangUpWhenAccepted() throws Exception {
    try (SimHarness h =
            new SimHarness(
                5000,
                "pbx1",
                SimHarness.TIME_SCALE,
                env ->
                    io -> {
                      if (script(env, "callback")) {
                        if (io.command("GET DATA callback-offer 5000 1").equals("200 result=1")) {
                          io.command("GET DATA confirm-number 5000 1");
                          io.command("HANGUP");
                        }
                      }
                    });
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall(
          "600", "+15551234567", "Bob", new VirtualCaller(List.of(), -1, -1, true, false, 3));
      String ch = c.await(event("MusicOnHoldStart"), WAIT).getOr("Channel", "");
      c.awaitResponse(
          c.send("Setvar", "Channel", ch, "Variable", "SB_CONTACT", "Value", "pbx1:42"), WAIT);
      c.send(
          "Redirect",
          "Channel",
          ch,
          "Context",
          "switchboard-callback-offer",
          "Exten",
          "s",
          "Priority",
          "1");
      AmiMessage hangup = c.await(event("Hangup"), WAIT);
      assertThat(hangup.getOr("Context", "")).isEqualTo("switchboard-callback-offer");
      Await.until(
          "callback session",
          () -> h.agi.sessions().size() == 2 && h.agi.sessions().get(1).done,
          WAIT);
      StubFastAgiServer.Session s = h.agi.sessions().get(1);
      assertThat(s.environment).contains("agi_network_script: callback?contact=pbx1:42&pbx=pbx1");
      assertThat(s.replies).containsExactly("200 result=1", "200 result=1", "200 result=1");
    }
  }

  @Test
  void shouldReturnToWaitWhenTheCallbackIsDeclined() throws Exception {
    try (SimHarness h =
            new SimHarness(
                5000,
                "",
                SimHarness.TIME_SCALE,
                env ->
                    io -> {
                      if (script(env, "callback")) {
                        io.command("GET DATA callback-offer 5000 1");
                      }
                    });
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall(
          "600", "+1555", "Bob", new VirtualCaller(List.of(), -1, -1, false, false, 3));
      String ch = c.await(event("MusicOnHoldStart"), WAIT).getOr("Channel", "");
      c.send("Redirect", "Channel", ch, "Context", "switchboard-callback-offer", "Exten", "s");
      List<AmiMessage> moh = c.awaitCount(event("MusicOnHoldStart"), 2, WAIT);
      assertThat(moh.get(1).getOr("Context", "")).isEqualTo("switchboard-wait");
      assertThat(c.received().stream().filter(event("Hangup"))).isEmpty();
    }
  }

  @Test
  void shouldRunTheSurveyAfterTheAgentHangsUp() throws Exception {
    try (SimHarness h =
            new SimHarness(
                2000,
                "",
                SimHarness.TIME_SCALE,
                env ->
                    io -> {
                      if (script(env, "ivr")) {
                        io.command("SET VARIABLE SB_SURVEY 1");
                        io.command("SET VARIABLE SB_CONTACT pbx1:7");
                      } else if (script(env, "survey")) {
                        io.command("GET DATA rate 5000 1");
                        io.command("HANGUP");
                      }
                    });
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall(
          "600", "+1555", "Bob", new VirtualCaller(List.of(), -1, -1, false, true, 4));
      String ch = c.await(event("MusicOnHoldStart"), WAIT).getOr("Channel", "");
      assertThat(h.pbx.counters().callsInProgress()).isEqualTo(1);
      c.send("Redirect", "Channel", ch, "Context", "switchboard-connect", "Exten", "agent01");
      List<AmiMessage> hangups = c.awaitCount(event("Hangup"), 2, WAIT);
      assertThat(hangups.get(0).getOr("Channel", "")).contains("agent01");
      assertThat(hangups.get(1).getOr("Channel", "")).isEqualTo(ch);
      Await.until(
          "survey session",
          () -> h.agi.sessions().size() == 2 && h.agi.sessions().get(1).done,
          WAIT);
      assertThat(h.agi.sessions().get(1).environment)
          .contains("agi_network_script: survey?contact=pbx1:7");
      assertThat(h.agi.sessions().get(1).replies.get(0)).isEqualTo("200 result=4");
      assertThat(h.pbx.counters().surveys()).isEqualTo(1);
      assertThat(h.pbx.counters().answered()).isEqualTo(1);
      // The caller stayed on the line for the survey, and its hangup after it ends the call once.
      assertThat(h.pbx.counters().callsEnded()).isEqualTo(1);
      assertThat(h.pbx.counters().callsInProgress()).isZero();
    }
  }

  @Test
  void shouldOverflowToHangupAndReportUnavailableAgents() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      String ch = waitingCaller(h, c);
      c.send("Redirect", "Channel", ch, "Context", "switchboard-connect", "Exten", "agent99");
      AmiMessage user = c.await(event("UserEvent", "UserEvent", "SwitchboardNoAnswer"), WAIT);
      assertThat(user.getOr("DialStatus", "")).isEqualTo("CHANUNAVAIL");
      c.awaitCount(event("MusicOnHoldStart"), 2, WAIT);
      c.send("Redirect", "Channel", ch, "Context", "switchboard-overflow", "Exten", "hangup");
      AmiMessage hangup = c.await(event("Hangup"), WAIT);
      assertThat(hangup.getOr("Context", "")).isEqualTo("switchboard-overflow");
      assertThat(hangup.getOr("Cause", "")).isEqualTo("16");
      assertThat(h.pbx.counters().callsInProgress()).isZero();
      assertThat(h.pbx.counters().overflowed()).isEqualTo(1);
      assertThat(h.pbx.counters().answered()).isZero();
      assertThat(h.pbx.counters().abandoned()).isZero();
    }
  }

  @Test
  void shouldCountAnOverflowToANumberAsOverflowedNotAsAnsweredByAnAgent() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      String ch = waitingCaller(h, c);
      c.send("Redirect", "Channel", ch, "Context", "switchboard-overflow", "Exten", "8000");
      AmiMessage answered = c.await(event("DialEnd", "DialStatus", "ANSWER"), WAIT);
      assertThat(answered.getOr("DestChannel", "")).startsWith("PJSIP/sipp-");
      // Answered on the PBX thread, which handles this Getvar only once the answer is complete.
      AmiMessage status =
          c.awaitResponse(c.send("Getvar", "Channel", ch, "Variable", "DIALSTATUS"), WAIT);
      assertThat(status.getOr("Value", "")).isEqualTo("ANSWER");
      assertThat(h.pbx.counters().overflowed()).isEqualTo(1);
      assertThat(h.pbx.counters().answered()).as("voicemail is not an agent").isZero();
      assertThat(h.pbx.counters().callsInProgress()).isEqualTo(1);
    }
  }

  @Test
  void shouldEmitAgentFeatureEvents() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      h.pbx.agentFeature("agent01", "agent01", "pause", "lunch");
      AmiMessage e = c.await(event("UserEvent", "UserEvent", "SwitchboardAgent"), WAIT);
      assertThat(e.getOr("Agent", "")).isEqualTo("agent01");
      assertThat(e.getOr("Action", "")).isEqualTo("pause");
      assertThat(e.getOr("Reason", "")).isEqualTo("lunch");
      assertThat(e.getOr("Channel", "")).matches("PJSIP/agent01-[0-9a-f]{8}");
      assertThat(e.getOr("Privilege", "")).isEqualTo("user,all");
    }
  }
}
