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
 * Stage 2: applies each command to the engine on the one routing thread, storing its events in the
 * {@link EventBuffers} buffer for its sequence (the slot records where). Without a {@link
 * SnapshotFollower} (or once it has failed) it also takes the periodic snapshot between batches,
 * pausing routing while it serialises the state; with one it takes none.
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

  /** Where each sequence's events go; shared with the dispatch stage. */
  private final EventBuffers events;

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
      EventBuffers events) {
    this.events = events;
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
    EventBuffer buffer = events.forSequence(sequence);
    slot.events = buffer;
    slot.eventsFrom = buffer.size();
    engine.apply(nowMs, slot.command, buffer);
    slot.eventsTo = buffer.size();
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
