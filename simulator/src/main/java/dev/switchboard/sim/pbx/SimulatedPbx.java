package dev.switchboard.sim.pbx;

import dev.switchboard.sim.agi.AgiClient;
import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.ami.AmiSession;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The simulated Asterisk core: channels, bridges, device states and the AMI events they produce.
 * All state is owned by the {@link SimScheduler}'s thread; public methods post work to it. The
 * Switchboard dialplan itself (inbound, wait, connect, survey, callback) lives in {@link CallFlow}.
 */
public final class SimulatedPbx {

  private record Endpoint(
      String name, String callerIdNum, String callerIdName, EndpointBehaviour behaviour) {}

  final SimScheduler scheduler;
  final PbxConfiguration configuration;
  final SplittableRandom random;
  private final Consumer<AmiMessage> events;
  private final Map<String, SimChannel> channels = new LinkedHashMap<>();
  private final Map<String, SimBridge> bridges = new LinkedHashMap<>();
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, String> deviceStates = new LinkedHashMap<>();
  private final Map<String, String> globals = new HashMap<>();
  private int nextChannelId;
  final CallFlow callFlow;
  final AtomicLong callsStarted = new AtomicLong();
  final AtomicLong answered = new AtomicLong();
  final AtomicLong abandoned = new AtomicLong();
  final AtomicLong overflowed = new AtomicLong();
  final AtomicLong callsEnded = new AtomicLong();
  final AtomicLong callbacks = new AtomicLong();
  final AtomicLong surveys = new AtomicLong();

  /**
   * @param scheduler the owner thread and clock
   * @param configuration ids, trunk, AGI target, ring default
   * @param events where events go (the AMI server's broadcast, or a test list)
   * @param agiClient runs FastAGI sessions; {@code null} = none (AGISTATUS=FAILURE)
   * @param random the seeded source for ids the PBX invents (bridge ids, AGI command ids)
   */
  public SimulatedPbx(
      SimScheduler scheduler,
      PbxConfiguration configuration,
      Consumer<AmiMessage> events,
      AgiClient agiClient,
      SplittableRandom random) {
    this.scheduler = scheduler;
    this.configuration = configuration;
    this.events = events;
    this.random = random;
    this.callFlow = new CallFlow(this, agiClient);
    deviceStates.put("PJSIP/" + configuration.trunkEndpoint(), "UNAVAILABLE");
  }

  // ---------------------------------------------------------------- public API (any thread)

  /**
   * Registers a phone (agent or customer) endpoint; its device state becomes NOT_INUSE.
   *
   * @param endpoint PJSIP endpoint name, e.g. {@code agent01}
   * @param callerIdNum the number it shows when it calls or is called (e.g. {@code 601})
   * @param callerIdName the name it shows (e.g. {@code Agent 01})
   * @param behaviour how it answers
   */
  public void registerEndpoint(
      String endpoint, String callerIdNum, String callerIdName, EndpointBehaviour behaviour) {
    scheduler.execute(
        () -> {
          endpoints.put(endpoint, new Endpoint(endpoint, callerIdNum, callerIdName, behaviour));
          deviceStates.put("PJSIP/" + endpoint, "NOT_INUSE");
        });
  }

  /**
   * A caller dials an entry point (what SIPp's INVITE to {@code from-sipp,<entry>} does).
   *
   * @param entry the dialled number
   * @param callerIdNum caller number
   * @param callerIdName caller name
   * @param script what the caller will do
   */
  public void startInboundCall(
      String entry, String callerIdNum, String callerIdName, CallerScript script) {
    scheduler.execute(() -> callFlow.inbound(entry, callerIdNum, callerIdName, script));
  }

  /**
   * An agent dials a feature code: emits {@code UserEvent SwitchboardAgent} (PROTOCOL.md).
   *
   * @param agentId the agent id
   * @param endpoint the agent's endpoint
   * @param action login, ready, pause, logout or wrapupdone
   * @param reason pause reason or empty
   */
  public void agentFeature(String agentId, String endpoint, String action, String reason) {
    scheduler.execute(() -> callFlow.agentFeature(agentId, endpoint, action, reason));
  }

  /**
   * Repeats an agent's feature code to one listener only (an AMI client that connected after the
   * original): the same {@code UserEvent SwitchboardAgent}, not broadcast. Call it on the PBX
   * thread; it emits at once, so a caller that then queues an action's answer knows the event is
   * ahead of it.
   *
   * @param sink where the event goes (one AMI session)
   * @param agentId the agent id
   * @param endpoint the agent's endpoint
   * @param action login, ready, pause, logout or wrapupdone
   * @param reason pause reason or empty
   */
  public void agentFeatureTo(
      Consumer<AmiMessage> sink, String agentId, String endpoint, String action, String reason) {
    sink.accept(callFlow.agentFeatureEvent(agentId, endpoint, action, reason));
  }

  /** Counters so far. */
  public SimulatorCounters counters() {
    // Ended before started: a call that starts between the two reads shows as in progress, never
    // as more ended than started.
    long ended = callsEnded.get();
    return new SimulatorCounters(
        callsStarted.get(),
        answered.get(),
        abandoned.get(),
        overflowed.get(),
        ended,
        callbacks.get(),
        surveys.get());
  }

  // ---------------------------------------------------------------- channel primitives

  long nowMicros() {
    return scheduler.nowMicros();
  }

  boolean hasEndpoint(String endpoint) {
    return endpoints.containsKey(endpoint);
  }

  EndpointBehaviour behaviour(String endpoint) {
    Endpoint e = endpoints.get(endpoint);
    return e == null ? null : e.behaviour();
  }

  String endpointCallerIdNum(String endpoint, String fallback) {
    Endpoint e = endpoints.get(endpoint);
    return e == null ? fallback : e.callerIdNum();
  }

  String endpointCallerIdName(String endpoint, String fallback) {
    Endpoint e = endpoints.get(endpoint);
    return e == null ? fallback : e.callerIdName();
  }

  SimChannel channel(String name) {
    return channels.get(name);
  }

  Collection<SimChannel> channels() {
    return channels.values();
  }

  Collection<SimBridge> bridges() {
    return bridges.values();
  }

  Map<String, String> deviceStates() {
    return deviceStates;
  }

  Map<String, String> globals() {
    return globals;
  }

  /** Creates a channel and emits Newchannel. {@code linkedid} null = its own Uniqueid. */
  SimChannel newChannel(
      String endpoint,
      SimChannel.State state,
      String callerIdNum,
      String callerIdName,
      String context,
      String exten,
      String linkedid) {
    int id = nextChannelId++;
    String uniqueid = (nowMicros() / 1_000_000) + "." + id;
    String name = "PJSIP/" + endpoint + "-" + String.format(Locale.ROOT, "%08x", id);
    SimChannel ch =
        new SimChannel(
            name,
            endpoint,
            uniqueid,
            linkedid == null ? uniqueid : linkedid,
            nowMicros(),
            state,
            callerIdNum,
            callerIdName,
            context,
            exten);
    channels.put(name, ch);
    emit(channelEvent("Newchannel", "call,all", ch).build());
    return ch;
  }

  /** An id-consuming channel that never appears in a Newchannel (feature-code UserEvents). */
  SimChannel transientChannel(String endpoint, String cidNum, String cidName, String exten) {
    int id = nextChannelId++;
    String uniqueid = (nowMicros() / 1_000_000) + "." + id;
    String name = "PJSIP/" + endpoint + "-" + String.format(Locale.ROOT, "%08x", id);
    SimChannel ch =
        new SimChannel(
            name,
            endpoint,
            uniqueid,
            uniqueid,
            nowMicros(),
            SimChannel.State.UP,
            cidNum,
            cidName,
            "from-agents",
            exten);
    ch.priority = 2;
    return ch;
  }

  void setState(SimChannel ch, SimChannel.State state) {
    ch.state = state;
    emit(channelEvent("Newstate", "call,all", ch).build());
  }

  void newexten(
      SimChannel ch, String context, String exten, int priority, String app, String data) {
    ch.context = context;
    ch.exten = exten;
    ch.priority = priority;
    ch.application = app;
    ch.appData = data;
    emit(
        channelEvent("Newexten", "dialplan,all", ch)
            .add("Extension", exten)
            .add("Application", app)
            .add("AppData", data)
            .build());
  }

  void varSet(SimChannel ch, String variable, String value) {
    ch.variables.put(variable, value);
    emit(
        channelEvent("VarSet", "dialplan,all", ch)
            .add("Variable", variable)
            .add("Value", value)
            .build());
  }

  void connectedLine(SimChannel ch, SimChannel other) {
    ch.connectedNum = other.callerIdNum;
    ch.connectedName = other.callerIdName;
    emit(channelEvent("NewConnectedLine", "call,all", ch).build());
  }

  /** HangupRequest: the channel's SIP peer hung up. {@code cause} null = no Cause header. */
  void hangupRequest(SimChannel ch, Integer cause) {
    hangupRequest(ch, cause, 0);
  }

  /** HangupRequest with the SIP status that caused it ({@code TechCause}, e.g. 486); 0 = none. */
  void hangupRequest(SimChannel ch, Integer cause, int techCause) {
    AmiMessage.Builder b = channelEvent("HangupRequest", "call,all", ch);
    if (cause != null) {
      b.add("Cause", cause.toString());
    }
    if (techCause > 0) {
      b.add("TechCause", Integer.toString(techCause));
    }
    emit(b.build());
  }

  /** SoftHangupRequest: Asterisk itself tears the channel down. */
  void softHangupRequest(SimChannel ch, int cause) {
    emit(channelEvent("SoftHangupRequest", "call,all", ch).add("Cause", "" + cause).build());
  }

  /** Emits Hangup and forgets the channel (device states are refreshed by the caller). */
  void hangup(SimChannel ch, int cause) {
    hangup(ch, cause, 0);
  }

  /** Hangup with a {@code TechCause} (the SIP status, e.g. 486 for busy); 0 = none. */
  void hangup(SimChannel ch, int cause, int techCause) {
    if (ch.hungUp) {
      return;
    }
    ch.hungUp = true;
    channels.remove(ch.name);
    AmiMessage.Builder b =
        channelEvent("Hangup", "call,all", ch)
            .add("Cause", Integer.toString(cause))
            .add("Cause-txt", causeText(cause));
    if (techCause > 0) {
      b.add("TechCause", Integer.toString(techCause));
    }
    emit(b.build());
  }

  static String causeText(int cause) {
    return switch (cause) {
      case 16 -> "Normal Clearing";
      case 17 -> "User busy";
      case 18 -> "No user responding";
      case 19 -> "User alerting, no answer";
      case 21 -> "Call Rejected";
      case 34 -> "Circuit/channel congestion";
      default -> "Unknown";
    };
  }

  /** Recomputes an endpoint's device state from its channels; emits DeviceStateChange on change. */
  void refreshDevice(String endpoint) {
    String device = "PJSIP/" + endpoint;
    boolean up = false;
    boolean ringing = false;
    for (SimChannel c : channels.values()) {
      if (c.endpoint.equals(endpoint)) {
        up |= c.state == SimChannel.State.UP;
        ringing |= c.state == SimChannel.State.RINGING;
      }
    }
    String idle = endpoints.containsKey(endpoint) ? "NOT_INUSE" : "UNAVAILABLE";
    String state = up ? "INUSE" : ringing ? "RINGING" : idle;
    if (!state.equals(deviceStates.get(device))) {
      deviceStates.put(device, state);
      emit(
          event("DeviceStateChange", "call,all").add("Device", device).add("State", state).build());
    }
  }

  SimBridge createBridge() {
    long a = random.nextLong();
    long b = random.nextLong();
    String id =
        String.format(
            Locale.ROOT,
            "%08x-%04x-4%03x-%04x-%012x",
            (int) (a >>> 32),
            (int) (a >>> 16) & 0xffff,
            (int) a & 0xfff,
            ((int) (b >>> 48) & 0x3fff) | 0x8000,
            b & 0xffffffffffffL);
    SimBridge bridge = new SimBridge(id);
    bridges.put(id, bridge);
    AmiMessage.Builder e = event("BridgeCreate", "call,all");
    bridge.appendSnapshot(e);
    emit(e.build());
    return bridge;
  }

  void bridgeEnter(SimBridge bridge, SimChannel ch) {
    bridge.members.add(ch);
    ch.bridge = bridge;
    AmiMessage.Builder e = event("BridgeEnter", "call,all");
    bridge.appendSnapshot(e);
    ch.appendSnapshot(e, "");
    emit(e.build());
  }

  void bridgeLeave(SimBridge bridge, SimChannel ch) {
    if (!bridge.members.remove(ch)) {
      return;
    }
    ch.bridge = null;
    AmiMessage.Builder e = event("BridgeLeave", "call,all");
    bridge.appendSnapshot(e);
    ch.appendSnapshot(e, "");
    emit(e.build());
  }

  void bridgeDestroy(SimBridge bridge) {
    if (bridges.remove(bridge.uniqueid) == null) {
      return;
    }
    AmiMessage.Builder e = event("BridgeDestroy", "call,all");
    bridge.appendSnapshot(e);
    emit(e.build());
  }

  // ---------------------------------------------------------------- events

  AmiMessage.Builder event(String name, String privilege) {
    return AmiMessage.builder()
        .add("Event", name)
        .add("Privilege", privilege)
        .add("Timestamp", AmiSession.timestamp(nowMicros()));
  }

  AmiMessage.Builder channelEvent(String name, String privilege, SimChannel ch) {
    AmiMessage.Builder b = event(name, privilege);
    ch.appendSnapshot(b, "");
    return b;
  }

  void emit(AmiMessage event) {
    events.accept(event);
  }
}
