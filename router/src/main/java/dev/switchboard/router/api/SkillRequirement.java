package dev.switchboard.router.api;

import java.util.Objects;

/**
 * A skill a contact needs, with the lowest level (1–10) an agent must have in it.
 *
 * @param skill the skill's name, as in the configuration
 * @param minLevel the lowest acceptable level, 1–10
 */
public record SkillRequirement(String skill, int minLevel) {
  public SkillRequirement {
    Objects.requireNonNull(skill, "skill");
    if (skill.isBlank()) {
      throw new IllegalArgumentException("skill must not be blank");
    }
    if (minLevel < 1 || minLevel > 10) {
      throw new IllegalArgumentException("minLevel must be 1-10, got " + minLevel);
    }
  }
}
