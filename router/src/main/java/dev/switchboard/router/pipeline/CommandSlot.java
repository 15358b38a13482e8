package dev.switchboard.router.pipeline;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.engine.EventBuffer;

/**
 * One pre-allocated ring slot. A producer fills the first three fields; the journal stage sets
 * {@code journalIndex}; the routing stage fills {@code events}; the dispatch stage empties them.
 * The Disruptor's sequences order these writes, so the fields need no locks or volatiles.
 */
final class CommandSlot {
  /** The ring sequence this slot holds now. */
  long sequenceNo;

  /** When the producer published it (epoch ms), before clamping. */
  long timestampMs;

  /** The command, null once dispatched. */
  Command command;

  /** Where the journal stage wrote it; -1 until then. */
  long journalIndex = -1;

  /**
   * Where the routing stage stored its events, in place, so that routing a command allocates
   * nothing for them: events {@code eventsFrom} to {@code eventsTo - 1}. In the parallel layout
   * each slot has its own buffer; in the fused layout the slots of one batch share the routing
   * handler's, which stays in the cache (a buffer per slot is touched once per trip round the ring,
   * always cold).
   */
  EventBuffer events;

  int eventsFrom;
  int eventsTo;

  /** A slot that stores its events in the routing handler's shared buffer (fused layout). */
  CommandSlot() {}

  /** A slot with its own event buffer (parallel layout). */
  CommandSlot(EventBuffer events) {
    this.events = events;
  }
}
