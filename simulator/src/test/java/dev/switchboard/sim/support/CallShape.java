package dev.switchboard.sim.support;

import dev.switchboard.sim.ami.AmiMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reduces an AMI event stream to what a golden comparison checks: for every channel (named by order
 * of appearance, so ids and hex suffixes do not matter) the ordered list of its call events with
 * their key fields, and for every PJSIP device the ordered list of its states. Noise the traces
 * have (VarSet, RTCP, QueueMemberStatus, {@code Queue:*} devices) is dropped by name.
 */
public final class CallShape {

  /** Call events compared (everything else is noise for this purpose). */
  public static final Set<String> CALL_EVENTS =
      Set.of(
          "Newchannel",
          "Newstate",
          "Newexten",
          "NewConnectedLine",
          "NewCallerid",
          "DialBegin",
          "DialState",
          "DialEnd",
          "BridgeEnter",
          "BridgeLeave",
          "HangupRequest",
          "SoftHangupRequest",
          "Hangup",
          "MusicOnHoldStart",
          "MusicOnHoldStop",
          "UserEvent",
          "AGIExecStart",
          "AGIExecEnd",
          "OriginateResponse");

  private final Map<String, String> channelAlias = new LinkedHashMap<>();
  private final Map<String, String> idAlias = new LinkedHashMap<>();
  private final Map<String, List<String>> byChannel = new LinkedHashMap<>();
  private final Map<String, List<String>> byDevice = new TreeMap<>();
  private final List<String> global = new ArrayList<>();

  /** Builds the shape of a stream. */
  public static CallShape of(List<AmiMessage> messages) {
    CallShape s = new CallShape();
    for (AmiMessage m : messages) {
      s.add(m);
    }
    return s;
  }

  private void add(AmiMessage m) {
    String event = m.getOr("Event", "");
    if (event.isEmpty() || (m.get("ActionID").isPresent() && !event.equals("OriginateResponse"))) {
      return;
    }
    if (event.equals("DeviceStateChange")) {
      String device = m.getOr("Device", "");
      if (device.startsWith("PJSIP/")) {
        byDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(m.getOr("State", ""));
        global.add("DeviceStateChange " + device + " " + m.getOr("State", ""));
      }
      return;
    }
    if (event.equals("VarSet")) {
      String v = m.getOr("Variable", "");
      if (!v.equals("DIALSTATUS") && !v.startsWith("SB_") && !v.equals("AGISTATUS")) {
        return;
      }
    } else if (!CALL_EVENTS.contains(event)) {
      return;
    }
    String sig = signature(event, m);
    global.add(sig);
    for (String ch : List.of(m.getOr("Channel", ""), m.getOr("DestChannel", ""))) {
      if (!ch.isEmpty()) {
        byChannel.computeIfAbsent(alias(ch), c -> new ArrayList<>()).add(sig);
      }
    }
  }

  private String signature(String event, AmiMessage m) {
    StringBuilder sb = new StringBuilder(event);
    for (String h :
        List.of(
            "Channel",
            "ChannelStateDesc",
            "Context",
            "Exten",
            "Uniqueid",
            "Linkedid",
            "DestChannel",
            "DestUniqueid",
            "DestLinkedid",
            "Application",
            "DialStatus",
            "Cause",
            "UserEvent",
            "Agent",
            "Variable",
            "Value",
            "Class",
            "Response",
            "Reason",
            "BridgeNumChannels")) {
      var v = m.get(h);
      if (v.isEmpty()) {
        continue;
      }
      String value = v.get();
      if (h.endsWith("Channel")) {
        value = alias(value);
      } else if (h.endsWith("Uniqueid") || h.endsWith("Linkedid")) {
        value = idAlias.computeIfAbsent(value, x -> "U" + idAlias.size());
      } else if (h.equals("Value") && m.getOr("Variable", "").equals("SB_CONTACT")) {
        value = "*";
      }
      sb.append(' ').append(h).append('=').append(value);
    }
    if (event.equals("UserEvent")) {
      sb.append(" Uniqueids=").append(m.getAll("Uniqueid").size());
    }
    return sb.toString();
  }

  private String alias(String channel) {
    int dash = channel.lastIndexOf('-');
    String prefix = dash > 0 ? channel.substring(0, dash) : channel;
    return channelAlias.computeIfAbsent(channel, c -> prefix + "#" + channelAlias.size());
  }

  /**
   * Per-channel event lists; a DialState RINGING directly before the callee's Newstate Ringing is
   * put after it (Asterisk emits the two in either order: s01 vs s04).
   */
  public Map<String, List<String>> perChannel() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    byChannel.forEach((k, v) -> out.put(k, canonical(v)));
    return out;
  }

  private static List<String> canonical(List<String> events) {
    List<String> list = new ArrayList<>(events);
    for (int i = 0; i + 1 < list.size(); i++) {
      if (list.get(i).startsWith("DialState ")
          && list.get(i + 1).startsWith("Newstate ")
          && list.get(i + 1).contains("ChannelStateDesc=Ringing")) {
        String t = list.get(i);
        list.set(i, list.get(i + 1));
        list.set(i + 1, t);
      }
    }
    return list;
  }

  /** Per-device state sequences. */
  public Map<String, List<String>> perDevice() {
    return byDevice;
  }

  /** All retained events in arrival order. */
  public List<String> global() {
    return global;
  }

  /** Index of the first global signature that starts with the prefix and contains the text. */
  public int indexOf(String prefix, String contains) {
    for (int i = 0; i < global.size(); i++) {
      if (global.get(i).startsWith(prefix) && global.get(i).contains(contains)) {
        return i;
      }
    }
    return -1;
  }
}
