package dev.switchboard.ivr.engine;

import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one caller is in its dialogue. The engine never changes a state it was given: {@link
 * MenuEngine#next} works on a copy and returns it, so a state can be kept, compared and replayed.
 */
public final class SessionState {

  /** How the engine reads the input that answers the step it emitted last. */
  enum Awaiting {
    ACK,
    MENU,
    COLLECT,
    LOOKUP,
    ESTIMATE,
    CALLBACK_OFFER,
    CALLBACK_CONFIRM,
    CALLBACK_NUMBER,
    SURVEY,
    PUBLISH_ARRIVED,
    PUBLISH_CALLBACK,
    PUBLISH_SURVEY,
    END
  }

  /** A step queued to be emitted, with how its answer is read. */
  record Pending(Step step, Awaiting awaiting) {}

  final CallInfo call;
  final SessionContext context;
  String language;
  ZoneId zone;
  String node = "";
  Awaiting awaiting = Awaiting.ACK;
  int attempt;
  final Map<String, String> attributes;
  final Map<String, Integer> skills;
  int priority;
  String queue = "";
  boolean contactPublished;
  boolean callbackRequested;
  final ArrayDeque<Pending> pending;
  String then;
  int steps;

  SessionState(CallInfo call, SessionContext context, String language, ZoneId zone) {
    this.call = call;
    this.context = context;
    this.language = language;
    this.zone = zone;
    this.attributes = new LinkedHashMap<>();
    this.skills = new LinkedHashMap<>();
    this.pending = new ArrayDeque<>();
  }

  private SessionState(SessionState o) {
    this.call = o.call;
    this.context = o.context;
    this.language = o.language;
    this.zone = o.zone;
    this.node = o.node;
    this.awaiting = o.awaiting;
    this.attempt = o.attempt;
    this.attributes = new LinkedHashMap<>(o.attributes);
    this.skills = new LinkedHashMap<>(o.skills);
    this.priority = o.priority;
    this.queue = o.queue;
    this.contactPublished = o.contactPublished;
    this.callbackRequested = o.callbackRequested;
    this.pending = new ArrayDeque<>(o.pending);
    this.then = o.then;
    this.steps = o.steps;
  }

  SessionState copy() {
    return new SessionState(this);
  }

  /** The call this session serves. */
  public CallInfo call() {
    return call;
  }

  /** The caller's current prompt language. */
  public String language() {
    return language;
  }

  /** The node the caller is in (the last menu, collect or queue node entered), or empty. */
  public String node() {
    return node;
  }

  /** What the contact will carry (collected digits, customer data, set attributes). */
  public Map<String, String> attributes() {
    return Collections.unmodifiableMap(attributes);
  }

  /** Extra skills and levels set so far. */
  public Map<String, Integer> skills() {
    return Collections.unmodifiableMap(skills);
  }

  /** The contact's priority so far. */
  public int priority() {
    return priority;
  }

  /** The queue chosen so far, or empty. */
  public String queue() {
    return queue;
  }

  /** True once the router accepted this call's {@code ContactArrived}. */
  public boolean contactPublished() {
    return contactPublished;
  }

  /** True once the router accepted a callback request for this call. */
  public boolean callbackRequested() {
    return callbackRequested;
  }

  /** How many steps the engine has emitted in this session. */
  public int steps() {
    return steps;
  }

  /** True when the session has ended (the last step was terminal). */
  public boolean finished() {
    return awaiting == Awaiting.END;
  }

  @Override
  public String toString() {
    return "SessionState[" + call.contactId() + " node=" + node + " awaiting=" + awaiting + "]";
  }
}
