package dev.switchboard.cti;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DeviceState;
import dev.switchboard.router.api.OfferFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one PBX's calls mean for routing: the contacts the router told the adapter about (queued,
 * offered, answered) joined with the channels AMI reports, and the rules that turn a channel event
 * into at most one router command.
 *
 * <p>Written from three threads (asterisk-java's event thread, the router's dispatch thread, the
 * link thread during resync), so every method is {@code synchronized}. The critical sections are a
 * few hash-map operations and never do I/O, so the lock is never held for long; a single monitor
 * keeps "publish once" decisions atomic, which is the whole point of this class.
 *
 * <p>Invariants: for one contact at most one {@code ContactAnswered} and at most one terminal
 * command ({@code ContactAbandoned} or {@code ContactEnded}) leave this class, and nothing after
 * the terminal one. Events about channels it does not track are counted, never fatal.
 */
final class CallTracker {

  private static final int FINISHED_MEMORY = 1 << 14;

  /** Where a tracked contact stands, as far as this PBX is concerned. */
  enum Phase {
    WAITING,
    OFFERED,
    TALKING
  }

  /** One contact on this PBX. */
  static final class Contact {
    final String contactId;
    final String callerUid;
    final long trackedEpoch;
    String callerChannel = "";
    boolean callback;
    Phase phase = Phase.WAITING;
    String agentId = "";
    String agentExtension = "";
    String agentUid;
    String agentChannel;
    String customerUid;
    boolean agentLegUp;

    Contact(String contactId, String callerUid, long trackedEpoch) {
      this.contactId = contactId;
      this.callerUid = callerUid;
      this.trackedEpoch = trackedEpoch;
    }
  }

  /** What to stop when an offer is revoked. */
  record RevokeTarget(String agentChannel, String callerChannel) {}

  private final String pbxId;
  private final String prefix;
  private final Map<String, Contact> byContactId = new LinkedHashMap<>();
  private final Map<String, Contact> byUid = new HashMap<>();
  private final Map<String, String> agentDevices = new HashMap<>();
  private final Map<String, Boolean> finishedUids =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > FINISHED_MEMORY;
        }
      };

  /**
   * Callers that hung up before the router told this adapter about their contact (the IVR publishes
   * ContactArrived straight to the router), uid → hangup cause: the contact is abandoned as soon as
   * the router reports it, or it would wait forever for a channel that is gone.
   */
  private final Map<String, Integer> hungUpEarly =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > FINISHED_MEMORY;
        }
      };

  private long epoch;

  CallTracker(String pbxId) {
    this.pbxId = pbxId;
    this.prefix = pbxId + ":";
  }

  String pbxId() {
    return pbxId;
  }

  /** The contact id of a caller channel on this PBX. */
  String contactIdOf(String uniqueId) {
    return prefix + uniqueId;
  }

  // ---------------------------------------------------------------- router side

  /**
   * The router queued (or re-queued) a contact. Returns the abandon to publish if its caller hung
   * up before the router reported it, DUPLICATE if it is already over here, else IGNORED.
   */
  synchronized Translation onQueued(String contactId, String channel, ContactType type) {
    Command early = abandonIfHungUpEarly(contactId, type);
    if (early != null) {
      return Translation.of(early);
    }
    Contact c = contact(contactId, true);
    if (c == null) {
      return Translation.DUPLICATE;
    }
    if (!channel.isEmpty()) {
      c.callerChannel = channel;
    }
    if (type == ContactType.CALLBACK) {
      c.callback = true;
    }
    if (c.phase != Phase.TALKING) {
      clearOffer(c);
    }
    return Translation.IGNORED;
  }

  /**
   * The router offered a contact to an agent. Returns IGNORED when the agent is to be rung; a
   * command (the caller hung up before the router reported the contact) to publish instead of
   * ringing; DUPLICATE when the contact already left (its terminal command is on its way to the
   * router) or is talking, so the agent must not be rung.
   */
  synchronized Translation onOffered(
      String contactId, String agentId, String agentExtension, ContactType type, String channel) {
    Command early = abandonIfHungUpEarly(contactId, type);
    if (early != null) {
      return Translation.of(early);
    }
    Contact c = contact(contactId, true);
    if (c == null && type == ContactType.CALLBACK) {
      c = reviveCallback(contactId);
    }
    if (c == null || c.phase == Phase.TALKING) {
      return Translation.DUPLICATE;
    }
    clearOffer(c);
    if (!channel.isEmpty() && type == ContactType.CALL) {
      c.callerChannel = channel;
    }
    c.callback = c.callback || type == ContactType.CALLBACK;
    c.phase = Phase.OFFERED;
    c.agentId = agentId;
    c.agentExtension = agentExtension;
    return Translation.IGNORED;
  }

  /** The router withdrew an offer; returns what to stop ringing, or null if nothing rings. */
  synchronized RevokeTarget onRevoked(String contactId, String agentId) {
    Contact c = byContactId.get(contactId);
    if (c == null || c.phase != Phase.OFFERED || !c.agentId.equals(agentId)) {
      return null;
    }
    RevokeTarget target = new RevokeTarget(c.agentChannel, c.callback ? null : c.callerChannel);
    clearOffer(c);
    return target;
  }

  /** The router recorded an answer (possibly reported by this adapter). */
  synchronized void onRouterAnswered(String contactId) {
    Contact c = byContactId.get(contactId);
    if (c != null) {
      c.phase = Phase.TALKING;
    }
  }

  /** The contact became a callback: its caller hanging up no longer abandons it. */
  synchronized void onCallbackRegistered(String contactId) {
    Contact c = byContactId.get(contactId);
    if (c == null) {
      reviveCallback(contactId);
    } else {
      c.callback = true;
    }
  }

  /**
   * Tracks again a callback the router keeps while this tracker had closed it. A caller who accepts
   * a callback mid-wait hangs up right after the IVR asked the router for it, and that hangup can
   * reach the adapter before the router's {@code CallbackRegistered}: the tracker then reported an
   * abandon, which the router ignores for a callback. The router is right; without this, every
   * later offer of the callback was taken for a contact already gone, no agent was rung and the
   * callback never happened. The caller's leg is over, so none is bound.
   */
  private Contact reviveCallback(String contactId) {
    finishedUids.remove(contactId);
    Contact c = new Contact(contactId, null, ++epoch);
    c.callback = true;
    byContactId.put(contactId, c);
    return c;
  }

  /** The router ended the contact (abandoned, ended, overflowed): forget it. */
  synchronized void onRouterTerminal(String contactId) {
    Contact c = byContactId.get(contactId);
    if (c != null) {
      forget(c);
    }
  }

  /**
   * An agent's device on this PBX, spelled as configured ({@code agent01} or {@code
   * PJSIP/agent01}).
   */
  synchronized void onAgentConfigured(String extension) {
    String resource = extension.contains("/") ? AmiVocabulary.resourceOf(extension) : extension;
    agentDevices.put(resource.toLowerCase(Locale.ROOT), extension);
  }

  synchronized boolean tracks(String contactId) {
    return byContactId.containsKey(contactId);
  }

  /** The caller channel of a tracked contact, or null. */
  synchronized String callerChannel(String contactId) {
    Contact c = byContactId.get(contactId);
    return c == null || c.callerChannel.isEmpty() ? null : c.callerChannel;
  }

  /** True if the offer to this agent is still the current one (an action result still matters). */
  synchronized boolean isOffered(String contactId, String agentId) {
    Contact c = byContactId.get(contactId);
    return c != null && c.phase == Phase.OFFERED && c.agentId.equals(agentId);
  }

  // ---------------------------------------------------------------- AMI side

  /** A channel hung up. */
  synchronized Translation onHangup(String uid, String linkedId, int cause) {
    Contact c = byUid.get(uid);
    if (c == null) {
      Translation t = unknownOrDuplicate(uid, linkedId);
      if (t == Translation.UNKNOWN_CHANNEL
          && (linkedId == null || linkedId.isEmpty() || linkedId.equals(uid))) {
        // An originating channel: maybe a caller whose contact the router has not reported yet.
        hungUpEarly.put(uid, Math.max(0, cause));
      }
      return t;
    }
    if (uid.equals(c.callerUid)) {
      return switch (c.phase) {
        case TALKING -> terminal(c, new Command.ContactEnded(c.contactId));
        case WAITING, OFFERED ->
            c.callback
                ? Translation.IGNORED
                : terminal(
                    c,
                    new Command.ContactAbandoned(
                        c.contactId, AbandonReason.CALLER_HANGUP, Math.max(0, cause)));
      };
    }
    // An agent leg (or a callback's customer leg).
    if (c.phase == Phase.TALKING) {
      return terminal(c, new Command.ContactEnded(c.contactId));
    }
    if (c.callback && c.phase == Phase.OFFERED && c.agentLegUp) {
      // The agent took the callback but the customer was never reached: the attempt is over.
      return terminal(
          c, new Command.ContactAbandoned(c.contactId, AbandonReason.SYSTEM, Math.max(0, cause)));
    }
    // A ringing leg torn down after a no-answer, busy or cancel: reported by other events.
    unbindLeg(c, uid);
    return Translation.IGNORED;
  }

  /** Dial started: binds the agent leg (or a callback's customer leg) to the contact. */
  synchronized Translation onDialBegin(String uid, String destUid, String destChannel) {
    if (destUid == null) {
      return Translation.IGNORED;
    }
    if (uid == null) {
      // The originate leg of a callback names only its destination: the agent's phone.
      for (Contact cb : byContactId.values()) {
        if (cb.callback
            && cb.phase == Phase.OFFERED
            && cb.agentUid == null
            && isAgentChannel(cb, destChannel)) {
          bindAgentLeg(cb, destUid, destChannel);
          break;
        }
      }
      return Translation.IGNORED;
    }
    Contact c = byUid.get(uid);
    if (c == null) {
      return unknownOrDuplicate(uid, null);
    }
    if (c.phase != Phase.OFFERED) {
      return Translation.IGNORED;
    }
    if (uid.equals(c.callerUid) && !c.callback) {
      if (isAgentChannel(c, destChannel)) {
        bindAgentLeg(c, destUid, destChannel);
      }
    } else if (uid.equals(c.agentUid)) {
      c.customerUid = destUid;
      byUid.put(destUid, c);
    }
    return Translation.IGNORED;
  }

  /**
   * Dial ended; only ANSWER matters here (a failed dial is reported by the dialplan's UserEvent).
   */
  synchronized Translation onDialEnd(
      String uid, String destUid, String destChannel, String dialStatus) {
    if (uid == null) {
      // The originate leg of a callback: its DialEnd names only the destination (the agent).
      return Translation.IGNORED;
    }
    Contact c = byUid.get(uid);
    if (c == null) {
      return unknownOrDuplicate(uid, null);
    }
    if (!"ANSWER".equalsIgnoreCase(dialStatus)) {
      return Translation.IGNORED;
    }
    if (c.phase == Phase.TALKING) {
      return Translation.DUPLICATE;
    }
    if (c.phase != Phase.OFFERED) {
      return Translation.IGNORED;
    }
    if (uid.equals(c.callerUid) && !c.callback) {
      if (destChannel != null && !isAgentChannel(c, destChannel)) {
        return Translation.IGNORED;
      }
      if (destUid != null) {
        bindAgentLeg(c, destUid, destChannel);
      }
      return answered(c);
    }
    if (uid.equals(c.agentUid) && c.callback) {
      if (destUid != null) {
        c.customerUid = destUid;
        byUid.put(destUid, c);
      }
      return answered(c);
    }
    return Translation.IGNORED;
  }

  /** A channel entered a bridge: the caller and the offered agent are talking. */
  synchronized Translation onBridgeEnter(String uid, String linkedId, String channel) {
    Contact c = byUid.get(uid);
    if (c == null && linkedId != null) {
      Contact byLink = byUid.get(linkedId);
      if (byLink != null
          && !uid.equals(linkedId)
          && byLink.phase == Phase.OFFERED
          && !byLink.callback
          && isAgentChannel(byLink, channel)) {
        bindAgentLeg(byLink, uid, channel);
        c = byLink;
      }
    }
    if (c == null) {
      return unknownOrDuplicate(uid, linkedId);
    }
    return switch (c.phase) {
      case TALKING -> Translation.DUPLICATE;
      case WAITING -> Translation.IGNORED;
      case OFFERED -> {
        boolean callbackReady = !c.callback || c.customerUid != null || uid.equals(c.agentUid);
        yield callbackReady ? answered(c) : Translation.IGNORED;
      }
    };
  }

  /** The dialplan reported that Dial to the agent failed (UserEvent SwitchboardNoAnswer). */
  synchronized Translation onNoAnswer(String callerUid, String agentExtension, String dialStatus) {
    Contact c = byUid.get(callerUid);
    if (c == null || !callerUid.equals(c.callerUid)) {
      return unknownOrDuplicate(callerUid, null);
    }
    if (c.phase != Phase.OFFERED) {
      return c.phase == Phase.WAITING ? Translation.DUPLICATE : Translation.IGNORED;
    }
    if (agentExtension != null
        && !agentExtension.isEmpty()
        && !agentExtension.equalsIgnoreCase(c.agentExtension)) {
      // A stale report about an earlier offer to another agent.
      return Translation.DUPLICATE;
    }
    String agentId = c.agentId;
    clearOffer(c);
    return Translation.of(
        new Command.OfferFailed(c.contactId, agentId, AmiVocabulary.failureOf(dialStatus)));
  }

  /** The async Originate of a callback finished (OriginateResponse). */
  synchronized Translation onOriginateResponse(
      String contactId, String agentId, boolean success, int reason, String uid, String channel) {
    Contact c = byContactId.get(contactId);
    if (c == null) {
      return finishedUids.containsKey(contactId)
          ? Translation.DUPLICATE
          : Translation.UNKNOWN_CHANNEL;
    }
    if (c.phase != Phase.OFFERED || !c.agentId.equals(agentId)) {
      return Translation.DUPLICATE;
    }
    if (success) {
      if (uid != null) {
        bindAgentLeg(c, uid, channel);
      }
      c.agentLegUp = true;
      return Translation.IGNORED;
    }
    clearOffer(c);
    return Translation.of(
        new Command.OfferFailed(contactId, agentId, AmiVocabulary.originateFailure(reason)));
  }

  /** The AMI action that should have rung the agent failed. */
  synchronized Translation onActionFailed(String contactId, String agentId) {
    Contact c = byContactId.get(contactId);
    if (c == null || c.phase != Phase.OFFERED || !c.agentId.equals(agentId)) {
      return Translation.DUPLICATE;
    }
    clearOffer(c);
    return Translation.of(new Command.OfferFailed(contactId, agentId, OfferFailure.ACTION_FAILED));
  }

  /**
   * An offer's Setvar or Redirect found no caller channel: the caller hung up, so the contact is
   * abandoned (the agent did nothing wrong). A callback's offer fails as any failed action does.
   */
  synchronized Translation onCallerChannelGone(String contactId, String agentId) {
    Contact c = byContactId.get(contactId);
    if (c == null || c.phase != Phase.OFFERED || !c.agentId.equals(agentId)) {
      return Translation.DUPLICATE;
    }
    if (c.callback) {
      return onActionFailed(contactId, agentId);
    }
    return terminal(c, new Command.ContactAbandoned(contactId, AbandonReason.CALLER_HANGUP, 0));
  }

  /** A device changed state; agent phones become {@code AgentDeviceState}. */
  synchronized Translation onDeviceState(String device, String state) {
    if (device == null || state == null) {
      return Translation.MALFORMED;
    }
    int slash = device.indexOf('/');
    if (slash <= 0 || slash == device.length() - 1 || device.indexOf(':') >= 0) {
      // Queue:support_avail, Custom:..., hints: not phones.
      return Translation.IGNORED;
    }
    String resource = AmiVocabulary.resourceOf(device);
    String configured;
    if (agentDevices.isEmpty()) {
      configured = resource;
    } else {
      configured = agentDevices.get(resource.toLowerCase(Locale.ROOT));
      if (configured == null) {
        return Translation.IGNORED;
      }
    }
    return Translation.of(
        new Command.AgentDeviceState(pbxId, configured, DeviceState.fromAsterisk(state)));
  }

  // ---------------------------------------------------------------- resync

  /**
   * Compares the tracked contacts with the channels live on the PBX after a reconnect. Contacts
   * registered after {@code snapshotEpoch} are skipped: their channels may be younger than the
   * listing.
   */
  synchronized List<Translation> reconcile(Map<String, LiveChannel> live, long snapshotEpoch) {
    List<Translation> out = new ArrayList<>();
    for (Contact c : List.copyOf(byContactId.values())) {
      if (c.trackedEpoch > snapshotEpoch) {
        continue;
      }
      LiveChannel caller = c.callerUid == null ? null : live.get(c.callerUid);
      boolean agentLive = c.agentUid != null && live.containsKey(c.agentUid);
      if (c.callback) {
        if (c.phase == Phase.OFFERED && c.agentUid != null && !agentLive) {
          out.add(lostOffer(c));
        } else if (c.phase == Phase.TALKING && !agentLive && !liveLeg(live, c.customerUid)) {
          out.add(terminal(c, new Command.ContactEnded(c.contactId)));
        }
        continue;
      }
      if (caller == null) {
        out.add(
            c.phase == Phase.TALKING
                ? terminal(c, new Command.ContactEnded(c.contactId))
                : terminal(
                    c,
                    new Command.ContactAbandoned(
                        c.contactId, AbandonReason.LOST_DURING_OUTAGE, 0)));
        continue;
      }
      switch (c.phase) {
        case WAITING -> {}
        case OFFERED -> {
          if (!caller.bridgeId().isEmpty()) {
            out.add(answered(c));
          } else if (!caller.exten().equalsIgnoreCase(AmiVocabulary.resourceOf(c.agentExtension))) {
            // No longer dialling the agent: the offer failed while the link was down.
            out.add(lostOffer(c));
          }
        }
        case TALKING -> {
          if (c.agentUid != null && !agentLive && caller.bridgeId().isEmpty()) {
            out.add(terminal(c, new Command.ContactEnded(c.contactId)));
          }
        }
      }
    }
    return out;
  }

  private static boolean liveLeg(Map<String, LiveChannel> live, String uid) {
    return uid != null && live.containsKey(uid);
  }

  /** The current epoch: contacts registered from now on are younger than a listing taken now. */
  synchronized long epoch() {
    return epoch;
  }

  /** How many contacts are tracked (for tests and status). */
  synchronized int size() {
    return byContactId.size();
  }

  // ---------------------------------------------------------------- helpers

  private Translation lostOffer(Contact c) {
    String agentId = c.agentId;
    clearOffer(c);
    return Translation.of(new Command.OfferFailed(c.contactId, agentId, OfferFailure.NO_ANSWER));
  }

  /**
   * The abandon for a contact the router reports for the first time although its caller already
   * hung up, or null. A callback's caller leaving is expected: it is never abandoned here.
   */
  private Command abandonIfHungUpEarly(String contactId, ContactType type) {
    if (!contactId.startsWith(prefix) || byContactId.containsKey(contactId)) {
      return null;
    }
    String callerUid = contactId.substring(prefix.length());
    Integer cause = hungUpEarly.remove(callerUid);
    if (cause == null || type == ContactType.CALLBACK || finishedUids.containsKey(contactId)) {
      return null;
    }
    finishedUids.put(contactId, Boolean.TRUE);
    finishedUids.put(callerUid, Boolean.TRUE);
    return new Command.ContactAbandoned(contactId, AbandonReason.CALLER_HANGUP, cause);
  }

  private Contact contact(String contactId, boolean create) {
    Contact c = byContactId.get(contactId);
    if (c != null || !create) {
      return c;
    }
    String callerUid = contactId.startsWith(prefix) ? contactId.substring(prefix.length()) : null;
    if (callerUid != null && finishedUids.containsKey(callerUid)) {
      return null;
    }
    if (finishedUids.containsKey(contactId)) {
      return null;
    }
    c = new Contact(contactId, callerUid, ++epoch);
    byContactId.put(contactId, c);
    if (callerUid != null) {
      byUid.put(callerUid, c);
    }
    return c;
  }

  private Translation answered(Contact c) {
    c.phase = Phase.TALKING;
    return Translation.of(new Command.ContactAnswered(c.contactId, c.agentId));
  }

  private Translation terminal(Contact c, Command command) {
    forget(c);
    return Translation.of(command);
  }

  private void forget(Contact c) {
    byContactId.remove(c.contactId);
    finishedUids.put(c.contactId, Boolean.TRUE);
    for (String uid : new String[] {c.callerUid, c.agentUid, c.customerUid}) {
      if (uid != null) {
        byUid.remove(uid, c);
        finishedUids.put(uid, Boolean.TRUE);
      }
    }
  }

  private void clearOffer(Contact c) {
    if (c.agentUid != null) {
      byUid.remove(c.agentUid, c);
    }
    if (c.customerUid != null) {
      byUid.remove(c.customerUid, c);
    }
    c.phase = Phase.WAITING;
    c.agentId = "";
    c.agentExtension = "";
    c.agentUid = null;
    c.agentChannel = null;
    c.customerUid = null;
    c.agentLegUp = false;
  }

  private void bindAgentLeg(Contact c, String uid, String channel) {
    if (c.agentUid != null && !c.agentUid.equals(uid)) {
      byUid.remove(c.agentUid, c);
    }
    c.agentUid = uid;
    c.agentChannel = channel;
    byUid.put(uid, c);
  }

  private void unbindLeg(Contact c, String uid) {
    byUid.remove(uid, c);
    if (uid.equals(c.agentUid)) {
      c.agentUid = null;
      c.agentChannel = null;
    }
    if (uid.equals(c.customerUid)) {
      c.customerUid = null;
    }
  }

  private Translation unknownOrDuplicate(String uid, String linkedId) {
    if (finishedUids.containsKey(uid) || (linkedId != null && finishedUids.containsKey(linkedId))) {
      return Translation.DUPLICATE;
    }
    if (linkedId != null && !linkedId.equals(uid) && byUid.containsKey(linkedId)) {
      // A leg of a tracked call that is not the current offer's (an earlier, failed offer).
      return Translation.IGNORED;
    }
    return Translation.UNKNOWN_CHANNEL;
  }

  /** True if {@code channel} (PJSIP/agent01-0000001) is a leg of the offered agent's device. */
  private static boolean isAgentChannel(Contact c, String channel) {
    return channel != null
        && !c.agentExtension.isEmpty()
        && AmiVocabulary.deviceOfChannel(channel)
            .equalsIgnoreCase(AmiVocabulary.resourceOf(c.agentExtension));
  }
}
