package dev.switchboard.cti;

import dev.switchboard.router.api.Command;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one PBX's AMI events into router commands, on asterisk-java's event thread.
 *
 * <p>Never blocks that thread: each event is a few map look-ups in the {@link CallTracker} and a
 * non-blocking {@link CommandSink#publish}. The decision and its publication happen under the
 * tracker's monitor, so two threads can never publish one contact's commands out of order.
 */
final class AmiEventAdapter implements ManagerEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(AmiEventAdapter.class);

  /** Prefix of the ActionID the adapter gives a callback's Originate: {@code cb|contact|agent}. */
  static final String ORIGINATE_ID_PREFIX = "cb|";

  private final CallTracker tracker;
  private final CommandSink sink;
  private final CtiMetrics metrics;
  private final Map<Class<?>, BiFunction<AmiEventAdapter, ManagerEvent, Translation>> handlers =
      Map.of(
          HangupEvent.class, (a, e) -> a.hangup((HangupEvent) e),
          DialBeginEvent.class, (a, e) -> a.dialBegin((DialBeginEvent) e),
          DialEndEvent.class, (a, e) -> a.dialEnd((DialEndEvent) e),
          BridgeEnterEvent.class, (a, e) -> a.bridgeEnter((BridgeEnterEvent) e),
          SwitchboardNoAnswerEvent.class, (a, e) -> a.noAnswer((SwitchboardNoAnswerEvent) e),
          SwitchboardAgentEvent.class, (a, e) -> a.agent((SwitchboardAgentEvent) e),
          DeviceStateEvent.class, (a, e) -> a.deviceState((DeviceStateEvent) e),
          OriginateResponseEvent.class, (a, e) -> a.originateResponse((OriginateResponseEvent) e));

  AmiEventAdapter(CallTracker tracker, CommandSink sink, CtiMetrics metrics) {
    this.tracker = tracker;
    this.sink = sink;
    this.metrics = metrics;
  }

  @Override
  public void onManagerEvent(ManagerEvent event) {
    Class<?> type = event.getClass();
    if (type == DisconnectEvent.class
        || type == ConnectEvent.class
        || type == DialEvent.class
        || type == BridgeEvent.class) {
      // Synthesised by asterisk-java (login, legacy Dial/Bridge views): not on the wire.
      return;
    }
    metrics.eventsReceived.increment();
    if (event instanceof ResponseEvent r
        && (r.getInternalActionId() != null || r.getActionId() != null)
        && type != OriginateResponseEvent.class) {
      // An item of a listing the link thread asked for (resync): handled there.
      metrics.count(Translation.Outcome.IGNORED);
      return;
    }
    var handler = handlers.get(type);
    if (handler == null) {
      metrics.count(Translation.Outcome.IGNORED);
      return;
    }
    try {
      synchronized (tracker) {
        Translation t = handler.apply(this, event);
        metrics.count(t.outcome());
        if (t.command() != null) {
          sink.publish(t.command());
        }
      }
    } catch (RuntimeException e) {
      // A surprise in one event must not take the link down; it is counted and logged once.
      metrics.count(Translation.Outcome.MALFORMED);
      LOG.warn(
          "pbx {}: could not translate {}: {}",
          tracker.pbxId(),
          type.getSimpleName(),
          e.toString());
    }
  }

  private Translation hangup(HangupEvent e) {
    if (isBlank(e.getUniqueId())) {
      return malformed(e, "Uniqueid");
    }
    return tracker.onHangup(
        e.getUniqueId(), e.getLinkedId(), e.getCause() == null ? 0 : e.getCause());
  }

  private Translation dialBegin(DialBeginEvent e) {
    return tracker.onDialBegin(
        blankToNull(e.getUniqueId()), blankToNull(e.getDestUniqueId()), e.getDestChannel());
  }

  private Translation dialEnd(DialEndEvent e) {
    if (isBlank(e.getDialStatus())) {
      return malformed(e, "DialStatus");
    }
    return tracker.onDialEnd(
        blankToNull(e.getUniqueId()),
        blankToNull(e.getDestUniqueId()),
        blankToNull(e.getDestChannel()),
        e.getDialStatus());
  }

  private Translation bridgeEnter(BridgeEnterEvent e) {
    if (isBlank(e.getUniqueId())) {
      return malformed(e, "Uniqueid");
    }
    return tracker.onBridgeEnter(e.getUniqueId(), blankToNull(e.getLinkedId()), e.getChannel());
  }

  private Translation noAnswer(SwitchboardNoAnswerEvent e) {
    String uid = e.callerUniqueId();
    if (uid == null) {
      return malformed(e, "Uniqueid");
    }
    return tracker.onNoAnswer(uid, blankToNull(e.getAgent()), e.getDialStatus());
  }

  private Translation agent(SwitchboardAgentEvent e) {
    String agent = blankToNull(e.getAgent());
    String action = blankToNull(e.getAction());
    if (agent == null || action == null) {
      return malformed(e, agent == null ? "Agent" : "Action");
    }
    Command command =
        switch (action.toLowerCase(Locale.ROOT)) {
          case "login" -> new Command.AgentLogin(agent);
          case "ready" -> new Command.AgentReady(agent);
          case "pause" -> new Command.AgentPause(agent, e.getReason());
          case "logout" -> new Command.AgentLogout(agent);
          case "wrapupdone" -> new Command.WrapUpDone(agent);
          default -> null;
        };
    return command == null ? malformed(e, "Action") : Translation.of(command);
  }

  private Translation deviceState(DeviceStateEvent e) {
    if (isBlank(e.getDevice()) || isBlank(e.getState())) {
      return malformed(e, isBlank(e.getDevice()) ? "Device" : "State");
    }
    return tracker.onDeviceState(e.getDevice(), e.getState());
  }

  private Translation originateResponse(OriginateResponseEvent e) {
    String[] ids = parseOriginateId(e.getActionId());
    if (ids == null) {
      return Translation.UNKNOWN_CHANNEL;
    }
    boolean success = "Success".equalsIgnoreCase(e.getResponse());
    int reason = e.getReason() == null ? 0 : e.getReason();
    return tracker.onOriginateResponse(
        ids[0], ids[1], success, reason, blankToNull(e.getUniqueId()), e.getChannel());
  }

  /** The ActionID of a callback's Originate, naming the contact and the agent. */
  static String originateId(String contactId, String agentId) {
    return ORIGINATE_ID_PREFIX + contactId + "|" + agentId;
  }

  /** {contactId, agentId} from an Originate ActionID, or null if it is not one of ours. */
  static String[] parseOriginateId(String actionId) {
    if (actionId == null || !actionId.startsWith(ORIGINATE_ID_PREFIX)) {
      return null;
    }
    String rest = actionId.substring(ORIGINATE_ID_PREFIX.length());
    int bar = rest.lastIndexOf('|');
    if (bar <= 0 || bar == rest.length() - 1) {
      return null;
    }
    return new String[] {rest.substring(0, bar), rest.substring(bar + 1)};
  }

  private Translation malformed(ManagerEvent e, String header) {
    LOG.warn(
        "pbx {}: {} without {} header, ignored",
        tracker.pbxId(),
        e.getClass().getSimpleName(),
        header);
    return Translation.MALFORMED;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s.trim();
  }
}
