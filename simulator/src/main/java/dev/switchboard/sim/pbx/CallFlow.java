package dev.switchboard.sim.pbx;

import dev.switchboard.sim.agi.AgiClient;
import dev.switchboard.sim.ami.AmiMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Switchboard dialplan of PROTOCOL.md, played the way Asterisk 22 plays it (event order, causes
 * and fields as in traces s01–s07): {@code switchboard-inbound} (Answer, AGI ivr), {@code
 * switchboard-wait} (MusicOnHold), {@code switchboard-connect} (Dial the agent; UserEvent
 * SwitchboardNoAnswer on failure; survey AGI after the agent hangs up), {@code
 * switchboard-callback-offer} and {@code switchboard-overflow}. Runs on the PBX thread only.
 */
final class CallFlow {

  private static final Logger LOG = LoggerFactory.getLogger(CallFlow.class);

  enum Phase {
    IVR,
    WAIT,
    DIAL,
    TALK,
    AFTER
  }

  /** A caller's call and what it is doing. */
  static final class InboundCall {
    final SimChannel channel;
    final CallerScript script;
    Phase phase = Phase.IVR;
    DialLeg dial;
    SimScheduler.Timer abandonTimer;
    SimScheduler.Timer talkTimer;
    boolean everAnswered;
    boolean overflowed;
    AgiStep.Glue agi;
    String[] pendingRedirect;

    InboundCall(SimChannel channel, CallerScript script) {
      this.channel = channel;
      this.script = script;
    }
  }

  /** One Dial leg to a phone endpoint (from a caller, or from an Originate). */
  static final class DialLeg {
    final InboundCall call;
    final SimChannel caller;
    final SimChannel callee;
    final String endpoint;
    final boolean overflow;
    SimScheduler.Timer ringTimer;
    SimScheduler.Timer answerTimer;
    SimScheduler.Timer talkTimer;
    long talkMs = -1;
    long dialStartMicros;
    long answeredMicros;
    boolean answered;

    /** Set on the agent leg of an Originate. */
    Originate originate;

    /** Set on the customer leg an Originate's Dial created. */
    Originate viaOriginate;

    DialLeg(InboundCall call, SimChannel caller, SimChannel callee, String endpoint, boolean ovf) {
      this.call = call;
      this.caller = caller;
      this.callee = callee;
      this.endpoint = endpoint;
      this.overflow = ovf;
    }
  }

  final SimulatedPbx pbx;
  final AgiStep agiStep;
  final HangupFlow hangups;

  CallFlow(SimulatedPbx pbx, AgiClient agiClient) {
    this.pbx = pbx;
    this.agiStep = new AgiStep(this, agiClient);
    this.hangups = new HangupFlow(this);
  }

  // ------------------------------------------------------------------ inbound

  void inbound(String entry, String cidNum, String cidName, CallerScript script) {
    String trunk = pbx.configuration.trunkEndpoint();
    SimChannel ch =
        pbx.newChannel(trunk, SimChannel.State.RING, cidNum, cidName, "from-sipp", entry, null);
    ch.dnid = entry;
    InboundCall call = new InboundCall(ch, script);
    ch.activity = call;
    pbx.callsStarted.incrementAndGet();
    pbx.varSet(ch, "SIPDOMAIN", "127.0.0.1");
    pbx.newexten(ch, "from-sipp", entry, 1, "Goto", "switchboard-inbound," + entry + ",1");
    pbx.newexten(ch, "switchboard-inbound", entry, 1, "Answer", "");
    pbx.setState(ch, SimChannel.State.UP);
    pbx.refreshDevice(trunk);
    long patience = script.abandonAfterMs();
    if (patience >= 0) {
      call.abandonTimer = pbx.scheduler.schedule(patience, () -> hangups.callerHangsUp(call));
    }
    String path = "ivr?entry=" + entry;
    pbx.scheduler.schedule(
        pbx.configuration.answerMediaDelayMs(),
        () -> agiStep.run(call, path, 2, () -> gotoWait(call, 3)));
  }

  void gotoWait(InboundCall call, int gotoPriority) {
    SimChannel ch = call.channel;
    pbx.newexten(ch, ch.context, ch.exten, gotoPriority, "Goto", "switchboard-wait,s,1");
    enterWait(call);
  }

  void enterWait(InboundCall call) {
    SimChannel ch = call.channel;
    pbx.newexten(ch, "switchboard-wait", "s", 1, "MusicOnHold", "default");
    pbx.emit(pbx.channelEvent("MusicOnHoldStart", "call,all", ch).add("Class", "default").build());
    call.phase = Phase.WAIT;
  }

  void musicOnHoldStop(SimChannel ch) {
    pbx.emit(pbx.channelEvent("MusicOnHoldStop", "call,all", ch).build());
  }

  // ------------------------------------------------------------------ redirect

  /** Why a Redirect of this channel cannot be done, or null when it can. */
  String precheckRedirect(SimChannel ch) {
    return ch.activity instanceof InboundCall ? null : "Redirect failed, not a caller channel";
  }

  /** AMI Redirect of a caller channel (checked with {@link #precheckRedirect} first). */
  void redirect(SimChannel ch, String context, String exten) {
    InboundCall call = (InboundCall) ch.activity;
    switch (call.phase) {
      case IVR -> {
        call.pendingRedirect = new String[] {context, exten};
        return;
      }
      case WAIT -> musicOnHoldStop(ch);
      case DIAL -> hangups.cancelDial(call.dial, false);
      case TALK -> {
        DialLeg leg = call.dial;
        SimBridge bridge = ch.bridge;
        if (bridge != null) {
          pbx.bridgeLeave(bridge, ch);
          pbx.bridgeLeave(bridge, leg.callee);
          pbx.bridgeDestroy(bridge);
        }
        hangups.endCallee(leg, 16, true);
      }
      case AFTER -> {
        // survey or hang-up step: the redirect simply moves the caller on
      }
    }
    cancel(call.talkTimer);
    enterContext(call, context, exten);
  }

  void enterContext(InboundCall call, String context, String exten) {
    SimChannel ch = call.channel;
    switch (context) {
      case "switchboard-connect" -> dial(call, exten, false);
      case "switchboard-wait" -> enterWait(call);
      case "switchboard-overflow" -> overflow(call, exten);
      case "switchboard-callback-offer" -> {
        ch.context = context;
        ch.exten = "s";
        String contact = ch.variable("SB_CONTACT");
        agiStep.run(call, "callback?contact=" + contact, 1, () -> gotoWait(call, 2));
      }
      default -> {
        LOG.info("redirect of {} to unknown context {}: hanging up", ch.name, context);
        ch.context = context;
        ch.exten = exten;
        pbx.softHangupRequest(ch, 16);
        finishCaller(call, 16);
      }
    }
  }

  // ------------------------------------------------------------------ dial (switchboard-connect)

  private void dial(InboundCall call, String exten, boolean overflow) {
    SimChannel ch = call.channel;
    String context = overflow ? "switchboard-overflow" : "switchboard-connect";
    String endpoint = exten;
    String dialString = "PJSIP/" + exten;
    int ring = ringSeconds(ch);
    if (overflow) {
      endpoint = pbx.configuration.trunkEndpoint();
      dialString = "PJSIP/" + exten + "@" + endpoint;
      ring = 60;
    }
    ch.application = "Dial";
    pbx.newexten(ch, context, exten, 1, "Dial", dialString + "," + ring);
    ch.appData = dialString + "," + ring;
    for (String v : List.of("DIALSTATUS", "DIALEDPEERNUMBER", "DIALEDPEERNAME")) {
      pbx.varSet(ch, v, "");
    }
    pbx.varSet(ch, "DIALEDTIME", "");
    pbx.varSet(ch, "DIALEDTIME_MS", "");
    EndpointBehaviour behaviour = pbx.behaviour(endpoint);
    if (behaviour == null && !overflow) {
      pbx.varSet(ch, "DIALSTATUS", "CHANUNAVAIL");
      dialFailed(call, exten, "CHANUNAVAIL");
      return;
    }
    String cidNum = overflow ? exten : pbx.endpointCallerIdNum(endpoint, exten);
    String cidName = overflow ? "" : pbx.endpointCallerIdName(endpoint, exten);
    SimChannel callee =
        pbx.newChannel(
            endpoint, SimChannel.State.DOWN, cidNum, cidName, "from-agents", "s", ch.linkedid);
    DialLeg leg = new DialLeg(call, ch, callee, endpoint, overflow);
    leg.dialStartMicros = pbx.nowMicros();
    callee.activity = leg;
    call.dial = leg;
    call.phase = Phase.DIAL;
    pbx.varSet(callee, "DIALEDPEERNUMBER", exten);
    pbx.newexten(callee, "from-agents", exten, 1, "AppDial", "(Outgoing Line)");
    pbx.connectedLine(callee, ch);
    dialBegin(ch, callee, exten);
    pbx.connectedLine(ch, callee);
    EndpointBehaviour.RingDecision decision =
        behaviour == null
            ? new EndpointBehaviour.Answer(2000, -1)
            : behaviour.onIncomingCall(endpoint, ch.callerIdNum);
    startRinging(leg, decision);
    leg.ringTimer = pbx.scheduler.schedule(ring * 1000L, () -> noAnswer(leg));
  }

  void startRinging(DialLeg leg, EndpointBehaviour.RingDecision decision) {
    // Java 17: no pattern switch yet; the three permitted decisions are checked in turn.
    if (decision instanceof EndpointBehaviour.Busy busy) {
      leg.answerTimer = pbx.scheduler.schedule(busy.afterMs(), () -> busy(leg));
    } else if (decision instanceof EndpointBehaviour.Answer answer) {
      ringing(leg);
      leg.talkMs = answer.talkMs();
      leg.answerTimer = pbx.scheduler.schedule(answer.afterMs(), () -> answer(leg));
    } else {
      ringing(leg);
    }
  }

  private void ringing(DialLeg leg) {
    pbx.setState(leg.callee, SimChannel.State.RINGING);
    pbx.refreshDevice(leg.endpoint);
    dialState(leg.caller, leg.callee, "RINGING");
  }

  private int ringSeconds(SimChannel ch) {
    String v = ch.variable("SB_RING").trim();
    if (!v.isEmpty()) {
      try {
        int s = Integer.parseInt(v);
        if (s > 0) {
          return s;
        }
      } catch (NumberFormatException e) {
        LOG.info("channel {} has non-numeric SB_RING '{}': using default", ch.name, v);
      }
    }
    return pbx.configuration.defaultRingSeconds();
  }

  void dialBegin(SimChannel caller, SimChannel callee, String dialString) {
    AmiMessage.Builder b = pbx.event("DialBegin", "call,all");
    if (caller != null) {
      caller.appendSnapshot(b, "");
    }
    callee.appendSnapshot(b, "Dest");
    pbx.emit(b.add("DialString", dialString).build());
  }

  void dialState(SimChannel caller, SimChannel callee, String status) {
    AmiMessage.Builder b = pbx.event("DialState", "call,all");
    if (caller != null) {
      caller.appendSnapshot(b, "");
    }
    callee.appendSnapshot(b, "Dest");
    pbx.emit(b.add("DialStatus", status).build());
  }

  void dialEnd(SimChannel caller, SimChannel callee, String status) {
    AmiMessage.Builder b = pbx.event("DialEnd", "call,all");
    if (caller != null) {
      caller.appendSnapshot(b, "");
    }
    callee.appendSnapshot(b, "Dest");
    pbx.emit(b.add("DialStatus", status).build());
  }

  void busy(DialLeg leg) {
    if (leg.callee.hungUp || leg.answered) {
      return;
    }
    cancel(leg.ringTimer);
    pbx.hangupRequest(leg.callee, 17, 486);
    if (leg.originate != null) {
      leg.originate.failed(this, leg, 5, 17);
      return;
    }
    if (leg.viaOriginate != null) {
      leg.viaOriginate.customerFailed(this, leg, "BUSY", 17);
      return;
    }
    dialEnd(leg.caller, leg.callee, "BUSY");
    pbx.varSet(leg.caller, "DIALSTATUS", "BUSY");
    dialFailed(leg.call, leg.callee.variable("DIALEDPEERNUMBER"), "BUSY");
    pbx.hangup(leg.callee, 17, 486);
    pbx.refreshDevice(leg.endpoint);
    notifyEnded(leg);
  }

  void noAnswer(DialLeg leg) {
    if (leg.callee.hungUp || leg.answered) {
      return;
    }
    cancel(leg.answerTimer);
    if (leg.originate != null) {
      leg.originate.failed(this, leg, 3, 0);
      return;
    }
    if (leg.viaOriginate != null) {
      leg.viaOriginate.customerFailed(this, leg, "NOANSWER", 0);
      return;
    }
    dialEnd(leg.caller, leg.callee, "NOANSWER");
    pbx.varSet(leg.caller, "DIALSTATUS", "NOANSWER");
    dialFailed(leg.call, leg.callee.variable("DIALEDPEERNUMBER"), "NOANSWER");
    pbx.hangup(leg.callee, 0);
    pbx.refreshDevice(leg.endpoint);
    notifyEnded(leg);
  }

  /** After a failed Dial: UserEvent SwitchboardNoAnswer, back to the wait context. */
  private void dialFailed(InboundCall call, String exten, String status) {
    SimChannel ch = call.channel;
    if (call.dial != null && call.dial.overflow) {
      pbx.newexten(ch, ch.context, ch.exten, 2, "Hangup", "");
      pbx.softHangupRequest(ch, 16);
      finishCaller(call, 16);
      return;
    }
    String data =
        "SwitchboardNoAnswer,Agent: "
            + exten
            + ",DialStatus: "
            + status
            + ",Uniqueid: "
            + ch.uniqueid;
    pbx.newexten(ch, "switchboard-connect", exten, 2, "UserEvent", data);
    pbx.emit(
        pbx.channelEvent("UserEvent", "user,all", ch)
            .add("UserEvent", "SwitchboardNoAnswer")
            .add("Agent", exten)
            .add("DialStatus", status)
            .add("Uniqueid", ch.uniqueid)
            .build());
    call.dial = null;
    gotoWait(call, 3);
  }

  private void answer(DialLeg leg) {
    if (leg.callee.hungUp || leg.answered) {
      return;
    }
    cancel(leg.ringTimer);
    leg.answered = true;
    leg.answeredMicros = pbx.nowMicros();
    SimChannel callee = leg.callee;
    pbx.setState(callee, SimChannel.State.UP);
    if (leg.originate != null) {
      leg.originate.agentAnswered(this, leg);
      return;
    }
    SimChannel caller = leg.caller;
    pbx.varSet(caller, "DIALSTATUS", "ANSWER");
    pbx.varSet(caller, "DIALEDPEERNAME", callee.name);
    pbx.varSet(caller, "DIALEDPEERNUMBER", callee.variable("DIALEDPEERNUMBER"));
    callee.exten = "";
    dialEnd(caller, callee, "ANSWER");
    bridgeAnswered(leg, callee, caller, true);
    InboundCall call = leg.call;
    if (call != null) {
      call.phase = Phase.TALK;
      cancel(call.abandonTimer);
      if (!call.everAnswered) {
        call.everAnswered = true;
        if (!leg.overflow) {
          pbx.answered.incrementAndGet();
        }
      }
      long limit = call.script.talkLimitMs();
      if (limit >= 0 && (leg.talkMs < 0 || limit < leg.talkMs)) {
        call.talkTimer = pbx.scheduler.schedule(limit, () -> hangups.callerHangsUp(call));
        return;
      }
    }
    if (leg.talkMs >= 0) {
      leg.talkTimer = pbx.scheduler.schedule(leg.talkMs, () -> calleeHangsUp(leg));
    }
  }

  /** BridgeCreate, the callee enters, its device goes INUSE, the caller enters (trace s01). */
  void bridgeAnswered(DialLeg leg, SimChannel callee, SimChannel caller, boolean calleeFirst) {
    SimBridge bridge = pbx.createBridge();
    pbx.newexten(callee, callee.context, "", 1, "AppDial", "(Outgoing Line)");
    SimChannel first = calleeFirst ? callee : caller;
    SimChannel second = calleeFirst ? caller : callee;
    pbx.bridgeEnter(bridge, first);
    pbx.refreshDevice(callee.endpoint);
    pbx.bridgeEnter(bridge, second);
    pbx.varSet(caller, "BRIDGEPEER", callee.name);
    pbx.varSet(callee, "BRIDGEPEER", caller.name);
  }

  /** The called phone hangs up during the conversation (trace s01, s07). */
  void calleeHangsUp(DialLeg leg) {
    SimChannel callee = leg.callee;
    SimChannel caller = leg.caller;
    if (callee.hungUp || caller.hungUp) {
      return;
    }
    pbx.hangupRequest(callee, 16);
    pbx.varSet(callee, "BRIDGEPEER", "");
    pbx.varSet(caller, "BRIDGEPEER", "");
    SimBridge bridge = callee.bridge;
    if (bridge != null) {
      pbx.bridgeLeave(bridge, callee);
      pbx.bridgeLeave(bridge, caller);
    }
    dialTimes(leg, caller);
    InboundCall call = leg.call;
    if (call != null && call.talkTimer != null) {
      cancel(call.talkTimer);
    }
    if (call != null && "1".equals(caller.variable("SB_SURVEY").trim())) {
      pbx.hangup(callee, 16);
      if (bridge != null) {
        pbx.bridgeDestroy(bridge);
      }
      pbx.refreshDevice(leg.endpoint);
      notifyEnded(leg);
      call.phase = Phase.AFTER;
      call.dial = null;
      String contact = caller.variable("SB_CONTACT");
      agiStep.run(call, "survey?contact=" + contact, 2, () -> hangupByDialplan(call, 3));
      return;
    }
    pbx.softHangupRequest(caller, 16);
    pbx.hangup(callee, 16);
    if (bridge != null) {
      pbx.bridgeDestroy(bridge);
    }
    pbx.refreshDevice(leg.endpoint);
    notifyEnded(leg);
    if (call != null) {
      finishCaller(call, 16);
    } else {
      pbx.hangup(caller, 16);
      pbx.refreshDevice(caller.endpoint);
      if (leg.viaOriginate != null) {
        leg.viaOriginate.ended(this);
      }
    }
  }

  void dialTimes(DialLeg leg, SimChannel caller) {
    long ms = (pbx.nowMicros() - leg.dialStartMicros) / 1000;
    pbx.varSet(caller, "DIALEDTIME", Long.toString(ms / 1000));
    pbx.varSet(caller, "DIALEDTIME_MS", Long.toString(ms));
    pbx.varSet(caller, "DIALSTATUS", "ANSWER");
  }

  void hangupByDialplan(InboundCall call, int priority) {
    SimChannel ch = call.channel;
    pbx.newexten(ch, ch.context, ch.exten, priority, "Hangup", "");
    pbx.softHangupRequest(ch, 16);
    finishCaller(call, 16);
  }

  void finishCaller(InboundCall call, int cause) {
    cancel(call.abandonTimer);
    cancel(call.talkTimer);
    if (!call.channel.hungUp) {
      pbx.callsEnded.incrementAndGet();
    }
    pbx.hangup(call.channel, cause);
    pbx.refreshDevice(call.channel.endpoint);
  }

  void notifyEnded(DialLeg leg) {
    EndpointBehaviour b = pbx.behaviour(leg.endpoint);
    if (b != null) {
      b.onCallEnded(leg.endpoint, leg.answered);
    }
  }

  // ------------------------------------------------------------------ overflow

  private void overflow(InboundCall call, String exten) {
    SimChannel ch = call.channel;
    if (!call.overflowed) {
      call.overflowed = true;
      pbx.overflowed.incrementAndGet();
    }
    if (exten.equalsIgnoreCase("hangup")) {
      pbx.newexten(ch, "switchboard-overflow", exten, 1, "Hangup", "");
      pbx.softHangupRequest(ch, 16);
      finishCaller(call, 16);
      return;
    }
    dial(call, exten, true);
  }

  // ------------------------------------------------------------------ agents

  void agentFeature(String agentId, String endpoint, String action, String reason) {
    pbx.emit(agentFeatureEvent(agentId, endpoint, action, reason));
  }

  AmiMessage agentFeatureEvent(String agentId, String endpoint, String action, String reason) {
    SimChannel ch =
        pbx.transientChannel(
            endpoint,
            pbx.endpointCallerIdNum(endpoint, endpoint),
            pbx.endpointCallerIdName(endpoint, agentId),
            "*" + action);
    return pbx.channelEvent("UserEvent", "user,all", ch)
        .add("UserEvent", "SwitchboardAgent")
        .add("Agent", agentId)
        .add("Action", action)
        .add("Reason", reason == null ? "" : reason)
        .build();
  }

  // ------------------------------------------------------------------ helpers

  static void cancel(SimScheduler.Timer timer) {
    if (timer != null) {
      timer.cancel();
    }
  }
}
