package dev.switchboard.router.engine;

import dev.switchboard.router.api.QueueConfiguration;

/** A configured queue and the root of its rank-order tree. Engine-internal. */
final class QueueRuntime {
  int index;
  QueueConfiguration config;

  /** Root of this queue's tree in {@link QueueOrder}: contacts waiting, scheduled or offered. */
  int orderRoot = -1;

  QueueRuntime(int index, QueueConfiguration config) {
    this.index = index;
    this.config = config;
  }

  String id() {
    return config.id();
  }
}
