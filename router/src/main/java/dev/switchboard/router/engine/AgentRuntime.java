package dev.switchboard.router.engine;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.DeviceState;

/** The engine's mutable record of one agent. Engine-internal; only the engine thread touches it. */
final class AgentRuntime {
  /** Place in the configuration's agent list: the final tie-break of every agent choice. */
  int index;

  String id;
  AgentConfiguration config;
  AgentState state = AgentState.LOGGED_OUT;

  /** The pause reason while PAUSED, else empty. */
  String pauseReason = "";

  /** A pause asked for while busy, reserved or in wrap-up; applied when the work ends. */
  String pendingPause;

  DeviceState device = DeviceState.UNKNOWN;
  long availableSinceMs;
  long talkMs;
  long lastOfferSeq;

  /** The contact offered and ringing, or null. */
  ContactRuntime offered;

  /** The voice contact being talked to, or null. */
  ContactRuntime voice;

  /** Chats in progress (answered). */
  final java.util.ArrayList<ContactRuntime> chats = new java.util.ArrayList<>(2);

  /** When wrap-up ends (only meaningful in WRAP_UP). */
  long wrapUpEndMs;

  /** The contact whose wrap-up this is, for the state-change event. */
  String wrapUpContactId = "";

  /** The skill profile this agent belongs to, by identical skill map (index-maintained). */
  Profile profile;

  boolean inVoicePool;
  boolean inChatPool;

  AgentRuntime(int index, AgentConfiguration config) {
    this.index = index;
    this.id = config.id();
    this.config = config;
  }

  boolean holdsAnything() {
    return voice != null || !chats.isEmpty();
  }

  boolean holds(ContactRuntime c) {
    return voice == c || chats.contains(c);
  }

  boolean available() {
    return inVoicePool || inChatPool;
  }
}
