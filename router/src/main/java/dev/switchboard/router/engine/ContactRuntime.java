package dev.switchboard.router.engine;

import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.SkillRequirement;
import java.util.List;
import java.util.Map;

/** The engine's mutable record of one contact in routing. Engine-internal. */
final class ContactRuntime {

  /** Where a contact is in its life; terminal contacts are forgotten. */
  enum Phase {
    /** Eligible and waiting for an agent (it sits in its bucket). */
    WAITING(1),
    /** A callback whose not-before time has not come; waits but is not offered. */
    SCHEDULED(2),
    /** Offered to an agent that has not answered yet. */
    OFFERED(3),
    /** Answered; talking or chatting. */
    TALKING(4);

    final int code;

    Phase(int code) {
      this.code = code;
    }

    static Phase fromCode(int code) {
      for (Phase p : values()) {
        if (p.code == code) {
          return p;
        }
      }
      throw new IllegalArgumentException("unknown phase code " + code);
    }
  }

  /** Reused array slot; handles in heaps and trees. Set again when the record is recycled. */
  int slot;

  /** Arrival sequence number: unique, the final tie-break of every contact order. */
  long seq;

  String id;
  QueueRuntime queue;

  /** The queue id, kept for talking contacts whose queue was removed by a reconfiguration. */
  String queueId;

  ContactType type;
  int priority;
  List<SkillRequirement> extraSkills;
  String language;
  String callerId;
  String pbxId;
  String channel;
  Map<String, String> attributes;

  long arrivedAtMs;
  long enteredQueueAtMs;
  long rankKeyMs;
  int stepsApplied;
  Phase phase;

  AgentRuntime agent;
  String agentId = "";
  long answeredAtMs;

  /** The wrap-up its agent gets when it ends, fixed when it is answered. */
  int wrapUpSeconds;

  String callbackNumber = "";
  long notBeforeMs;

  /** Timer due times, 0 when not scheduled. */
  long escalationDueMs;

  long maxWaitDueMs;
  long ringDueMs;
  long callbackDueMs;

  /** The bucket it waits in (only while WAITING). */
  Bucket bucket;

  /** Interned id of its extra-skill set, for bucket keys. */
  int extraProfile;

  ContactRuntime(int slot) {
    this.slot = slot;
  }

  /** Back to the state of a new record in {@code newSlot}, so a released record can be reused. */
  void reset(int newSlot) {
    slot = newSlot;
    seq = 0;
    id = null;
    queue = null;
    queueId = null;
    type = null;
    priority = 0;
    extraSkills = null;
    language = null;
    callerId = null;
    pbxId = null;
    channel = null;
    attributes = null;
    arrivedAtMs = 0;
    enteredQueueAtMs = 0;
    rankKeyMs = 0;
    stepsApplied = 0;
    phase = null;
    agent = null;
    agentId = "";
    answeredAtMs = 0;
    wrapUpSeconds = 0;
    callbackNumber = "";
    notBeforeMs = 0;
    escalationDueMs = 0;
    maxWaitDueMs = 0;
    ringDueMs = 0;
    callbackDueMs = 0;
    bucket = null;
    extraProfile = 0;
  }
}
