package dev.switchboard.router.model;

import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an agent must have to take a waiting contact, at one escalation state: the queue's skills
 * (minimum levels capped by any applied {@link EscalationAction.RelaxLevels}) plus the contact's
 * own extra skills, or any applied {@link EscalationAction.AddSkills} alternative plus the extra
 * skills. Where one skill is required twice, the higher minimum wins (every requirement must hold).
 * Immutable and pure.
 */
public final class Requirement {

  private final List<Map<String, Integer>> options;

  private Requirement(List<Map<String, Integer>> options) {
    this.options = options;
  }

  /**
   * The requirement of a contact of {@code queue} that has had the first {@code stepsApplied}
   * escalation steps applied and needs {@code extraSkills} on top of the queue's.
   */
  public static Requirement of(
      QueueConfiguration queue, int stepsApplied, List<SkillRequirement> extraSkills) {
    List<EscalationStep> steps = queue.escalation();
    int applied = Math.min(stepsApplied, steps.size());
    int cap = 10;
    List<List<SkillRequirement>> alternatives = new ArrayList<>();
    for (int i = 0; i < applied; i++) {
      EscalationAction action = steps.get(i).action();
      if (action instanceof EscalationAction.RelaxLevels relax) {
        cap = Math.min(cap, relax.maxMinLevel());
      } else if (action instanceof EscalationAction.AddSkills add) {
        alternatives.add(add.alternative());
      }
    }
    List<Map<String, Integer>> options = new ArrayList<>();
    TreeMap<String, Integer> base = new TreeMap<>();
    for (SkillRequirement r : queue.requiredSkills()) {
      base.merge(r.skill(), Math.min(cap, r.minLevel()), Math::max);
    }
    options.add(withExtras(base, extraSkills));
    for (List<SkillRequirement> alternative : alternatives) {
      TreeMap<String, Integer> alt = new TreeMap<>();
      for (SkillRequirement r : alternative) {
        alt.merge(r.skill(), r.minLevel(), Math::max);
      }
      options.add(withExtras(alt, extraSkills));
    }
    return new Requirement(List.copyOf(options));
  }

  private static Map<String, Integer> withExtras(
      TreeMap<String, Integer> set, List<SkillRequirement> extraSkills) {
    for (SkillRequirement r : extraSkills) {
      set.merge(r.skill(), r.minLevel(), Math::max);
    }
    return java.util.Collections.unmodifiableSortedMap(set);
  }

  /** True when an agent with these skills (skill → level) may take the contact. */
  public boolean qualifies(Map<String, Integer> skills) {
    return level(skills) >= 0;
  }

  /**
   * The agent's lowest level among the skills of the first option it satisfies (the base option
   * first, then the alternatives in step order); 0 when that option names no skill; -1 when the
   * agent does not qualify at all.
   */
  public int level(Map<String, Integer> skills) {
    for (Map<String, Integer> option : options) {
      int lowest = satisfies(option, skills);
      if (lowest >= 0) {
        return lowest;
      }
    }
    return -1;
  }

  private static int satisfies(Map<String, Integer> option, Map<String, Integer> skills) {
    int lowest = Integer.MAX_VALUE;
    for (Map.Entry<String, Integer> need : option.entrySet()) {
      Integer has = skills.get(need.getKey());
      if (has == null || has < need.getValue()) {
        return -1;
      }
      lowest = Math.min(lowest, has);
    }
    return lowest == Integer.MAX_VALUE ? 0 : lowest;
  }

  /** The options: each a skill → minimum level map; an agent must satisfy one of them. */
  public List<Map<String, Integer>> options() {
    return options;
  }
}
