package dev.switchboard.router.engine;

import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.engine.ContactRuntime.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything the engine knows: configuration, agents, contacts, counters, and the indexes derived
 * from them. The indexes (profiles, buckets, pools, timers, queue trees) are a pure function of the
 * rest and are rebuilt by {@link #rebuildIndexes} after a reconfiguration or a snapshot load.
 */
final class EngineState implements MatchIndex.Handles {

  ContactSelection selection = ContactSelection.PRIORITY_AGE;
  List<QueueRuntime> queues = new ArrayList<>();
  final Map<String, QueueRuntime> queueById = new HashMap<>();
  AgentRuntime[] agents = new AgentRuntime[0];
  final Map<String, AgentRuntime> agentById = new HashMap<>();
  final Map<String, AgentRuntime> agentByDevice = new HashMap<>();
  final Map<String, List<AgentRuntime>> agentsByPbx = new HashMap<>();

  /** PBXs whose link is down; sorted so snapshots are canonical. */
  final TreeSet<String> pbxDown = new TreeSet<>();

  final ContactTable contactById = new ContactTable();
  private ContactRuntime[] slots = new ContactRuntime[64];

  /** Records released by the command being applied; reusable from the next one. */
  private ContactRuntime[] released = new ContactRuntime[16];

  private int releasedCount;

  /** Released records ready for reuse. */
  private ContactRuntime[] spare = new ContactRuntime[64];

  private int spareCount;
  private int[] freeSlots = new int[64];
  private int freeCount;
  private int slotHigh;
  private final Map<List<SkillRequirement>, Integer> extraProfiles = new HashMap<>();

  long contactSeq;
  long offerSeq;

  final MatchIndex index = new MatchIndex(this);
  final QueueOrder order;
  final TimerHeap timers = new TimerHeap();

  EngineState() {
    order = new QueueOrder(index.rankOrder());
  }

  @Override
  public AgentRuntime agent(int index) {
    return agents[index];
  }

  @Override
  public ContactRuntime contact(int slot) {
    return slot >= 0 && slot < slots.length ? slots[slot] : null;
  }

  /** A contact record in a free slot, registered under {@code id}. */
  ContactRuntime newContact(String id) {
    int slot;
    if (freeCount > 0) {
      slot = freeSlots[--freeCount];
    } else {
      slot = slotHigh++;
      if (slot >= slots.length) {
        slots = Arrays.copyOf(slots, slots.length * 2);
      }
    }
    ContactRuntime c;
    if (spareCount > 0) {
      c = spare[--spareCount];
      spare[spareCount] = null;
      c.reset(slot);
    } else {
      c = new ContactRuntime(slot);
    }
    c.id = id;
    slots[slot] = c;
    contactById.put(id, c);
    return c;
  }

  void release(ContactRuntime c) {
    contactById.remove(c.id);
    slots[c.slot] = null;
    c.seq = -1;
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
    }
    freeSlots[freeCount++] = c.slot;
    if (releasedCount == released.length) {
      released = Arrays.copyOf(released, releasedCount * 2);
    }
    released[releasedCount++] = c;
  }

  /**
   * Makes the records released during the last command reusable. Called between commands, never
   * during one: code handling a command may still read a record it has just released (to emit its
   * event), so a record is reused from the next command on. Reuse keeps the steady state from
   * allocating a record per contact, which would otherwise survive young collections for the length
   * of a call and be copied by the collector.
   */
  void recycleReleased() {
    for (int i = 0; i < releasedCount; i++) {
      if (spareCount == spare.length) {
        spare = Arrays.copyOf(spare, spareCount * 2);
      }
      spare[spareCount++] = released[i];
      released[i] = null;
    }
    releasedCount = 0;
  }

  /** Interned id of an extra-skill list, so equal lists share buckets. */
  int extraProfile(List<SkillRequirement> extraSkills) {
    Integer id = extraProfiles.get(extraSkills);
    if (id == null) {
      id = extraProfiles.size();
      extraProfiles.put(extraSkills, id);
    }
    return id;
  }

  void setQueues(List<QueueRuntime> list) {
    queues = list;
    queueById.clear();
    for (int i = 0; i < list.size(); i++) {
      list.get(i).index = i;
      queueById.put(list.get(i).id(), list.get(i));
    }
  }

  void setAgents(List<AgentRuntime> list) {
    agents = list.toArray(new AgentRuntime[0]);
    agentById.clear();
    agentByDevice.clear();
    agentsByPbx.clear();
    for (int i = 0; i < agents.length; i++) {
      AgentRuntime a = agents[i];
      a.index = i;
      agentById.put(a.id, a);
      agentByDevice.put(deviceKey(a.config.pbxId(), a.config.extension()), a);
      agentsByPbx.computeIfAbsent(a.config.pbxId(), k -> new ArrayList<>()).add(a);
    }
  }

  static String deviceKey(String pbxId, String device) {
    return pbxId + "/" + device;
  }

  /** All contacts in arrival order (not the hot path: reconfiguration, snapshots, queries). */
  List<ContactRuntime> contactsBySeq() {
    List<ContactRuntime> list = new ArrayList<>(contactById.values());
    list.sort(Comparator.comparingLong(c -> c.seq));
    return list;
  }

  boolean canWork(AgentRuntime a) {
    return a.device.canTakeCall() && (pbxDown.isEmpty() || !pbxDown.contains(a.config.pbxId()));
  }

  /** May the agent be offered a call or callback now. */
  boolean voiceAvailable(AgentRuntime a) {
    return a.state == AgentState.READY && canWork(a);
  }

  /** May the agent be offered one more chat now. */
  boolean chatAvailable(AgentRuntime a) {
    int capacity = a.config.chatCapacity();
    if (capacity == 0 || a.pendingPause != null || a.offered != null || a.voice != null) {
      return false;
    }
    boolean working = a.state == AgentState.READY || a.state == AgentState.BUSY;
    return working && a.chats.size() < capacity && canWork(a);
  }

  /** Rebuilds every index from the primary state. */
  void rebuildIndexes(RoutingStateMachine engine) {
    boolean occupancy = false;
    boolean roundRobin = false;
    for (QueueRuntime q : queues) {
      occupancy |= q.config.policy() == AgentSelectionPolicy.LEAST_OCCUPIED;
      roundRobin |= q.config.policy() == AgentSelectionPolicy.ROUND_ROBIN;
    }
    index.clear(occupancy, roundRobin);
    timers.clear();
    for (QueueRuntime q : queues) {
      q.orderRoot = -1;
    }
    for (AgentRuntime a : agents) {
      a.inVoicePool = false;
      a.inChatPool = false;
      a.profile = index.profileFor(a.config.skills());
      boolean voice = voiceAvailable(a);
      boolean chat = chatAvailable(a);
      index.addAgent(a, voice, chat);
      if (a.state == AgentState.WRAP_UP) {
        timers.push(a.wrapUpEndMs, RoutingStateMachine.TIMER_WRAP_UP, a.index, a.index);
      }
    }
    for (ContactRuntime c : contactsBySeq()) {
      c.bucket = null;
      if (c.phase == Phase.TALKING) {
        continue;
      }
      c.queue.orderRoot = order.insert(c.queue.orderRoot, c.slot, c.seq);
      if (c.phase == Phase.WAITING) {
        index.addContact(c, engine.bucketOf(c));
      }
      pushIfSet(c, RoutingStateMachine.TIMER_RING, c.ringDueMs);
      pushIfSet(c, RoutingStateMachine.TIMER_CALLBACK, c.callbackDueMs);
      pushIfSet(c, RoutingStateMachine.TIMER_MAX_WAIT, c.maxWaitDueMs);
      pushIfSet(c, RoutingStateMachine.TIMER_ESCALATION, c.escalationDueMs);
    }
  }

  private void pushIfSet(ContactRuntime c, int kind, long dueMs) {
    if (dueMs != 0) {
      timers.push(dueMs, kind, c.seq, c.slot);
    }
  }

  /** Forgets everything (before a snapshot load). */
  void reset() {
    selection = ContactSelection.PRIORITY_AGE;
    queues = new ArrayList<>();
    queueById.clear();
    agents = new AgentRuntime[0];
    agentById.clear();
    agentByDevice.clear();
    agentsByPbx.clear();
    pbxDown.clear();
    contactById.clear();
    slots = new ContactRuntime[64];
    freeCount = 0;
    slotHigh = 0;
    released = new ContactRuntime[16];
    releasedCount = 0;
    spare = new ContactRuntime[64];
    spareCount = 0;
    extraProfiles.clear();
    contactSeq = 0;
    offerSeq = 0;
  }
}
