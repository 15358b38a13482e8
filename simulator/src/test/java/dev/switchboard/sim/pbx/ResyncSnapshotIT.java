package dev.switchboard.sim.pbx;

import static dev.switchboard.sim.support.TestAmiClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.support.CallShape;
import dev.switchboard.sim.support.SimHarness;
import dev.switchboard.sim.support.TestAmiClient;
import dev.switchboard.sim.support.TraceFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Trace s08: one caller talking (agent01), one ringing (agent04, SB_RING=60), one waiting; then
 * CoreShowChannels, DeviceStateList, Status and BridgeList (shapes compared with the recording),
 * then an AMI Hangup of each caller.
 */
class ResyncSnapshotIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TRACE = "traces/s08-resync-snapshot.ami";

  private static List<AmiMessage> withId(List<AmiMessage> all, String id) {
    return all.stream().filter(m -> id.equals(m.getOr("ActionID", ""))).toList();
  }

  private static String traceId(List<AmiMessage> trace, String message) {
    return trace.stream()
        .filter(m -> message.equals(m.getOr("Message", "")))
        .findFirst()
        .orElseThrow()
        .getOr("ActionID", "");
  }

  /** The role of a channel in a list: state, context, whether exten/bridge are empty, app. */
  private static List<String> roles(List<AmiMessage> items, String bridgeHeader) {
    List<String> roles = new ArrayList<>();
    for (AmiMessage m : items) {
      if (m.get("Event").isEmpty() || m.getOr("Event", "").endsWith("Complete")) {
        continue;
      }
      roles.add(
          m.getOr("ChannelStateDesc", "")
              + "|"
              + m.getOr("Context", "")
              + "|"
              + m.getOr("Exten", "").isEmpty()
              + "|"
              + m.getOr("Application", "")
              + "|"
              + m.getOr(bridgeHeader, "").isEmpty());
    }
    roles.sort(String::compareTo);
    return roles;
  }

  private static void assertSameListShape(List<AmiMessage> got, List<AmiMessage> want) {
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).names())
          .as("headers of list message " + i)
          .isEqualTo(want.get(i).names());
    }
  }

  @Test
  void shouldListChannelsDevicesAndBridgesLikeAsterisk() throws Exception {
    List<AmiMessage> trace = TraceFile.messages(TRACE);
    try (SimHarness h = new SimHarness(60_000);
        TestAmiClient c = h.client()) {
      h.pbx.startInboundCall("500", "sipp", "caller1", SimHarness.caller(-1));
      String c1 = c.awaitCount(event("MusicOnHoldStart"), 1, WAIT).get(0).getOr("Channel", "");
      h.pbx.startInboundCall("500", "sipp", "caller2", SimHarness.caller(-1));
      String c2 = c.awaitCount(event("Newchannel"), 2, WAIT).get(1).getOr("Channel", "");
      c.send(
          "Redirect",
          "Channel",
          c1,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent01",
          "Priority",
          "1");
      c.awaitCount(event("Newchannel"), 3, WAIT);
      h.pbx.startInboundCall("500", "sipp", "caller3", SimHarness.caller(-1));
      String c3 = c.awaitCount(event("Newchannel"), 4, WAIT).get(3).getOr("Channel", "");
      c.await(event("MusicOnHoldStart", "Channel", c2), WAIT);
      c.awaitResponse(c.send("Setvar", "Channel", c2, "Variable", "SB_RING", "Value", "60"), WAIT);
      c.send(
          "Redirect",
          "Channel",
          c2,
          "Context",
          "switchboard-connect",
          "Exten",
          "agent04",
          "Priority",
          "1");
      c.await(event("MusicOnHoldStart", "Channel", c3), WAIT);
      c.awaitCount(event("BridgeEnter"), 2, WAIT);
      c.await(event("DeviceStateChange", "Device", "PJSIP/agent04"), WAIT);

      String show = c.send("CoreShowChannels");
      String devices = c.send("DeviceStateList");
      String status = c.send("Status");
      String bridges = c.send("BridgeList");
      c.await(event("BridgeListComplete"), WAIT);
      List<AmiMessage> all = c.received();

      List<AmiMessage> wantShow = withId(trace, traceId(trace, "Channels will follow"));
      List<AmiMessage> gotShow = withId(all, show);
      assertSameListShape(gotShow, wantShow);
      assertThat(roles(gotShow, "BridgeId")).isEqualTo(roles(wantShow, "BridgeId"));

      List<AmiMessage> wantStatus = withId(trace, traceId(trace, "Channel status will follow"));
      List<AmiMessage> gotStatus = withId(all, status);
      assertSameListShape(gotStatus, wantStatus);
      assertThat(roles(gotStatus, "BridgeID")).isEqualTo(roles(wantStatus, "BridgeID"));

      List<AmiMessage> wantBridges = withId(trace, traceId(trace, "Bridge listing will follow"));
      assertSameListShape(withId(all, bridges), wantBridges);

      List<AmiMessage> wantDevices =
          withId(trace, traceId(trace, "Device State Changes will follow"));
      List<AmiMessage> gotDevices = withId(all, devices);
      assertThat(gotDevices.get(0).names()).isEqualTo(wantDevices.get(0).names());
      assertThat(gotDevices.get(1).names()).isEqualTo(wantDevices.get(1).names());
      assertThat(gotDevices.get(gotDevices.size() - 1).names())
          .isEqualTo(wantDevices.get(wantDevices.size() - 1).names());
      Map<String, String> gotStates = states(gotDevices);
      Map<String, String> wantStates = states(wantDevices);
      wantStates.keySet().retainAll(gotStates.keySet());
      assertThat(gotStates).isEqualTo(wantStates);

      for (String ch : List.of(c1, c2, c3)) {
        c.awaitResponse(c.send("Hangup", "Channel", ch, "Cause", "16"), WAIT);
      }
      c.awaitCount(event("Hangup"), 5, WAIT);
      c.await(event("DeviceStateChange", "State", "UNAVAILABLE"), WAIT);
      CallShape expected = CallShape.of(trace);
      CallShape actual = CallShape.of(c.received());
      assertThat(actual.perChannel()).isEqualTo(expected.perChannel());
    }
  }

  private static Map<String, String> states(List<AmiMessage> items) {
    Map<String, String> m = new TreeMap<>();
    for (AmiMessage a : items) {
      if ("DeviceStateChange".equals(a.getOr("Event", ""))) {
        m.put(a.getOr("Device", ""), a.getOr("State", ""));
      }
    }
    return m;
  }
}
