package dev.switchboard.sim.pbx;

import dev.switchboard.sim.ami.AmiMessage;
import java.util.List;
import java.util.Map;

/**
 * One asynchronous AMI Originate of the callback kind (trace s07): {@code Channel: PJSIP/<agent>},
 * {@code Application: Dial}, {@code Data: PJSIP/<customer>…}. The agent leg rings first; its
 * DialBegin/DialState/DialEnd carry only {@code Dest*} fields; {@code OriginateResponse} (Reason 4)
 * comes after the agent answers; then Dial runs on the agent channel and calls the customer.
 */
final class Originate {

  final String actionId;
  final String channelSpec;
  final String application;
  final String data;
  final String callerIdNum;
  final String callerIdName;
  final List<Map.Entry<String, String>> variables;
  CallFlow.DialLeg agentLeg;
  CallFlow.DialLeg customerLeg;
  boolean ended;

  Originate(
      String actionId,
      String channelSpec,
      String application,
      String data,
      String callerIdNum,
      String callerIdName,
      List<Map.Entry<String, String>> variables) {
    this.actionId = actionId;
    this.channelSpec = channelSpec;
    this.application = application;
    this.data = data;
    this.callerIdNum = callerIdNum;
    this.callerIdName = callerIdName;
    this.variables = List.copyOf(variables);
  }

  /** Starts the agent leg; the "successfully queued" response has already been sent. */
  void start(CallFlow flow, long timeoutMs) {
    SimulatedPbx pbx = flow.pbx;
    String endpoint = endpointOf(channelSpec);
    EndpointBehaviour behaviour = pbx.behaviour(endpoint);
    if (behaviour == null) {
      response(pbx, "Failure", channelSpec, 0, "<null>", "<unknown>", "<unknown>");
      return;
    }
    SimChannel agent =
        pbx.newChannel(
            endpoint,
            SimChannel.State.DOWN,
            pbx.endpointCallerIdNum(endpoint, endpoint),
            pbx.endpointCallerIdName(endpoint, endpoint),
            "from-agents",
            "s",
            null);
    pbx.newexten(agent, "from-agents", "s", 1, "AppDial2", "(Outgoing Line)");
    for (Map.Entry<String, String> v : variables) {
      pbx.varSet(agent, v.getKey(), v.getValue());
    }
    if (callerIdNum != null) {
      agent.callerIdNum = callerIdNum;
      agent.callerIdName = callerIdName == null ? "" : callerIdName;
      pbx.emit(
          pbx.channelEvent("NewCallerid", "call,all", agent)
              .add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)")
              .build());
    }
    pbx.connectedLine(agent, agent);
    CallFlow.DialLeg leg = new CallFlow.DialLeg(null, null, agent, endpoint, false);
    leg.originate = this;
    leg.dialStartMicros = pbx.nowMicros();
    agent.activity = leg;
    agentLeg = leg;
    flow.dialBegin(null, agent, endpoint);
    flow.startRinging(leg, behaviour.onIncomingCall(endpoint, agent.callerIdNum));
    leg.ringTimer = pbx.scheduler.schedule(timeoutMs, () -> flow.noAnswer(leg));
  }

  /** The agent answered: OriginateResponse Success, then Dial runs toward the customer. */
  void agentAnswered(CallFlow flow, CallFlow.DialLeg leg) {
    SimulatedPbx pbx = flow.pbx;
    SimChannel agent = leg.callee;
    flow.dialEnd(null, agent, "ANSWER");
    for (String v : List.of("DIALSTATUS", "DIALEDPEERNUMBER", "DIALEDPEERNAME")) {
      pbx.varSet(agent, v, "");
    }
    pbx.varSet(agent, "DIALEDTIME", "");
    pbx.varSet(agent, "DIALEDTIME_MS", "");
    pbx.refreshDevice(leg.endpoint);
    response(pbx, "Success", agent.name, 4, agent.uniqueid, agent.callerIdNum, agent.callerIdName);
    pbx.callbacks.incrementAndGet();
    // The agent's talk time runs from its own answer (s07: hang-up 8 s after the agent answered).
    scheduleAgentHangup(flow, leg);
    if (!application.equalsIgnoreCase("Dial")) {
      // Other applications (Playback, Wait…) just run on the agent channel until it hangs up.
      agent.application = application;
      agent.appData = data;
      return;
    }
    String dialTarget = data.split(",", 2)[0];
    String spec = dialTarget.startsWith("PJSIP/") ? dialTarget.substring(6) : dialTarget;
    String number = spec.contains("@") ? spec.substring(0, spec.indexOf('@')) : spec;
    String endpoint = spec.contains("@") ? spec.substring(spec.indexOf('@') + 1) : spec;
    agent.application = "Dial";
    agent.appData = data;
    EndpointBehaviour behaviour = pbx.behaviour(endpoint);
    String cidNum = spec.contains("@") ? number : pbx.endpointCallerIdNum(endpoint, number);
    String cidName = spec.contains("@") ? "" : pbx.endpointCallerIdName(endpoint, number);
    SimChannel customer =
        pbx.newChannel(
            endpoint, SimChannel.State.DOWN, cidNum, cidName, "from-sipp", "s", agent.uniqueid);
    CallFlow.DialLeg cleg = new CallFlow.DialLeg(null, agent, customer, endpoint, false);
    cleg.viaOriginate = this;
    cleg.dialStartMicros = pbx.nowMicros();
    customer.activity = cleg;
    customerLeg = cleg;
    pbx.varSet(customer, "DIALEDPEERNUMBER", number);
    pbx.newexten(customer, "from-sipp", "s", 1, "AppDial", "(Outgoing Line)");
    pbx.connectedLine(customer, agent);
    flow.dialBegin(agent, customer, number);
    pbx.connectedLine(agent, customer);
    EndpointBehaviour.RingDecision d =
        behaviour == null
            ? new EndpointBehaviour.Answer(1000, -1)
            : behaviour.onIncomingCall(endpoint, agent.callerIdNum);
    flow.startRinging(cleg, d);
    int ring = ringSeconds(data);
    cleg.ringTimer = pbx.scheduler.schedule(ring * 1000L, () -> flow.noAnswer(cleg));
  }

  private void scheduleAgentHangup(CallFlow flow, CallFlow.DialLeg leg) {
    if (leg.talkMs >= 0) {
      leg.talkTimer = flow.pbx.scheduler.schedule(leg.talkMs, () -> agentHangsUp(flow));
    }
  }

  /** The agent ends the callback (trace s07 tail). */
  private void agentHangsUp(CallFlow flow) {
    SimulatedPbx pbx = flow.pbx;
    SimChannel agent = agentLeg.callee;
    if (agent.hungUp) {
      return;
    }
    pbx.hangupRequest(agent, 16);
    CallFlow.DialLeg cleg = customerLeg;
    if (cleg != null && !cleg.callee.hungUp) {
      CallFlow.cancel(cleg.talkTimer);
      CallFlow.cancel(cleg.ringTimer);
      CallFlow.cancel(cleg.answerTimer);
      SimChannel customer = cleg.callee;
      SimBridge bridge = agent.bridge;
      if (bridge != null) {
        pbx.varSet(agent, "BRIDGEPEER", "");
        pbx.varSet(customer, "BRIDGEPEER", "");
        pbx.bridgeLeave(bridge, agent);
        flow.dialTimes(cleg, agent);
        pbx.bridgeLeave(bridge, customer);
        pbx.bridgeDestroy(bridge);
      } else {
        flow.dialEnd(agent, customer, "CANCEL");
      }
      pbx.hangup(agent, 16);
      pbx.refreshDevice(agentLeg.endpoint);
      pbx.hangup(customer, 16);
      pbx.refreshDevice(cleg.endpoint);
      flow.notifyEnded(cleg);
    } else {
      pbx.hangup(agent, 16);
      pbx.refreshDevice(agentLeg.endpoint);
    }
    ended(flow);
  }

  /** The customer did not answer or was busy: Dial returns, the agent channel ends. */
  void customerFailed(CallFlow flow, CallFlow.DialLeg cleg, String status, int cause) {
    SimulatedPbx pbx = flow.pbx;
    SimChannel agent = agentLeg.callee;
    flow.dialEnd(agent, cleg.callee, status);
    pbx.varSet(agent, "DIALSTATUS", status);
    pbx.hangup(cleg.callee, cause, cause == 17 ? 486 : 0);
    pbx.refreshDevice(cleg.endpoint);
    flow.notifyEnded(cleg);
    pbx.softHangupRequest(agent, 16);
    pbx.hangup(agent, 16);
    pbx.refreshDevice(agentLeg.endpoint);
    ended(flow);
  }

  /** The agent leg failed before answering: OriginateResponse Failure. */
  void failed(CallFlow flow, CallFlow.DialLeg leg, int reason, int cause) {
    SimulatedPbx pbx = flow.pbx;
    CallFlow.cancel(leg.ringTimer);
    CallFlow.cancel(leg.answerTimer);
    String status = reason == 5 ? "BUSY" : reason == 3 ? "NOANSWER" : "CANCEL";
    flow.dialEnd(null, leg.callee, status);
    pbx.hangup(leg.callee, cause, cause == 17 ? 486 : 0);
    pbx.refreshDevice(leg.endpoint);
    response(pbx, "Failure", channelSpec, reason, "<null>", "<unknown>", "<unknown>");
    flow.notifyEnded(leg);
    ended = true;
  }

  /** The whole callback is over; tells the agent's phone. */
  void ended(CallFlow flow) {
    if (!ended) {
      ended = true;
      flow.notifyEnded(agentLeg);
    }
  }

  private void response(
      SimulatedPbx pbx,
      String result,
      String channel,
      int reason,
      String uniqueid,
      String cidNum,
      String cidName) {
    AmiMessage.Builder b = pbx.event("OriginateResponse", "call,all");
    if (actionId != null) {
      b.add("ActionID", actionId);
    }
    pbx.emit(
        b.add("Response", result)
            .add("Channel", channel)
            .add("Application", application)
            .add("Data", data)
            .add("Reason", Integer.toString(reason))
            .add("Uniqueid", uniqueid)
            .add("CallerIDNum", cidNum)
            .add("CallerIDName", cidName)
            .build());
  }

  static String endpointOf(String channelSpec) {
    String s = channelSpec.startsWith("PJSIP/") ? channelSpec.substring(6) : channelSpec;
    int at = s.indexOf('@');
    return at >= 0 ? s.substring(at + 1) : s;
  }

  private static int ringSeconds(String data) {
    String[] parts = data.split(",");
    if (parts.length > 1) {
      try {
        return Math.max(1, Integer.parseInt(parts[1].trim()));
      } catch (NumberFormatException e) {
        return 30;
      }
    }
    return 30;
  }
}
