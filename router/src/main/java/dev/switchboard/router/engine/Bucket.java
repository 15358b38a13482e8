package dev.switchboard.router.engine;

import dev.switchboard.router.model.Requirement;
import java.util.Arrays;

/**
 * Waiting contacts that are interchangeable for qualification: same queue, same escalation state,
 * same extra skills, same medium. Ordered by rank (priority/age selection) and by arrival (service
 * level selection). Knows which profiles qualify, with the level each would bring.
 */
final class Bucket {
  /** Place in the index's bucket list; the handle in profiles' head heaps. */
  final int id;

  final QueueRuntime queue;
  final boolean chat;
  final Requirement requirement;
  final IntHeap byRank;
  final IntHeap byArrival;

  /** Ids of qualifying profiles, in the order they were found. */
  int[] profiles = new int[4];

  int profileCount;

  /** Profile id → the level its agents bring (see {@link Requirement#level}), -1 = unqualified. */
  int[] levelByProfile = new int[0];

  /** Profile id → index of this bucket in that profile's active list while non-empty. */
  int[] activePlace = new int[0];

  boolean active;

  Bucket(
      int id,
      QueueRuntime queue,
      boolean chat,
      Requirement requirement,
      IntHeap byRank,
      IntHeap byArrival) {
    this.id = id;
    this.queue = queue;
    this.chat = chat;
    this.requirement = requirement;
    this.byRank = byRank;
    this.byArrival = byArrival;
  }

  int level(int profileId) {
    return profileId < levelByProfile.length ? levelByProfile[profileId] : -1;
  }

  void qualify(int profileId, int level) {
    if (profileId >= levelByProfile.length) {
      int old = levelByProfile.length;
      levelByProfile = Arrays.copyOf(levelByProfile, profileId + 8);
      activePlace = Arrays.copyOf(activePlace, profileId + 8);
      Arrays.fill(levelByProfile, old, levelByProfile.length, -1);
    }
    levelByProfile[profileId] = level;
    if (profileCount == profiles.length) {
      profiles = Arrays.copyOf(profiles, profileCount * 2);
    }
    profiles[profileCount++] = profileId;
  }
}
