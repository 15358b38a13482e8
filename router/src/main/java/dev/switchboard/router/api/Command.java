package dev.switchboard.router.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command into the router: the closed set of things that can change routing state. Producers hand
 * commands to a {@link CommandPublisher}, which stamps each with the time it was published; the
 * router applies them one at a time, in ring order, on one thread, after they are journaled.
 *
 * <p>Commands about unknown contacts or agents are not errors of the router: they are answered with
 * a {@link RouterEvent.CommandRejected} event and change nothing, because an adapter may see
 * duplicated or stale input (a hangup after a resync, a double click in the console).
 */
public sealed interface Command {

  /**
   * A contact enters routing (the IVR handed a call over, a chat opened).
   *
   * @param contactId unique id (the CTI adapter uses {@code pbxId + ":" + Uniqueid})
   * @param queueId the queue it is for
   * @param type call, callback or chat
   * @param priority 0 = normal; higher is served sooner (VIP tiers, complaints)
   * @param extraSkills skills it needs beyond the queue's (language, product, tier)
   * @param language a language tag, or empty
   * @param callerId the caller's number, or empty
   * @param pbxId the PBX the call is on, or empty for chats
   * @param channel the caller's channel name on that PBX, or empty
   * @param originalArrivalMs when it first arrived, if earlier than now (a transfer from another
   *     system, a re-submission after a resync); 0 = now
   * @param attributes what the IVR learned (account, tier…), carried to the agent's screen
   */
  record ContactArrived(
      String contactId,
      String queueId,
      ContactType type,
      int priority,
      List<SkillRequirement> extraSkills,
      String language,
      String callerId,
      String pbxId,
      String channel,
      long originalArrivalMs,
      Map<String, String> attributes)
      implements Command {
    public ContactArrived {
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(queueId, "queueId");
      Objects.requireNonNull(type, "type");
      extraSkills = List.copyOf(extraSkills);
      language = language == null ? "" : language;
      callerId = callerId == null ? "" : callerId;
      pbxId = pbxId == null ? "" : pbxId;
      channel = channel == null ? "" : channel;
      attributes = Map.copyOf(attributes);
    }

    /** A plain call: no extra skills, no attributes. */
    public static ContactArrived call(String contactId, String queueId, int priority) {
      return new ContactArrived(
          contactId, queueId, ContactType.CALL, priority, List.of(), "", "", "", "", 0, Map.of());
    }
  }

  /**
   * The caller left (or the contact was lost) before being answered. For a contact that is already
   * talking the router treats this as {@link ContactEnded}.
   *
   * @param reason why it left
   * @param hangupCause the Q.850 cause from the PBX, 0 if none
   */
  record ContactAbandoned(String contactId, AbandonReason reason, int hangupCause)
      implements Command {
    public ContactAbandoned {
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * An offer was not taken: the agent did not answer in time, was busy, or the action that should
   * have rung it failed. The contact goes back to its original place; the agent is made not ready
   * (reason {@code "no answer"} or {@code "busy"} or {@code "offer failed"}).
   */
  record OfferFailed(String contactId, String agentId, OfferFailure failure) implements Command {
    public OfferFailed {
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(agentId, "agentId");
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** The agent answered the offered contact (caller and agent are bridged). */
  record ContactAnswered(String contactId, String agentId) implements Command {
    public ContactAnswered {
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(agentId, "agentId");
    }
  }

  /**
   * The conversation is over (either side hung up). The agent goes to wrap-up. For a contact that
   * was never answered the router treats this as {@link ContactAbandoned}.
   */
  record ContactEnded(String contactId) implements Command {
    public ContactEnded {
      Objects.requireNonNull(contactId, "contactId");
    }
  }

  /** A waiting contact moves to another queue, keeping its original arrival time. */
  record ContactTransferred(String contactId, String toQueueId) implements Command {
    public ContactTransferred {
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(toQueueId, "toQueueId");
    }
  }

  /**
   * The caller chose to be called back: the contact becomes a callback, keeps its place, and its
   * caller's hangup no longer abandons it.
   *
   * @param number the number to call back
   * @param notBeforeMs do not offer before this time (0 = as soon as an agent is free)
   */
  record CallbackRequested(String contactId, String number, long notBeforeMs) implements Command {
    public CallbackRequested {
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(number, "number");
    }
  }

  /** A caller's 1–5 satisfaction score after the conversation; passed through to statistics. */
  record SurveyRecorded(String contactId, int score) implements Command {
    public SurveyRecorded {
      Objects.requireNonNull(contactId, "contactId");
      if (score < 1 || score > 5) {
        throw new IllegalArgumentException("score must be 1-5, got " + score);
      }
    }
  }

  /** An agent logs in (paused with reason {@code "login"} until it goes ready). */
  record AgentLogin(String agentId) implements Command {
    public AgentLogin {
      Objects.requireNonNull(agentId, "agentId");
    }
  }

  /** An agent is ready for contacts (also ends a pause and a wrap-up early). */
  record AgentReady(String agentId) implements Command {
    public AgentReady {
      Objects.requireNonNull(agentId, "agentId");
    }
  }

  /**
   * An agent pauses. While busy or in wrap-up the pause applies when the current work ends.
   *
   * @param reason break, lunch, training… shown on the wallboard
   */
  record AgentPause(String agentId, String reason) implements Command {
    public AgentPause {
      Objects.requireNonNull(agentId, "agentId");
      reason = reason == null || reason.isBlank() ? "pause" : reason;
    }
  }

  /** An agent logs out; an offer ringing it is withdrawn and its contact re-queued. */
  record AgentLogout(String agentId) implements Command {
    public AgentLogout {
      Objects.requireNonNull(agentId, "agentId");
    }
  }

  /** A supervisor changes an agent's skills (skill → level 1–10), effective at once. */
  record AgentSkillsChanged(String agentId, Map<String, Integer> skills) implements Command {
    public AgentSkillsChanged {
      Objects.requireNonNull(agentId, "agentId");
      skills = AgentConfiguration.validSkills(skills);
    }
  }

  /** The agent finished after-call work before the wrap-up time ran out. */
  record WrapUpDone(String agentId) implements Command {
    public WrapUpDone {
      Objects.requireNonNull(agentId, "agentId");
    }
  }

  /**
   * An agent phone's state changed on a PBX. An agent whose phone is in use (a private call) is not
   * offered contacts until it is free again.
   *
   * @param device the device or extension as configured for the agent ({@code agent01})
   */
  record AgentDeviceState(String pbxId, String device, DeviceState state) implements Command {
    public AgentDeviceState {
      Objects.requireNonNull(pbxId, "pbxId");
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(state, "state");
    }
  }

  /** A PBX link went down or came back; agents on a PBX that is down are not offered contacts. */
  record PbxLinkChanged(String pbxId, boolean up) implements Command {
    public PbxLinkChanged {
      Objects.requireNonNull(pbxId, "pbxId");
    }
  }

  /** Replaces the whole configuration; waiting contacts keep their place. */
  record ConfigurationChanged(RouterConfiguration configuration) implements Command {
    public ConfigurationChanged {
      Objects.requireNonNull(configuration, "configuration");
    }
  }

  /** Adds or changes one queue at run time (SL target, escalation, policy…). */
  record QueueChanged(QueueConfiguration queue) implements Command {
    public QueueChanged {
      Objects.requireNonNull(queue, "queue");
    }
  }

  /**
   * A supervisor switches an emergency announcement on or off; journaled so that a restart keeps
   * it, and passed to the IVR as an event.
   *
   * @param scope an IVR entry point, or {@code "*"} for all
   */
  record AnnouncementChanged(String scope, boolean active, String prompt) implements Command {
    public AnnouncementChanged {
      Objects.requireNonNull(scope, "scope");
      prompt = prompt == null ? "" : prompt;
    }
  }

  /** Time passes: fires escalation steps, ring timeouts, wrap-up ends, maximum waits, callbacks. */
  record Tick() implements Command {}

  /** The one Tick: it carries nothing but the envelope's timestamp. */
  Tick TICK = new Tick();
}
