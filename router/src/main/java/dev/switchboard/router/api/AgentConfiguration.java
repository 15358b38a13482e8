package dev.switchboard.router.api;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An agent as the router needs it.
 *
 * @param id the agent's id, unique
 * @param name a display name
 * @param pbxId the PBX its phone is on
 * @param extension the extension or device the caller is connected to ({@code agent01}, or a full
 *     device such as {@code PJSIP/agent01})
 * @param skills skill name → level 1–10
 * @param chatCapacity how many chats at once (0 = voice only)
 */
public record AgentConfiguration(
    String id,
    String name,
    String pbxId,
    String extension,
    Map<String, Integer> skills,
    int chatCapacity) {

  public AgentConfiguration {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("agent id must not be blank");
    }
    name = name == null ? id : name;
    Objects.requireNonNull(pbxId, "pbxId");
    Objects.requireNonNull(extension, "extension");
    skills = validSkills(skills);
    if (chatCapacity < 0 || chatCapacity > 32) {
      throw new IllegalArgumentException("chatCapacity must be 0-32, got " + chatCapacity);
    }
  }

  /** Checks levels are 1–10 and returns an immutable map sorted by skill name. */
  public static Map<String, Integer> validSkills(Map<String, Integer> skills) {
    TreeMap<String, Integer> sorted = new TreeMap<>();
    skills.forEach(
        (skill, level) -> {
          if (level == null || level < 1 || level > 10) {
            throw new IllegalArgumentException(
                "level of skill " + skill + " must be 1-10, got " + level);
          }
          sorted.put(skill, level);
        });
    return java.util.Collections.unmodifiableSortedMap(sorted);
  }
}
