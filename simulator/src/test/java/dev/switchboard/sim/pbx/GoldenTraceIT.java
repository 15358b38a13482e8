package dev.switchboard.sim.pbx;

import static dev.switchboard.sim.support.TestAmiClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.support.CallShape;
import dev.switchboard.sim.support.SimHarness;
import dev.switchboard.sim.support.TestAmiClient;
import dev.switchboard.sim.support.TraceFile;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the simulator through the recorded flows s01, s03–s07 with the same AMI actions the
 * recording's router sent, and compares the event stream with the real Asterisk 22 transcript: per
 * channel, the ordered call events with their key fields (context, exten, state, dial status,
 * cause, Uniqueid/Linkedid relations); per device, the state sequence; and the header order of the
 * important events.
 */
class GoldenTraceIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static AmiMessage waitMoh(TestAmiClient c, int n) {
    return c.awaitCount(event("MusicOnHoldStart"), n, WAIT).get(n - 1);
  }

  private static void assertSameShape(List<AmiMessage> sim, String trace) throws IOException {
    List<AmiMessage> recorded = TraceFile.messages("traces/" + trace);
    CallShape expected = CallShape.of(recorded);
    CallShape actual = CallShape.of(sim);
    assertThat(actual.perChannel())
        .as("per-channel events vs " + trace)
        .isEqualTo(expected.perChannel());
    assertThat(actual.perDevice()).as("device states vs " + trace).isEqualTo(expected.perDevice());
    for (String name :
        List.of(
            "Newchannel",
            "Newstate",
            "Newexten",
            "DialBegin",
            "DialState",
            "DialEnd",
            "BridgeCreate",
            "BridgeEnter",
            "Hangup",
            "HangupRequest",
            "SoftHangupRequest",
            "MusicOnHoldStart",
            "UserEvent",
            "OriginateResponse",
            "AGIExecStart",
            "AGIExecEnd",
            "DeviceStateChange")) {
      var want = recorded.stream().filter(event(name)).findFirst();
      var got = sim.stream().filter(event(name)).findFirst();
      if (want.isPresent()) {
        assertThat(got).as(name + " present").isPresent();
        assertThat(got.get().names()).as("header order of " + name).isEqualTo(want.get().names());
      }
    }
  }

  @Test
  void shouldPlayS01AnsweredLikeAsterisk() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(-1));
      String ch = waitMoh(c, 1).getOr("Channel", "");
      c.awaitResponse(c.send("Status", "Channel", ch), WAIT);
      c.send(
          "Redirect",
          "Channel",
          ch,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent01",
          "Priority",
          "1");
      c.awaitCount(event("Hangup"), 2, WAIT);
      c.await(event("DeviceStateChange", "State", "UNAVAILABLE"), WAIT);
      assertSameShape(c.received(), "s01-answered.ami");
    }
  }

  @Test
  void shouldPlayS02CallerHangsUpFirst() throws Exception {
    try (SimHarness h = new SimHarness(20_000);
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", talker(5500));
      String ch = waitMoh(c, 1).getOr("Channel", "");
      c.awaitResponse(c.send("Status", "Channel", ch), WAIT);
      c.send(
          "Redirect",
          "Channel",
          ch,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent01",
          "Priority",
          "1");
      c.awaitCount(event("Hangup"), 2, WAIT);
      c.await(event("DeviceStateChange", "State", "NOT_INUSE"), WAIT);
      assertSameShape(c.received(), "s02-caller-hangs-up-first.ami");
    }
  }

  private static CallerScript talker(long talkLimitMs) {
    return new CallerScript() {
      @Override
      public String nextDigits(String script, String prompt) {
        return "";
      }

      @Override
      public long abandonAfterMs() {
        return -1;
      }

      @Override
      public long talkLimitMs() {
        return talkLimitMs;
      }
    };
  }

  @Test
  void shouldPlayS03AbandonInMusicOnHold() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(6000));
      c.awaitCount(event("Hangup"), 1, WAIT);
      c.await(event("DeviceStateChange", "State", "UNAVAILABLE"), WAIT);
      assertSameShape(c.received(), "s03-abandon.ami");
      AmiMessage req = c.await(event("HangupRequest"), WAIT);
      assertThat(req.get("Cause")).as("caller BYE in MOH: no Cause header").isEmpty();
      assertThat(c.await(event("Hangup"), WAIT).getOr("Cause", "")).isEqualTo("0");
    }
  }

  @Test
  void shouldPlayS04RingNoAnswerThenAnswer() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(-1));
      String ch = waitMoh(c, 1).getOr("Channel", "");
      c.awaitResponse(c.send("Setvar", "Channel", ch, "Variable", "SB_RING", "Value", "4"), WAIT);
      c.send(
          "Redirect",
          "Channel",
          ch,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent04",
          "Priority",
          "1");
      c.await(m -> event("Hangup").test(m) && m.getOr("Channel", "").contains("agent04"), WAIT);
      c.send(
          "Redirect",
          "Channel",
          ch,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent01",
          "Priority",
          "1");
      c.awaitCount(event("Hangup"), 3, WAIT);
      c.await(event("DeviceStateChange", "State", "UNAVAILABLE"), WAIT);
      assertSameShape(c.received(), "s04-ring-no-answer.ami");
      assertNoAnswerOrder(c.received(), "agent04");
      AmiMessage user = c.await(event("UserEvent"), WAIT);
      assertThat(user.getAll("Uniqueid")).hasSize(2).containsOnly(user.getOr("Uniqueid", "?"));
    }
  }

  @Test
  void shouldPlayS05BusyThenAnswer() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(-1));
      String ch = waitMoh(c, 1).getOr("Channel", "");
      c.send(
          "Redirect",
          "Channel",
          ch,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent05",
          "Priority",
          "1");
      c.await(m -> event("Hangup").test(m) && m.getOr("Channel", "").contains("agent05"), WAIT);
      c.send(
          "Redirect",
          "Channel",
          ch,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent02",
          "Priority",
          "1");
      c.awaitCount(event("Hangup"), 3, WAIT);
      c.await(event("DeviceStateChange", "State", "UNAVAILABLE"), WAIT);
      assertSameShape(c.received(), "s05-busy.ami");
      assertNoAnswerOrder(c.received(), "agent05");
    }
  }

  @Test
  void shouldPlayS06CallerHangupWhileRinging() throws Exception {
    try (SimHarness h = new SimHarness(5000);
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(6000));
      String ch = waitMoh(c, 1).getOr("Channel", "");
      c.send(
          "Redirect",
          "Channel",
          ch,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent04",
          "Priority",
          "1");
      c.awaitCount(event("Hangup"), 2, WAIT);
      c.await(event("DeviceStateChange", "State", "NOT_INUSE"), WAIT);
      assertSameShape(c.received(), "s06-caller-hangup-while-ringing.ami");
    }
  }

  @Test
  void shouldPlayS07CallbackOriginate() throws Exception {
    try (SimHarness h = new SimHarness(8000);
        TestAmiClient c = h.client()) {
      String id =
          c.send(
              "Originate",
              "Channel",
              "PJSIP/agent02",
              "Application",
              "Dial",
              "Data",
              "PJSIP/customer,30",
              "Timeout",
              "20000",
              "CallerID",
              "\"Switchboard callback\" <500>",
              "Async",
              "true",
              "Variable",
              "SB_CALLBACK=1");
      assertThat(c.awaitResponse(id, WAIT).getOr("Message", ""))
          .isEqualTo("Originate successfully queued");
      c.awaitCount(event("Hangup"), 2, WAIT);
      c.await(event("DeviceStateChange", "Device", "PJSIP/customer"), WAIT);
      c.awaitCount(event("DeviceStateChange", "State", "NOT_INUSE"), 2, WAIT);
      assertSameShape(c.received(), "s07-callback-originate.ami");
      List<AmiMessage> all = c.received();
      int response = indexOf(all, event("OriginateResponse"));
      int agentUp =
          indexOf(
              all, m -> event("Newstate").test(m) && "Up".equals(m.getOr("ChannelStateDesc", "")));
      assertThat(response)
          .as("OriginateResponse only after the agent answered")
          .isGreaterThan(agentUp);
    }
  }

  /** s04/s05: DialEnd, then UserEvent, then MusicOnHoldStart, and only then the agent's Hangup. */
  private static void assertNoAnswerOrder(List<AmiMessage> all, String agent) {
    int dialEnd =
        indexOf(all, m -> event("DialEnd").test(m) && m.getOr("DestChannel", "").contains(agent));
    int user = indexOf(all, event("UserEvent"));
    int moh = -1;
    for (int i = user; i < all.size(); i++) {
      if (event("MusicOnHoldStart").test(all.get(i))) {
        moh = i;
        break;
      }
    }
    int hangup =
        indexOf(all, m -> event("Hangup").test(m) && m.getOr("Channel", "").contains(agent));
    assertThat(dialEnd).isGreaterThanOrEqualTo(0).isLessThan(user);
    assertThat(user).isLessThan(moh);
    assertThat(moh).isLessThan(hangup);
  }

  private static int indexOf(List<AmiMessage> all, java.util.function.Predicate<AmiMessage> p) {
    for (int i = 0; i < all.size(); i++) {
      if (p.test(all.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
