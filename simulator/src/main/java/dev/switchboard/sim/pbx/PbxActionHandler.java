package dev.switchboard.sim.pbx;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.ami.AmiServer;
import dev.switchboard.sim.ami.AmiSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the AMI actions the PBX executes (Redirect, Originate, Hangup, Setvar, Getvar, the resync
 * lists, CoreSettings…). Each action runs as one task on the PBX thread, so its response is queued
 * before the events it causes, as in the traces.
 */
public final class PbxActionHandler implements AmiServer.ActionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PbxActionHandler.class);
  private static final Pattern CALLER_ID = Pattern.compile("\\s*\"?([^\"<]*)\"?\\s*<([^>]*)>\\s*");

  private final SimulatedPbx pbx;

  /**
   * @param pbx the PBX the actions act on
   */
  public PbxActionHandler(SimulatedPbx pbx) {
    this.pbx = pbx;
  }

  @Override
  public void onAction(AmiSession session, AmiMessage action) {
    pbx.scheduler.execute(() -> handle(session, action));
  }

  private void handle(AmiSession session, AmiMessage a) {
    String id = a.get("ActionID").orElse(null);
    String name = a.getOr("Action", "").trim().toLowerCase(Locale.ROOT);
    try {
      switch (name) {
        case "redirect" -> redirect(session, a, id);
        case "originate" -> originate(session, a, id);
        case "hangup" -> hangup(session, a, id);
        case "setvar" -> setvar(session, a, id);
        case "getvar" -> getvar(session, a, id);
        case "coreshowchannels" -> coreShowChannels(session, id);
        case "devicestatelist" -> deviceStateList(session, id);
        case "status" -> status(session, a, id);
        case "bridgelist" -> bridgeList(session, id);
        case "queuestatus" -> queueStatus(session, id);
        case "coresettings" -> coreSettings(session, id);
        case "command" -> command(session, a, id);
        case "userevent" -> userEvent(session, a, id);
        default -> session.send(AmiSession.error(id, "Invalid/unknown command"));
      }
    } catch (RuntimeException e) {
      LOG.warn("AMI action {} failed: {}", name, e.toString(), e);
      session.send(AmiSession.error(id, "Internal error: " + e.getMessage()));
    }
  }

  private SimChannel requireChannel(AmiSession s, AmiMessage a, String id) {
    String name = a.getOr("Channel", "").trim();
    if (name.isEmpty()) {
      s.send(AmiSession.error(id, "No channel specified"));
      return null;
    }
    SimChannel ch = pbx.channel(name);
    if (ch == null) {
      s.send(AmiSession.error(id, "No such channel"));
    }
    return ch;
  }

  private void redirect(AmiSession s, AmiMessage a, String id) {
    SimChannel ch = requireChannel(s, a, id);
    if (ch == null) {
      return;
    }
    String context = a.getOr("Context", "").trim();
    String exten = a.getOr("Exten", "").trim();
    if (exten.isEmpty()) {
      s.send(AmiSession.error(id, "Exten not specified"));
      return;
    }
    if (context.isEmpty()) {
      context = ch.context;
    }
    String problem = pbx.callFlow.precheckRedirect(ch);
    if (problem != null) {
      s.send(AmiSession.error(id, problem));
      return;
    }
    s.send(AmiSession.response("Success", id).add("Message", "Redirect successful").build());
    pbx.callFlow.redirect(ch, context, exten);
  }

  private void originate(AmiSession s, AmiMessage a, String id) {
    String channel = a.getOr("Channel", "").trim();
    String application = a.getOr("Application", "").trim();
    if (channel.isEmpty()) {
      s.send(AmiSession.error(id, "Channel not specified"));
      return;
    }
    if (application.isEmpty()) {
      s.send(
          AmiSession.error(
              id, "The simulator supports Originate with Application only (Dial, as in s07)"));
      return;
    }
    long timeoutMs = parseLong(a.getOr("Timeout", "30000"), 30000);
    String cidNum = null;
    String cidName = null;
    String cid = a.getOr("CallerID", "").trim();
    if (!cid.isEmpty()) {
      Matcher m = CALLER_ID.matcher(cid);
      if (m.matches()) {
        cidName = m.group(1).trim();
        cidNum = m.group(2).trim();
      } else {
        cidNum = cid;
        cidName = "";
      }
    }
    List<Map.Entry<String, String>> vars = new ArrayList<>();
    for (String v : a.getAll("Variable")) {
      for (String pair : v.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          vars.add(Map.entry(pair.substring(0, eq).trim(), pair.substring(eq + 1)));
        }
      }
    }
    Originate o =
        new Originate(id, channel, application, a.getOr("Data", ""), cidNum, cidName, vars);
    s.send(
        AmiSession.response("Success", id).add("Message", "Originate successfully queued").build());
    o.start(pbx.callFlow, timeoutMs);
  }

  private void hangup(AmiSession s, AmiMessage a, String id) {
    SimChannel ch = requireChannel(s, a, id);
    if (ch == null) {
      return;
    }
    int cause = (int) parseLong(a.getOr("Cause", "16"), 16);
    s.send(AmiSession.response("Success", id).add("Message", "Channel Hungup").build());
    pbx.callFlow.hangups.amiHangup(ch, cause);
  }

  private void setvar(AmiSession s, AmiMessage a, String id) {
    String variable = a.getOr("Variable", "").trim();
    if (variable.isEmpty()) {
      s.send(AmiSession.error(id, "No variable specified"));
      return;
    }
    String value = a.getOr("Value", "");
    String channel = a.getOr("Channel", "").trim();
    if (channel.isEmpty()) {
      pbx.globals().put(variable, value);
      s.send(AmiSession.response("Success", id).add("Message", "Variable Set").build());
      return;
    }
    SimChannel ch = requireChannel(s, a, id);
    if (ch == null) {
      return;
    }
    s.send(AmiSession.response("Success", id).add("Message", "Variable Set").build());
    pbx.varSet(ch, variable, value);
  }

  private void getvar(AmiSession s, AmiMessage a, String id) {
    String variable = a.getOr("Variable", "").trim();
    if (variable.isEmpty()) {
      s.send(AmiSession.error(id, "No variable specified"));
      return;
    }
    String value;
    if (a.getOr("Channel", "").isBlank()) {
      value = pbx.globals().getOrDefault(variable, "");
    } else {
      SimChannel ch = requireChannel(s, a, id);
      if (ch == null) {
        return;
      }
      value = ch.variable(variable);
    }
    s.send(
        AmiSession.response("Success", id).add("Variable", variable).add("Value", value).build());
  }

  private void coreShowChannels(AmiSession s, String id) {
    listStart(s, id, "Channels will follow");
    int n = 0;
    for (SimChannel ch : pbx.channels()) {
      AmiMessage.Builder b = AmiMessage.builder().add("Event", "CoreShowChannel");
      addId(b, id);
      ch.appendSnapshot(b, "");
      b.add("Application", ch.application)
          .add("ApplicationData", ch.appData)
          .add("Duration", duration(ch))
          .add("BridgeId", ch.bridge == null ? "" : ch.bridge.uniqueid);
      s.send(b.build());
      n++;
    }
    listComplete(s, id, "CoreShowChannelsComplete", n, false);
  }

  private void deviceStateList(AmiSession s, String id) {
    listStart(s, id, "Device State Changes will follow");
    int n = 0;
    for (Map.Entry<String, String> e : pbx.deviceStates().entrySet()) {
      AmiMessage.Builder b = AmiMessage.builder().add("Event", "DeviceStateChange");
      addId(b, id);
      s.send(b.add("Device", e.getKey()).add("State", e.getValue()).build());
      n++;
    }
    listComplete(s, id, "DeviceStateListComplete", n, false);
  }

  private void status(AmiSession s, AmiMessage a, String id) {
    List<SimChannel> selected = new ArrayList<>();
    String channel = a.getOr("Channel", "").trim();
    if (channel.isEmpty()) {
      selected.addAll(pbx.channels());
    } else {
      SimChannel ch = pbx.channel(channel);
      if (ch == null) {
        s.send(AmiSession.error(id, "No such channel"));
        return;
      }
      selected.add(ch);
    }
    listStart(s, id, "Channel status will follow");
    for (SimChannel ch : selected) {
      AmiMessage.Builder b = AmiMessage.builder().add("Event", "Status").add("Privilege", "Call");
      ch.appendSnapshot(b, "");
      b.add("Type", "PJSIP")
          .add("DNID", ch.dnid)
          .add("EffectiveConnectedLineNum", ch.connectedNum)
          .add("EffectiveConnectedLineName", ch.connectedName)
          .add("TimeToHangup", "0")
          .add("BridgeID", ch.bridge == null ? "" : ch.bridge.uniqueid)
          .add("Application", ch.application)
          .add("Data", ch.appData)
          .add("Nativeformats", "(ulaw)")
          .add("Readformat", "ulaw")
          .add("Readtrans", "")
          .add("Writeformat", "ulaw")
          .add("Writetrans", "")
          .add("Callgroup", "0")
          .add("Pickupgroup", "0")
          .add("Seconds", Long.toString((pbx.nowMicros() - ch.createdMicros) / 1_000_000));
      addId(b, id);
      s.send(b.build());
    }
    listComplete(s, id, "StatusComplete", selected.size(), true);
  }

  private void bridgeList(AmiSession s, String id) {
    listStart(s, id, "Bridge listing will follow");
    int n = 0;
    for (SimBridge bridge : pbx.bridges()) {
      AmiMessage.Builder b = AmiMessage.builder().add("Event", "BridgeListItem");
      addId(b, id);
      bridge.appendSnapshot(b);
      s.send(b.build());
      n++;
    }
    listComplete(s, id, "BridgeListComplete", n, false);
  }

  private void queueStatus(AmiSession s, String id) {
    listStart(s, id, "Queue status will follow");
    listComplete(s, id, "QueueStatusComplete", 0, false);
  }

  private void coreSettings(AmiSession s, String id) {
    s.send(
        AmiSession.response("Success", id)
            .add("AMIversion", "11.0.0")
            .add("AsteriskVersion", "22.10.1")
            .add("SystemName", "")
            .add("CoreMaxCalls", "0")
            .add("CoreMaxLoadAvg", "0.000000")
            .add("CoreRunUser", "")
            .add("CoreRunGroup", "")
            .add("CoreMaxFilehandles", "0")
            .add("CoreRealTimeEnabled", "No")
            .add("CoreCDRenabled", "Yes")
            .add("CoreHTTPenabled", "No")
            .add("SoundsSearchCustomDir", "No")
            .build());
  }

  private void command(AmiSession s, AmiMessage a, String id) {
    String cmd = a.getOr("Command", "").trim();
    AmiMessage.Builder b =
        AmiSession.response("Success", id).add("Message", "Command output follows");
    if (cmd.equalsIgnoreCase("core show version")) {
      b.add("Output", "Asterisk 22.10.1 built by switchboard-simulator on a x86_64 running Linux");
    } else {
      b.add("Output", "No such command '" + cmd + "' (type 'core show help " + cmd + "' for help)");
    }
    s.send(b.build());
  }

  private void userEvent(AmiSession s, AmiMessage a, String id) {
    String name = a.getOr("UserEvent", "").trim();
    if (name.isEmpty()) {
      s.send(AmiSession.error(id, "UserEvent not specified"));
      return;
    }
    s.send(AmiSession.response("Success", id).add("Message", "Event Sent").build());
    AmiMessage.Builder b = pbx.event("UserEvent", "user,all").add("UserEvent", name);
    for (AmiMessage.Header h : a.headers()) {
      String n = h.name();
      if (!n.equalsIgnoreCase("Action")
          && !n.equalsIgnoreCase("ActionID")
          && !n.equalsIgnoreCase("UserEvent")) {
        b.add(n, h.value());
      }
    }
    pbx.emit(b.build());
  }

  private static void listStart(AmiSession s, String id, String message) {
    s.send(
        AmiSession.response("Success", id)
            .add("EventList", "start")
            .add("Message", message)
            .build());
  }

  private static void listComplete(
      AmiSession s, String id, String event, int items, boolean withItems) {
    AmiMessage.Builder b = AmiMessage.builder().add("Event", event);
    addId(b, id);
    b.add("EventList", "Complete").add("ListItems", Integer.toString(items));
    if (withItems) {
      b.add("Items", Integer.toString(items));
    }
    s.send(b.build());
  }

  private static void addId(AmiMessage.Builder b, String id) {
    if (id != null) {
      b.add("ActionID", id);
    }
  }

  private String duration(SimChannel ch) {
    long secs = Math.max(0, (pbx.nowMicros() - ch.createdMicros) / 1_000_000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60);
  }

  private static long parseLong(String s, long fallback) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
