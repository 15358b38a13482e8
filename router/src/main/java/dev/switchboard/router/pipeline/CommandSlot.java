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
   * nothing for them: events {@code eventsFrom} to {@code eventsTo - 1} of a buffer shared with
   * neighbouring slots ({@link EventBuffers}).
   */
  EventBuffer events;

  int eventsFrom;
  int eventsTo;
}
