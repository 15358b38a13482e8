package dev.switchboard.stats;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which agents serve which queue (an agent serves a queue when its skills meet every required skill
 * of the queue), and the agent counts by state that follow from it. Indexes by skill so that
 * configuring an agent or a queue touches only candidates, not every agent times every queue. A
 * queue requiring no skill is served by every agent and reads the all-agents counts.
 */
final class AgentMembership {

  private final Map<String, QueueFigures> queues;
  private final Map<String, AgentFigures> agents;
  private final Map<String, Set<String>> agentsBySkill = new HashMap<>();
  private final Map<String, Set<String>> queuesBySkill = new HashMap<>();
  private final Set<String> queuesWithoutSkills = new HashSet<>();
  final int[] allAgentsByState = new int[AgentState.values().length];
  private final Map<String, Integer> allPausedByReason = new HashMap<>();

  AgentMembership(Map<String, QueueFigures> queues, Map<String, AgentFigures> agents) {
    this.queues = queues;
    this.agents = agents;
  }

  /** A new agent (logged out, no skills yet). */
  void agentCreated(AgentFigures a) {
    allAgentsByState[AgentState.LOGGED_OUT.ordinal()]++;
    a.addQueues(queuesWithoutSkills);
  }

  int[] agentsByState(QueueFigures q) {
    return q.servedByAll() ? allAgentsByState : q.agentsByState;
  }

  Map<String, Integer> pausedByReason(QueueFigures q) {
    return q.servedByAll() ? allPausedByReason : q.pausedByReason;
  }

  /** Moves an agent to a new state, keeping every count it is part of in step. */
  void setState(AgentFigures a, AgentState state, String reason) {
    for (String qid : a.queueIds()) {
      QueueFigures q = queues.get(qid);
      if (q != null && !q.servedByAll()) {
        q.agentRemoved(a.state, a.reason);
        q.agentAdded(state, reason);
      }
    }
    allAgentsByState[a.state.ordinal()]--;
    if (a.state == AgentState.PAUSED) {
      allPausedByReason.computeIfPresent(a.reason, (k, v) -> v == 1 ? null : v - 1);
    }
    allAgentsByState[state.ordinal()]++;
    if (state == AgentState.PAUSED) {
      allPausedByReason.merge(reason, 1, Integer::sum);
    }
    a.state = state;
    a.reason = reason;
  }

  /** The agent's skills changed: re-index it and join or leave queues accordingly. */
  void skillsChanged(AgentFigures a, Map<String, Integer> skills) {
    for (String skill : a.skills.keySet()) {
      Set<String> set = agentsBySkill.get(skill);
      if (set != null) {
        set.remove(a.id);
      }
    }
    a.skills = skills;
    Set<String> candidates = new HashSet<>();
    for (String skill : a.skills.keySet()) {
      agentsBySkill.computeIfAbsent(skill, k -> new HashSet<>()).add(a.id);
      candidates.addAll(queuesBySkill.getOrDefault(skill, Set.of()));
    }
    for (String qid : a.queueIds()) {
      QueueFigures q = queues.get(qid);
      if (q != null && !q.servedByAll() && !qualifies(q, a.skills)) {
        leave(a, q);
      }
    }
    for (String qid : candidates) {
      QueueFigures q = queues.get(qid);
      if (!a.serves(qid) && qualifies(q, a.skills)) {
        join(a, q);
      }
    }
  }

  /** Before a queue's configuration changes: every member leaves, its skills are un-indexed. */
  void queueChanging(QueueFigures q) {
    for (String member : new ArrayList<>(q.members)) {
      leave(agents.get(member), q);
    }
    for (SkillRequirement r : q.requiredSkills) {
      Set<String> set = queuesBySkill.get(r.skill());
      if (set != null) {
        set.remove(q.id);
      }
    }
    if (q.servedByAll()) {
      queuesWithoutSkills.remove(q.id);
      for (AgentFigures a : agents.values()) {
        a.removeQueue(q.id);
      }
    }
  }

  /** After a queue's configuration changed: index its skills, let qualifying agents join. */
  void queueChanged(QueueFigures q) {
    if (q.servedByAll()) {
      queuesWithoutSkills.add(q.id);
      for (AgentFigures a : agents.values()) {
        a.addQueue(q.id);
      }
      return;
    }
    Set<String> smallest = null;
    for (SkillRequirement r : q.requiredSkills) {
      queuesBySkill.computeIfAbsent(r.skill(), k -> new HashSet<>()).add(q.id);
      Set<String> holders = agentsBySkill.getOrDefault(r.skill(), Set.of());
      if (smallest == null || holders.size() < smallest.size()) {
        smallest = holders;
      }
    }
    for (String agentId : smallest) {
      AgentFigures a = agents.get(agentId);
      if (qualifies(q, a.skills)) {
        join(a, q);
      }
    }
  }

  private static boolean qualifies(QueueFigures q, Map<String, Integer> skills) {
    if (!q.configured) {
      return false;
    }
    for (SkillRequirement r : q.requiredSkills) {
      if (skills.getOrDefault(r.skill(), 0) < r.minLevel()) {
        return false;
      }
    }
    return true;
  }

  private static void join(AgentFigures a, QueueFigures q) {
    a.addQueue(q.id);
    q.members.add(a.id);
    q.agentAdded(a.state, a.reason);
  }

  private static void leave(AgentFigures a, QueueFigures q) {
    a.removeQueue(q.id);
    q.members.remove(a.id);
    q.agentRemoved(a.state, a.reason);
  }
}
