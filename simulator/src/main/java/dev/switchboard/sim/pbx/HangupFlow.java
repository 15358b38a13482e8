package dev.switchboard.sim.pbx;

import dev.switchboard.sim.pbx.CallFlow.DialLeg;
import dev.switchboard.sim.pbx.CallFlow.InboundCall;

/**
 * How calls end that the dialplan did not end itself: the caller's BYE (patience, done talking:
 * traces s02, s03, s06) and AMI Hangup (s08: SoftHangupRequest only). Runs on the PBX thread.
 */
final class HangupFlow {

  private final CallFlow flow;
  private final SimulatedPbx pbx;

  HangupFlow(CallFlow flow) {
    this.flow = flow;
    this.pbx = flow.pbx;
  }

  /** The caller's SIP BYE (patience ran out, or done talking): traces s02, s03, s06. */
  void callerHangsUp(InboundCall call) {
    SimChannel ch = call.channel;
    if (ch.hungUp) {
      return;
    }
    switch (call.phase) {
      case IVR, AFTER -> {
        pbx.hangupRequest(ch, null);
        pbx.softHangupRequest(ch, 16);
        if (call.agi != null) {
          call.agi.hungUp = true;
        }
        countAbandon(call);
        flow.finishCaller(call, 0);
      }
      case WAIT -> {
        pbx.hangupRequest(ch, null);
        flow.musicOnHoldStop(ch);
        pbx.softHangupRequest(ch, 16);
        countAbandon(call);
        flow.finishCaller(call, 0);
      }
      case DIAL -> {
        pbx.hangupRequest(ch, null);
        DialLeg leg = call.dial;
        countAbandon(call);
        cancelDial(leg, true);
      }
      case TALK -> {
        DialLeg leg = call.dial;
        pbx.hangupRequest(ch, 16);
        SimBridge bridge = ch.bridge;
        if (bridge != null) {
          pbx.bridgeLeave(bridge, ch);
        }
        flow.dialTimes(leg, ch);
        pbx.softHangupRequest(ch, 16);
        flow.finishCaller(call, 16);
        if (bridge != null) {
          pbx.bridgeLeave(bridge, leg.callee);
          pbx.bridgeDestroy(bridge);
        }
        endCallee(leg, 16, false);
      }
    }
  }

  /** A caller who leaves unanswered abandons, unless the router had already sent it to overflow. */
  private void countAbandon(InboundCall call) {
    if (!call.everAnswered && !call.overflowed) {
      pbx.abandoned.incrementAndGet();
    }
  }

  /** The caller leaves while the phone rings: DialEnd CANCEL (trace s06; AMI Hangup s08). */
  void cancelDial(DialLeg leg, boolean callerGone) {
    CallFlow.cancel(leg.ringTimer);
    CallFlow.cancel(leg.answerTimer);
    SimChannel ch = leg.caller;
    flow.dialEnd(ch, leg.callee, "CANCEL");
    pbx.varSet(ch, "DIALSTATUS", "CANCEL");
    if (callerGone) {
      pbx.softHangupRequest(ch, 16);
      flow.finishCaller(leg.call, 0);
    }
    pbx.hangup(leg.callee, 16);
    pbx.refreshDevice(leg.endpoint);
    flow.notifyEnded(leg);
    leg.call.dial = null;
  }

  void endCallee(DialLeg leg, int cause, boolean soft) {
    CallFlow.cancel(leg.talkTimer);
    if (soft) {
      pbx.softHangupRequest(leg.callee, cause);
    }
    pbx.hangup(leg.callee, cause);
    pbx.refreshDevice(leg.endpoint);
    flow.notifyEnded(leg);
  }

  /** AMI Hangup: only SoftHangupRequest, cause from the action (trace s08). */
  void amiHangup(SimChannel ch, int cause) {
    if (ch.activity instanceof InboundCall call) {
      switch (call.phase) {
        case WAIT -> {
          flow.musicOnHoldStop(ch);
          pbx.softHangupRequest(ch, cause);
          flow.finishCaller(call, cause);
        }
        case DIAL -> {
          DialLeg leg = call.dial;
          CallFlow.cancel(leg.ringTimer);
          CallFlow.cancel(leg.answerTimer);
          flow.dialEnd(ch, leg.callee, "CANCEL");
          pbx.varSet(ch, "DIALSTATUS", "CANCEL");
          pbx.softHangupRequest(ch, cause);
          flow.finishCaller(call, cause);
          pbx.hangup(leg.callee, cause);
          pbx.refreshDevice(leg.endpoint);
          flow.notifyEnded(leg);
        }
        case TALK -> {
          DialLeg leg = call.dial;
          SimBridge bridge = ch.bridge;
          if (bridge != null) {
            pbx.bridgeLeave(bridge, ch);
          }
          flow.dialTimes(leg, ch);
          pbx.softHangupRequest(ch, cause);
          if (bridge != null) {
            pbx.bridgeLeave(bridge, leg.callee);
            pbx.bridgeDestroy(bridge);
          }
          flow.finishCaller(call, cause);
          endCallee(leg, cause, false);
        }
        case IVR, AFTER -> {
          pbx.softHangupRequest(ch, cause);
          if (call.agi != null) {
            call.agi.hungUp = true;
          }
          flow.finishCaller(call, cause);
        }
      }
      return;
    }
    if (ch.activity instanceof DialLeg leg) {
      if (leg.answered) {
        pbx.softHangupRequest(ch, cause);
        flow.calleeHangsUp(leg);
      } else if (leg.originate != null) {
        leg.originate.failed(flow, leg, 1, cause);
      } else {
        flow.noAnswer(leg);
      }
      return;
    }
    pbx.softHangupRequest(ch, cause);
    pbx.hangup(ch, cause);
    pbx.refreshDevice(ch.endpoint);
  }
}
