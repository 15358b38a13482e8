package dev.switchboard.router.pipeline;

import dev.switchboard.router.engine.EventBuffer;

/**
 * Where the routing stage stores the events of each ring sequence, and when they are cleared. Slots
 * do not own a buffer: one per slot would be touched once per trip round the ring, always cold in
 * the cache, and halved throughput. Instead neighbouring slots share one, written one event after
 * another:
 *
 * <ul>
 *   <li>fused layout: one buffer for the batch, cleared once its last slot is dispatched;
 *   <li>parallel layout: one chunk per {@value #CHUNK} consecutive sequences, cleared by the
 *       dispatch thread after the last of them; twice as many chunks as the ring needs, so that
 *       routing never writes into a chunk whose slots dispatch has not finished.
 * </ul>
 *
 * <p>Immutable after construction and kept apart from the stages' own fields, which the routing
 * thread writes for every command: in the parallel layout the dispatch thread reads this object.
 */
final class EventBuffers {
  /** Ring sequences per chunk of the parallel layout. */
  static final int CHUNK = 64;

  /** The fused layout's buffer; null in the parallel layout. */
  private final EventBuffer batch;

  private final EventBuffer[] chunks;
  private final int chunkMask;

  EventBuffers(boolean fused, int ringSize) {
    if (fused) {
      // A batch is at most 64 commands; room for 64 events each before shrinking back. Renewed
      // after 256k events (about 100k commands); see EventBuffer#clear.
      batch = new EventBuffer(JournalHandler.MAX_BATCH_ENTRIES * 64, 1 << 18);
      chunks = null;
      chunkMask = 0;
    } else {
      batch = null;
      int n = Math.max(2, 2 * ringSize / CHUNK);
      chunks = new EventBuffer[n];
      for (int i = 0; i < n; i++) {
        chunks[i] = new EventBuffer(CHUNK * 64, 1 << 12);
      }
      chunkMask = n - 1;
    }
  }

  /** The buffer that takes the events of {@code sequence}; on the routing thread. */
  EventBuffer forSequence(long sequence) {
    return batch != null ? batch : chunks[(int) (sequence / CHUNK) & chunkMask];
  }

  /**
   * The events of {@code sequence} were handed to the listeners; {@code endOfBatch} marks the last
   * slot of a fused batch. On the dispatch thread.
   */
  void dispatched(long sequence, boolean endOfBatch) {
    if (batch != null) {
      if (endOfBatch) {
        batch.clear();
      }
    } else if (sequence % CHUNK == CHUNK - 1) {
      forSequence(sequence).clear();
    }
  }
}
