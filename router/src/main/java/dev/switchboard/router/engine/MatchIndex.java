package dev.switchboard.router.engine;

import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.model.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The indexes that keep every routing decision's cost flat: agents grouped into {@link Profile}s by
 * identical skills (each with heaps of available agents per policy key), waiting contacts grouped
 * into {@link Bucket}s by identical requirement (each a heap by rank and one by arrival), and the
 * qualification relation between profiles and buckets, computed once when either appears.
 *
 * <p>A contact that becomes eligible looks only at the heads of the pools of its bucket's
 * qualifying profiles (bounded by the number of profiles). An agent that becomes available looks
 * only at the heads of the non-empty buckets its profile qualifies for.
 */
final class MatchIndex {

  /** How the index reaches agents and contacts by handle. */
  interface Handles {
    AgentRuntime agent(int index);

    ContactRuntime contact(int slot);
  }

  private record BucketKey(QueueRuntime queue, int steps, int extraProfile, boolean chat) {}

  private final Handles handles;
  private final List<Profile> profiles = new ArrayList<>();
  private final Map<Map<String, Integer>, Profile> profileBySkills = new HashMap<>();
  private final Map<BucketKey, Bucket> bucketByKey = new HashMap<>();

  private boolean keepOccupancyOrder = true;
  private boolean keepRoundRobinOrder = true;

  /** Counts {@link #clear}s, so that buckets cached in a queue are known to be stale. */
  private int epoch;

  private final List<Bucket> buckets = new ArrayList<>();
  private final IntHeap.Positions[] agentPlaces = new IntHeap.Positions[6];
  private final IntHeap.Positions rankPlaces = new IntHeap.Positions();
  private final IntHeap.Positions arrivalPlaces = new IntHeap.Positions();
  private final IntHeap.Order rankOrder;

  /** Level the last {@link #bestAgent} choice brings; set with it to avoid allocating a pair. */
  int chosenLevel;

  /** Qualified available agents counted by the last {@link #bestAgent} call. */
  int eligibleCount;

  MatchIndex(Handles handles) {
    this.handles = handles;
    for (int i = 0; i < agentPlaces.length; i++) {
      agentPlaces[i] = new IntHeap.Positions();
    }
    rankOrder = (a, b) -> rankBefore(handles.contact(a), handles.contact(b));
  }

  static boolean rankBefore(ContactRuntime x, ContactRuntime y) {
    return x.rankKeyMs != y.rankKeyMs ? x.rankKeyMs < y.rankKeyMs : x.seq < y.seq;
  }

  IntHeap.Order rankOrder() {
    return rankOrder;
  }

  /**
   * Forgets every profile and bucket (after a reconfiguration or a snapshot load), and says which
   * agent orders the queues now need besides longest-idle: every change of a queue's policy goes
   * through a reconfiguration, which clears and rebuilds the index.
   */
  void clear(boolean keepOccupancyOrder, boolean keepRoundRobinOrder) {
    this.keepOccupancyOrder = keepOccupancyOrder;
    this.keepRoundRobinOrder = keepRoundRobinOrder;
    profiles.clear();
    profileBySkills.clear();
    bucketByKey.clear();
    buckets.clear();
    epoch++;
  }

  int profileCount() {
    return profiles.size();
  }

  int bucketCount() {
    return buckets.size();
  }

  /** The profile of agents with exactly these skills, created (and related to buckets) if new. */
  Profile profileFor(Map<String, Integer> skills) {
    Profile existing = profileBySkills.get(skills);
    if (existing != null) {
      return existing;
    }
    Profile p = new Profile(profiles.size(), skills, pool(0), pool(3));
    profiles.add(p);
    profileBySkills.put(skills, p);
    for (Bucket b : buckets) {
      relate(b, p);
    }
    return p;
  }

  private Profile.AgentPool pool(int firstPlaces) {
    return new Profile.AgentPool(
        new IntHeap(agentPlaces[firstPlaces]),
        keepOccupancyOrder ? new IntHeap(agentPlaces[firstPlaces + 1]) : null,
        keepRoundRobinOrder ? new IntHeap(agentPlaces[firstPlaces + 2]) : null);
  }

  /** The bucket for this requirement state, created (and related to profiles) if new. */
  Bucket bucketFor(
      QueueRuntime queue,
      int steps,
      int extraProfile,
      List<SkillRequirement> extraSkills,
      boolean chat) {
    int applied = Math.min(steps, queue.config.escalation().size());
    int plain = extraProfile == 0 ? applied * 2 + (chat ? 1 : 0) : -1;
    if (plain >= 0
        && queue.bucketsEpoch == epoch
        && plain < queue.plainBuckets.length
        && queue.plainBuckets[plain] != null) {
      return queue.plainBuckets[plain];
    }
    BucketKey key = new BucketKey(queue, applied, extraProfile, chat);
    Bucket existing = bucketByKey.get(key);
    if (existing != null) {
      cachePlain(queue, plain, existing);
      return existing;
    }
    Bucket b =
        new Bucket(
            buckets.size(),
            queue,
            chat,
            Requirement.of(queue.config, applied, extraSkills),
            new IntHeap(rankPlaces),
            new IntHeap(arrivalPlaces));
    bucketByKey.put(key, b);
    cachePlain(queue, plain, b);
    buckets.add(b);
    for (Profile p : profiles) {
      relate(b, p);
    }
    return b;
  }

  private void cachePlain(QueueRuntime queue, int plain, Bucket b) {
    if (plain < 0) {
      return;
    }
    if (queue.bucketsEpoch != epoch || queue.plainBuckets == null) {
      queue.plainBuckets = new Bucket[Math.max(2, plain + 1)];
      queue.bucketsEpoch = epoch;
    } else if (plain >= queue.plainBuckets.length) {
      queue.plainBuckets = java.util.Arrays.copyOf(queue.plainBuckets, plain + 1);
    }
    queue.plainBuckets[plain] = b;
  }

  private void relate(Bucket b, Profile p) {
    int level = b.requirement.level(p.skills);
    if (level < 0) {
      return;
    }
    b.qualify(p.id, level);
    if (b.active) {
      b.activePlace[p.id] = p.active.size();
      p.active.add(b);
      ContactRuntime head = handles.contact(b.byRank.peek());
      (b.chat ? p.chatHeads : p.voiceHeads).add(b.id, head.rankKeyMs, head.seq, 0);
    }
  }

  void addContact(ContactRuntime c, Bucket b) {
    int previousHead = b.byRank.peek();
    c.bucket = b;
    b.byRank.add(c.slot, c.rankKeyMs, c.seq, 0);
    b.byArrival.add(c.slot, c.arrivedAtMs, c.rankKeyMs, c.seq);
    if (!b.active) {
      b.active = true;
      for (int i = 0; i < b.profileCount; i++) {
        Profile p = profiles.get(b.profiles[i]);
        b.activePlace[p.id] = p.active.size();
        p.active.add(b);
      }
    }
    headChanged(b, previousHead);
  }

  void removeContact(ContactRuntime c) {
    Bucket b = c.bucket;
    if (b == null) {
      return;
    }
    c.bucket = null;
    int previousHead = b.byRank.peek();
    b.byRank.remove(c.slot);
    b.byArrival.remove(c.slot);
    if (b.active && b.byRank.isEmpty()) {
      b.active = false;
      for (int i = 0; i < b.profileCount; i++) {
        Profile p = profiles.get(b.profiles[i]);
        int place = b.activePlace[p.id];
        Bucket last = p.active.remove(p.active.size() - 1);
        if (last != b) {
          p.active.set(place, last);
          last.activePlace[p.id] = place;
        }
      }
    }
    headChanged(b, previousHead);
  }

  /** Keeps the bucket's place in its profiles' head heaps in step with its first contact. */
  private void headChanged(Bucket b, int previousHead) {
    int head = b.byRank.peek();
    if (head == previousHead) {
      return;
    }
    ContactRuntime c = head == -1 ? null : handles.contact(head);
    for (int i = 0; i < b.profileCount; i++) {
      Profile p = profiles.get(b.profiles[i]);
      IntHeap heads = b.chat ? p.chatHeads : p.voiceHeads;
      heads.remove(b.id);
      if (c != null) {
        heads.add(b.id, c.rankKeyMs, c.seq, 0);
      }
    }
  }

  /** Puts an agent into its profile's pools for the media it can take now. */
  void addAgent(AgentRuntime a, boolean voice, boolean chat) {
    if (voice && !a.inVoicePool) {
      a.profile.voice.add(a);
      a.inVoicePool = true;
    }
    if (chat && !a.inChatPool) {
      a.profile.chat.add(a);
      a.inChatPool = true;
    }
  }

  void removeAgent(AgentRuntime a) {
    if (a.inVoicePool) {
      a.profile.voice.remove(a.index);
      a.inVoicePool = false;
    }
    if (a.inChatPool) {
      a.profile.chat.remove(a.index);
      a.inChatPool = false;
    }
  }

  /** Available agents that qualify for contacts of this bucket (exact: profiles are exact). */
  int countEligible(Bucket b) {
    int n = 0;
    for (int i = 0; i < b.profileCount; i++) {
      Profile p = profiles.get(b.profiles[i]);
      n += (b.chat ? p.chat : p.voice).size();
    }
    return n;
  }

  /**
   * The available agent a contact of this bucket goes to under {@code policy}, or null. Sets {@link
   * #chosenLevel} and {@link #eligibleCount}.
   */
  AgentRuntime bestAgent(Bucket b, AgentSelectionPolicy policy) {
    AgentRuntime best = null;
    int bestLevel = -1;
    int count = 0;
    for (int i = 0; i < b.profileCount; i++) {
      Profile p = profiles.get(b.profiles[i]);
      Profile.AgentPool pool = b.chat ? p.chat : p.voice;
      if (pool.size() == 0) {
        continue;
      }
      count += pool.size();
      IntHeap heap =
          switch (policy) {
            case LONGEST_IDLE, MOST_SKILLED -> pool.idle;
            case LEAST_OCCUPIED -> pool.occupancy;
            case ROUND_ROBIN -> pool.roundRobin;
          };
      AgentRuntime candidate = handles.agent(heap.peek());
      int level = b.level(p.id);
      if (best == null || agentBefore(policy, candidate, level, best, bestLevel)) {
        best = candidate;
        bestLevel = level;
      }
    }
    chosenLevel = bestLevel;
    eligibleCount = count;
    return best;
  }

  static boolean agentBefore(
      AgentSelectionPolicy policy, AgentRuntime x, int xLevel, AgentRuntime y, int yLevel) {
    switch (policy) {
      case LONGEST_IDLE:
        if (x.availableSinceMs != y.availableSinceMs) {
          return x.availableSinceMs < y.availableSinceMs;
        }
        break;
      case LEAST_OCCUPIED:
        if (x.talkMs != y.talkMs) {
          return x.talkMs < y.talkMs;
        }
        break;
      case MOST_SKILLED:
        if (xLevel != yLevel) {
          return xLevel > yLevel;
        }
        if (x.availableSinceMs != y.availableSinceMs) {
          return x.availableSinceMs < y.availableSinceMs;
        }
        break;
      case ROUND_ROBIN:
        if (x.lastOfferSeq != y.lastOfferSeq) {
          return x.lastOfferSeq < y.lastOfferSeq;
        }
        break;
    }
    return x.index < y.index;
  }

  /** The waiting contact an available agent takes under {@code selection}, or null. */
  ContactRuntime bestContact(AgentRuntime a, ContactSelection selection, long nowMs) {
    if (selection == ContactSelection.PRIORITY_AGE) {
      ContactRuntime voice = a.inVoicePool ? headOf(a.profile.voiceHeads) : null;
      ContactRuntime chat = a.inChatPool ? headOf(a.profile.chatHeads) : null;
      if (voice == null || (chat != null && rankBefore(chat, voice))) {
        return chat;
      }
      return voice;
    }
    // SERVICE_LEVEL: the order between queues with different targets changes as time passes,
    // so the heads of all non-empty qualifying buckets are compared.
    ContactRuntime best = null;
    List<Bucket> active = a.profile.active;
    for (int i = 0, n = active.size(); i < n; i++) {
      Bucket b = active.get(i);
      if (b.chat ? !a.inChatPool : !a.inVoicePool) {
        continue;
      }
      ContactRuntime head =
          handles.contact(
              selection == ContactSelection.PRIORITY_AGE ? b.byRank.peek() : b.byArrival.peek());
      if (best == null || contactBefore(selection, head, best, nowMs)) {
        best = head;
      }
    }
    return best;
  }

  private ContactRuntime headOf(IntHeap heads) {
    return heads.isEmpty() ? null : handles.contact(buckets.get(heads.peek()).byRank.peek());
  }

  static boolean contactBefore(
      ContactSelection selection, ContactRuntime x, ContactRuntime y, long nowMs) {
    if (selection == ContactSelection.SERVICE_LEVEL) {
      long lhs = (nowMs - x.arrivedAtMs) * y.queue.config.serviceLevel().targetSeconds();
      long rhs = (nowMs - y.arrivedAtMs) * x.queue.config.serviceLevel().targetSeconds();
      if (lhs != rhs) {
        return lhs > rhs;
      }
    }
    return rankBefore(x, y);
  }
}
