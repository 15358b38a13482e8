package dev.switchboard.sim.pbx;

import dev.switchboard.sim.ami.AmiMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated Asterisk channel: the fields Asterisk puts into every channel snapshot of an AMI
 * event, plus the dialplan position and channel variables. Owned by the PBX thread.
 */
public final class SimChannel {

  /** Asterisk channel states used by the simulation ({@code ChannelState} codes). */
  public enum State {
    DOWN(0, "Down"),
    RING(4, "Ring"),
    RINGING(5, "Ringing"),
    UP(6, "Up");

    final int code;
    final String desc;

    State(int code, String desc) {
      this.code = code;
      this.desc = desc;
    }
  }

  final String name;
  final String endpoint;
  final String uniqueid;
  final String linkedid;
  final long createdMicros;
  State state;
  String callerIdNum;
  String callerIdName;
  String connectedNum = "<unknown>";
  String connectedName = "<unknown>";
  String context;
  String exten;
  int priority = 1;
  String application = "";
  String appData = "";
  String dnid = "";
  final Map<String, String> variables = new LinkedHashMap<>();
  SimBridge bridge;
  boolean hungUp;

  /** What the channel is doing in the simulated dialplan; the PBX reads it on hangup/redirect. */
  Object activity;

  SimChannel(
      String name,
      String endpoint,
      String uniqueid,
      String linkedid,
      long createdMicros,
      State state,
      String callerIdNum,
      String callerIdName,
      String context,
      String exten) {
    this.name = name;
    this.endpoint = endpoint;
    this.uniqueid = uniqueid;
    this.linkedid = linkedid;
    this.createdMicros = createdMicros;
    this.state = state;
    this.callerIdNum = callerIdNum;
    this.callerIdName = callerIdName;
    this.context = context;
    this.exten = exten;
  }

  /** The channel name, e.g. {@code PJSIP/agent01-00000001}. */
  public String name() {
    return name;
  }

  /** The Uniqueid. */
  public String uniqueid() {
    return uniqueid;
  }

  /** The Linkedid (the Uniqueid of the call's first channel). */
  public String linkedid() {
    return linkedid;
  }

  /** The PJSIP endpoint. */
  public String endpoint() {
    return endpoint;
  }

  /** A channel variable, or empty string when unset. */
  public String variable(String name) {
    return variables.getOrDefault(name, "");
  }

  /** Appends the standard channel snapshot ({@code Channel} … {@code Linkedid}). */
  void appendSnapshot(AmiMessage.Builder b, String prefix) {
    b.add(prefix.isEmpty() ? "Channel" : prefix + "Channel", name)
        .add(prefix + "ChannelState", Integer.toString(state.code))
        .add(prefix + "ChannelStateDesc", state.desc)
        .add(prefix + "CallerIDNum", callerIdNum)
        .add(prefix + "CallerIDName", callerIdName)
        .add(prefix + "ConnectedLineNum", connectedNum)
        .add(prefix + "ConnectedLineName", connectedName)
        .add(prefix + "Language", "en")
        .add(prefix + "AccountCode", "")
        .add(prefix + "Context", context)
        .add(prefix + "Exten", exten)
        .add(prefix + "Priority", Integer.toString(priority))
        .add(prefix + "Uniqueid", uniqueid)
        .add(prefix + "Linkedid", linkedid);
  }
}
