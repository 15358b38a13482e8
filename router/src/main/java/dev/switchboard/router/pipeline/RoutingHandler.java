package dev.switchboard.router.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.switchboard.router.engine.EventBuffer;
import dev.switchboard.router.engine.RoutingEngine;
import dev.switchboard.router.journal.SnapshotOutput;
import dev.switchboard.router.journal.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Stage 2: applies each command to the engine on the one routing thread, storing its events in an
 * {@link EventBuffer} it owns and shares between neighbouring slots (the slot records its range).
 * Without a {@link SnapshotFollower} (or once it has failed) it also takes the periodic snapshot
 * between batches, pausing routing while it serialises the state; with one it takes none.
 *
 * <p>Time: producers stamp commands as they publish, but two producers can race (one reads the
 * clock, is descheduled, and claims its slot after a later reader). The engine is promised
 * non-decreasing time, so the timestamp is clamped to the last one seen; the journal stage applies
 * the identical clamp in the identical order, so the journal records exactly what the engine saw.
 */
final class RoutingHandler implements EventHandler<CommandSlot> {
  private final RoutingEngine engine;
  private final long snapshotEveryCommands;
  private final LongSupplier journalSequence;
  private final BooleanSupplier halted;
  private final SnapshotWriter snapshots;
  private final SnapshotTimings timings;
  private final SnapshotOutput snapshotBytes = new SnapshotOutput(1 << 16);

  /** The fused layout's buffer shared by the slots of a batch; null in the parallel layout. */
  private final EventBuffer batchEvents;

  /**
   * The parallel layout's buffers, each shared by {@value #CHUNK} consecutive ring sequences and
   * cleared by the dispatch stage after the last of them; twice as many as the ring needs, so that
   * routing never writes into a chunk whose slots dispatch has not finished.
   */
  private final EventBuffer[] chunks;

  private final int chunkMask;

  /** Ring sequences per chunk of the parallel layout. */
  static final int CHUNK = 64;

  private long lastTimestampMs;
  private long sinceSnapshot;
  private volatile boolean snapshotsHere;
  private volatile long snapshotsTaken;
  private volatile long maxSerializeNanos;

  RoutingHandler(
      RoutingEngine engine,
      long lastTimestampMs,
      long snapshotEveryCommands,
      LongSupplier journalSequence,
      BooleanSupplier halted,
      SnapshotWriter snapshots,
      SnapshotTimings timings,
      boolean snapshotsHere,
      boolean fused,
      int ringSize) {
    if (fused) {
      // A batch is at most 64 commands; room for 64 events each before shrinking back.
      // Renewed after 256k events (about 100k commands); see EventBuffer#clear.
      this.batchEvents = new EventBuffer(JournalHandler.MAX_BATCH_ENTRIES * 64, 1 << 18);
      this.chunks = null;
      this.chunkMask = 0;
    } else {
      this.batchEvents = null;
      int n = Math.max(2, 2 * ringSize / CHUNK);
      this.chunks = new EventBuffer[n];
      for (int i = 0; i < n; i++) {
        chunks[i] = new EventBuffer(CHUNK * 64, 1 << 12);
      }
      this.chunkMask = n - 1;
    }
    this.engine = engine;
    this.lastTimestampMs = lastTimestampMs;
    this.snapshotEveryCommands = snapshotEveryCommands;
    this.journalSequence = journalSequence;
    this.halted = halted;
    this.snapshots = snapshots;
    this.timings = timings;
    this.snapshotsHere = snapshotsHere;
  }

  @Override
  public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
    long nowMs = Math.max(slot.timestampMs, lastTimestampMs);
    lastTimestampMs = nowMs;
    EventBuffer events =
        batchEvents != null ? batchEvents : chunks[(int) (sequence / CHUNK) & chunkMask];
    slot.events = events;
    slot.eventsFrom = events.size();
    engine.apply(nowMs, slot.command, events);
    slot.eventsTo = events.size();
    sinceSnapshot++;
    if (endOfBatch
        && snapshotEveryCommands > 0
        && sinceSnapshot >= snapshotEveryCommands
        && snapshotsHere) {
      snapshot(slot, sequence);
    }
  }

  private void snapshot(CommandSlot slot, long sequence) {
    // The snapshot names the journal index it covers, which the journal stage (running in
    // parallel) writes into the slot. It is normally ahead already; if not, wait the few
    // microseconds it needs rather than guess an index.
    while (journalSequence.getAsLong() < sequence) {
      if (halted.getAsBoolean()) {
        return;
      }
      Thread.onSpinWait();
    }
    long started = System.nanoTime();
    byte[] body = serialize();
    long hash = engine.stateHashOf(body);
    long took = System.nanoTime() - started;
    timings.record(took, body.length);
    maxSerializeNanos = Math.max(maxSerializeNanos, took);
    snapshotsTaken++;
    snapshots.submit(new SnapshotStore.Header(slot.journalIndex, lastTimestampMs, hash), body);
    sinceSnapshot = 0;
  }

  /** The engine's state as bytes; call only on the routing thread or once it has stopped. */
  byte[] serialize() {
    snapshotBytes.reset();
    try {
      engine.writeSnapshot(snapshotBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("engine could not write its snapshot", e);
    }
    return snapshotBytes.toByteArray();
  }

  /**
   * From the next batch on, takes the periodic snapshots on the routing thread: the snapshot
   * follower has stopped. Any thread may call it.
   */
  void takeSnapshotsHere() {
    snapshotsHere = true;
  }

  /**
   * The dispatch stage handed over the events of {@code sequence}; buffers whose events have all
   * gone are cleared: the fused layout's at the end of its batch ({@code endOfBatch}, which the
   * fused handler sets on the batch's last slot), a parallel-layout chunk after its last sequence.
   * Called on the dispatch thread (the routing thread itself in the fused layout).
   */
  void eventsDispatched(long sequence, boolean endOfBatch) {
    if (batchEvents != null) {
      if (endOfBatch) {
        batchEvents.clear();
      }
    } else if (sequence % CHUNK == CHUNK - 1) {
      chunks[(int) (sequence / CHUNK) & chunkMask].clear();
    }
  }

  long lastTimestampMs() {
    return lastTimestampMs;
  }

  /** Periodic snapshots serialised on the routing thread since start. */
  long snapshotsTaken() {
    return snapshotsTaken;
  }

  /** The longest of those pauses. */
  long maxSerializeNanos() {
    return maxSerializeNanos;
  }
}
