package dev.switchboard.router.engine;

import java.util.ArrayList;
import java.util.Map;

/**
 * All agents with one identical skill map. Agents of a profile qualify for exactly the same
 * contacts, so eligibility is computed once per (profile, bucket) pair, and the available agents of
 * a profile are kept in heaps ordered by each selection policy's key.
 */
final class Profile {
  final int id;
  final Map<String, Integer> skills;

  /** Agents that may take a voice contact now. */
  final AgentPool voice;

  /** Agents that may take a chat now. */
  final AgentPool chat;

  /** Non-empty buckets this profile qualifies for: the only places an available agent looks. */
  final ArrayList<Bucket> active = new ArrayList<>();

  /**
   * The same non-empty voice buckets, ordered by their head contact's (rank, seq): with
   * PRIORITY_AGE selection an available agent reads only the top, however many queues wait.
   */
  final IntHeap voiceHeads = new IntHeap(new IntHeap.Positions());

  /** As {@link #voiceHeads}, for chat buckets. */
  final IntHeap chatHeads = new IntHeap(new IntHeap.Positions());

  Profile(int id, Map<String, Integer> skills, AgentPool voice, AgentPool chat) {
    this.id = id;
    this.skills = skills;
    this.voice = voice;
    this.chat = chat;
  }

  /** The available agents of one medium, ordered three ways. */
  static final class AgentPool {
    /** By (availableSinceMs, configuration index): longest idle first. */
    final IntHeap idle;

    /**
     * By (talkMs since login, configuration index): least occupied first. Null while no queue uses
     * {@code LEAST_OCCUPIED}: an order nobody reads is not kept up to date.
     */
    final IntHeap occupancy;

    /**
     * By (last offer sequence, configuration index): least recently offered first. Null while no
     * queue uses {@code ROUND_ROBIN}.
     */
    final IntHeap roundRobin;

    AgentPool(IntHeap idle, IntHeap occupancy, IntHeap roundRobin) {
      this.idle = idle;
      this.occupancy = occupancy;
      this.roundRobin = roundRobin;
    }

    int size() {
      return idle.size();
    }

    void add(AgentRuntime a) {
      idle.add(a.index, a.availableSinceMs, 0, 0);
      if (occupancy != null) {
        occupancy.add(a.index, a.talkMs, 0, 0);
      }
      if (roundRobin != null) {
        roundRobin.add(a.index, a.lastOfferSeq, 0, 0);
      }
    }

    void remove(int agent) {
      idle.remove(agent);
      if (occupancy != null) {
        occupancy.remove(agent);
      }
      if (roundRobin != null) {
        roundRobin.remove(agent);
      }
    }
  }
}
