package dev.switchboard.router.engine;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.RouterEvent;
import java.util.List;

/**
 * The agent side of the engine: state transitions (login, ready, pause, wrap-up, logout, device and
 * PBX link changes) and keeping each agent's place in the available pools in step with them.
 * Whenever an agent becomes able to take something it could not take before, it is offered the best
 * waiting contact at once, so no qualified agent idles while a contact it could take waits.
 */
final class AgentLifecycle {

  private final RoutingStateMachine engine;
  private final EngineState s;

  AgentLifecycle(RoutingStateMachine engine) {
    this.engine = engine;
    this.s = engine.s;
  }

  void setState(AgentRuntime a, AgentState state, String reason, String contactId) {
    AgentState previous = a.state;
    a.state = state;
    a.pauseReason = state == AgentState.PAUSED ? reason : "";
    engine.sink().agentStateChanged(engine.now(), a.id, previous, state, a.pauseReason, contactId);
  }

  /**
   * Recomputes the agent's pool membership. An agent entering a pool it was not in becomes
   * available now ({@code availableSinceMs}) and is offered the best contact it qualifies for.
   */
  void refresh(AgentRuntime a, String trigger) {
    boolean wasVoice = a.inVoicePool;
    boolean wasChat = a.inChatPool;
    boolean voice = s.voiceAvailable(a);
    boolean chat = s.chatAvailable(a);
    if (voice == wasVoice && chat == wasChat) {
      return;
    }
    s.index.removeAgent(a);
    boolean entered = (voice && !wasVoice) || (chat && !wasChat);
    if (entered) {
      a.availableSinceMs = engine.now();
    }
    s.index.addAgent(a, voice, chat);
    if (entered) {
      engine.offerToAgent(a, trigger);
    }
  }

  /**
   * The offer to {@code a} was withdrawn through no fault of the agent (abandon, link, removal).
   */
  void afterOfferWithdrawn(AgentRuntime a, boolean match) {
    if (a.holdsAnything()) {
      setState(a, AgentState.BUSY, "", "");
    } else if (a.pendingPause != null) {
      String reason = a.pendingPause;
      a.pendingPause = null;
      setState(a, AgentState.PAUSED, reason, "");
    } else {
      setState(a, AgentState.READY, "", "");
    }
    if (match) {
      refresh(a, RoutingStateMachine.TRIGGER_AGENT);
    }
  }

  /** The agent did not take an offer: paused with {@code reason} (after its other work, if any). */
  void offerFailed(AgentRuntime a, String reason, String contactId) {
    if (a.holdsAnything()) {
      a.pendingPause = reason;
      setState(a, AgentState.BUSY, "", contactId);
    } else {
      a.pendingPause = null;
      setState(a, AgentState.PAUSED, reason, contactId);
    }
    refresh(a, RoutingStateMachine.TRIGGER_AGENT);
  }

  /** A contact the agent held ended after {@code talkMs}. */
  void contactEnded(AgentRuntime a, ContactRuntime c, long talkMs) {
    if (a.voice == c) {
      a.voice = null;
    } else {
      a.chats.remove(c);
    }
    a.talkMs += talkMs;
    if (a.state == AgentState.BUSY && !a.holdsAnything()) {
      int wrapUpSeconds = c.wrapUpSeconds;
      if (wrapUpSeconds > 0) {
        s.index.removeAgent(a);
        a.wrapUpEndMs = engine.now() + wrapUpSeconds * 1000L;
        a.wrapUpContactId = c.id;
        s.timers.push(a.wrapUpEndMs, RoutingStateMachine.TIMER_WRAP_UP, a.index, a.index);
        setState(a, AgentState.WRAP_UP, "", c.id);
        return;
      }
      finishWork(a);
      return;
    }
    if (a.inChatPool) {
      // Talk time is the least-occupied key: re-place the agent under its new key.
      s.index.removeAgent(a);
      s.index.addAgent(a, false, true);
    } else {
      refresh(a, RoutingStateMachine.TRIGGER_AGENT);
    }
  }

  /** Work is over (wrap-up ended or none): the deferred pause applies, else the agent is ready. */
  private void finishWork(AgentRuntime a) {
    a.wrapUpEndMs = 0;
    a.wrapUpContactId = "";
    if (a.pendingPause != null) {
      String reason = a.pendingPause;
      a.pendingPause = null;
      setState(a, AgentState.PAUSED, reason, "");
    } else {
      setState(a, AgentState.READY, "", "");
    }
    refresh(a, RoutingStateMachine.TRIGGER_AGENT);
  }

  void wrapUpTimer(int index, long dueMs) {
    if (index >= s.agents.length) {
      return;
    }
    AgentRuntime a = s.agents[index];
    if (a.state == AgentState.WRAP_UP && a.wrapUpEndMs == dueMs) {
      finishWork(a);
    }
  }

  private AgentRuntime find(Command cmd, String agentId) {
    AgentRuntime a = s.agentById.get(agentId);
    if (a == null) {
      engine.reject(cmd, "unknown-agent", "no agent " + agentId);
    }
    return a;
  }

  private void wrongState(Command cmd, AgentRuntime a) {
    engine.reject(cmd, "wrong-state", "agent " + a.id + " is " + a.state);
  }

  void onLogin(Command.AgentLogin cmd) {
    AgentRuntime a = find(cmd, cmd.agentId());
    if (a == null) {
      return;
    }
    if (a.state != AgentState.LOGGED_OUT) {
      wrongState(cmd, a);
      return;
    }
    a.talkMs = 0;
    a.pendingPause = null;
    setState(a, AgentState.PAUSED, "login", "");
  }

  void onReady(Command.AgentReady cmd) {
    AgentRuntime a = find(cmd, cmd.agentId());
    if (a == null) {
      return;
    }
    switch (a.state) {
      case PAUSED -> {
        setState(a, AgentState.READY, "", "");
        refresh(a, RoutingStateMachine.TRIGGER_AGENT);
      }
      case WRAP_UP -> {
        a.pendingPause = null;
        finishWork(a);
      }
      case RESERVED, BUSY -> {
        if (a.pendingPause == null) {
          wrongState(cmd, a);
          return;
        }
        a.pendingPause = null;
        refresh(a, RoutingStateMachine.TRIGGER_AGENT);
      }
      case READY, LOGGED_OUT -> wrongState(cmd, a);
    }
  }

  void onPause(Command.AgentPause cmd) {
    AgentRuntime a = find(cmd, cmd.agentId());
    if (a == null) {
      return;
    }
    switch (a.state) {
      case READY -> {
        setState(a, AgentState.PAUSED, cmd.reason(), "");
        refresh(a, RoutingStateMachine.TRIGGER_AGENT);
      }
      case PAUSED -> {
        if (a.pauseReason.equals(cmd.reason())) {
          wrongState(cmd, a);
          return;
        }
        setState(a, AgentState.PAUSED, cmd.reason(), "");
      }
      case RESERVED, BUSY, WRAP_UP -> {
        a.pendingPause = cmd.reason();
        refresh(a, RoutingStateMachine.TRIGGER_AGENT);
      }
      case LOGGED_OUT -> wrongState(cmd, a);
    }
  }

  void onLogout(Command.AgentLogout cmd) {
    AgentRuntime a = find(cmd, cmd.agentId());
    if (a == null) {
      return;
    }
    if (a.state == AgentState.LOGGED_OUT) {
      wrongState(cmd, a);
      return;
    }
    ContactRuntime offered = remove(a, "logout");
    if (offered != null) {
      engine.requeue(offered);
    }
  }

  /**
   * Logs an agent out: an offer ringing it is revoked (returned for the caller to re-queue),
   * contacts it talks to carry on without it.
   */
  ContactRuntime remove(AgentRuntime a, String reason) {
    ContactRuntime offered = a.offered;
    if (offered != null) {
      a.offered = null;
      engine.sink().offerRevoked(engine.now(), offered.id, a.id, reason);
    }
    if (a.voice != null) {
      a.voice.agent = null;
      a.voice = null;
    }
    for (ContactRuntime c : a.chats) {
      c.agent = null;
    }
    a.chats.clear();
    a.pendingPause = null;
    a.wrapUpEndMs = 0;
    a.wrapUpContactId = "";
    s.index.removeAgent(a);
    if (a.state != AgentState.LOGGED_OUT) {
      setState(a, AgentState.LOGGED_OUT, "", "");
    }
    return offered;
  }

  void onSkillsChanged(Command.AgentSkillsChanged cmd) {
    AgentRuntime a = find(cmd, cmd.agentId());
    if (a == null) {
      return;
    }
    AgentConfiguration old = a.config;
    a.config =
        new AgentConfiguration(
            old.id(), old.name(), old.pbxId(), old.extension(), cmd.skills(), old.chatCapacity());
    engine.emit(new RouterEvent.AgentConfigured(engine.now(), a.config));
    boolean voice = a.inVoicePool;
    boolean chat = a.inChatPool;
    s.index.removeAgent(a);
    a.profile = s.index.profileFor(a.config.skills());
    s.index.addAgent(a, voice, chat);
    if (voice || chat) {
      engine.offerToAgent(a, RoutingStateMachine.TRIGGER_CONFIGURATION);
    }
  }

  void onWrapUpDone(Command.WrapUpDone cmd) {
    AgentRuntime a = find(cmd, cmd.agentId());
    if (a == null) {
      return;
    }
    if (a.state != AgentState.WRAP_UP) {
      wrongState(cmd, a);
      return;
    }
    finishWork(a);
  }

  void onDeviceState(Command.AgentDeviceState cmd) {
    AgentRuntime a = s.agentByDevice.get(EngineState.deviceKey(cmd.pbxId(), cmd.device()));
    if (a == null) {
      engine.reject(
          cmd, "unknown-device", "no agent has device " + cmd.device() + " on " + cmd.pbxId());
      return;
    }
    a.device = cmd.state();
    refresh(a, RoutingStateMachine.TRIGGER_AGENT);
  }

  void onPbxLink(Command.PbxLinkChanged cmd) {
    engine.emit(new RouterEvent.PbxLinkChanged(engine.now(), cmd.pbxId(), cmd.up()));
    List<AgentRuntime> onPbx = s.agentsByPbx.getOrDefault(cmd.pbxId(), List.of());
    if (cmd.up()) {
      if (s.pbxDown.remove(cmd.pbxId())) {
        for (AgentRuntime a : onPbx) {
          refresh(a, RoutingStateMachine.TRIGGER_AGENT);
        }
      }
      return;
    }
    if (!s.pbxDown.add(cmd.pbxId())) {
      return;
    }
    for (AgentRuntime a : onPbx) {
      refresh(a, RoutingStateMachine.TRIGGER_AGENT);
    }
    for (AgentRuntime a : onPbx) {
      ContactRuntime c = a.offered;
      if (c != null) {
        a.offered = null;
        engine.sink().offerRevoked(engine.now(), c.id, a.id, "pbx down");
        afterOfferWithdrawn(a, true);
        engine.requeue(c);
      }
    }
  }
}
