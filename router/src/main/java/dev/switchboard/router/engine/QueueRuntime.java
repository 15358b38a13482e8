package dev.switchboard.router.engine;

import dev.switchboard.router.api.QueueConfiguration;

/** A configured queue and the root of its rank-order tree. Engine-internal. */
final class QueueRuntime {
  int index;
  QueueConfiguration config;

  /** Root of this queue's tree in {@link QueueOrder}: contacts waiting, scheduled or offered. */
  int orderRoot = -1;

  /**
   * The buckets of contacts with no extra skills, by {@code steps * 2 + (chat ? 1 : 0)}: the common
   * case of {@link MatchIndex#bucketFor}, looked up without building a key. Valid while {@code
   * bucketsEpoch} equals the index's epoch.
   */
  Bucket[] plainBuckets;

  int bucketsEpoch = -1;

  private QueueConfiguration describedConfig;
  private String[] stepDescriptions;

  QueueRuntime(int index, QueueConfiguration config) {
    this.index = index;
    this.config = config;
  }

  String id() {
    return config.id();
  }

  /** The description of escalation step {@code i}, made once per configuration. */
  String stepDescription(int i) {
    if (describedConfig != config) {
      stepDescriptions = new String[config.escalation().size()];
      describedConfig = config;
    }
    String d = stepDescriptions[i];
    if (d == null) {
      d = RoutingStateMachine.describe(config.escalation().get(i).action());
      stepDescriptions[i] = d;
    }
    return d;
  }
}
