package dev.switchboard.router.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.switchboard.router.journal.ChronicleJournal;

/**
 * Stage 1: appends every command, with its clamped timestamp, to the Chronicle journal, and notes
 * the index in the slot.
 *
 * <p>In the parallel layout every command is a document of its own, written at once: the routing
 * stage, running alongside, may take a snapshot after any command and names the index that covers
 * it. In the fused layout the commands of one Disruptor batch share a document (at most {@link
 * #MAX_BATCH_ENTRIES} commands or {@link #MAX_BATCH_BYTES} bytes), written at the end of the batch
 * before any of its events is dispatched; {@link FusedHandler} keeps that order. A burst of
 * commands then costs Chronicle one document, not one each.
 */
final class JournalHandler implements EventHandler<CommandSlot> {
  static final int MAX_BATCH_ENTRIES = 64;
  static final int MAX_BATCH_BYTES = 32 * 1024;

  private final ChronicleJournal journal;
  private final boolean batching;
  private final CommandSlot[] batch = new CommandSlot[MAX_BATCH_ENTRIES];
  private int batched;
  private ChronicleJournal.Appender appender;
  private long lastTimestampMs;
  private volatile long lastIndex;

  JournalHandler(ChronicleJournal journal, long lastTimestampMs, long lastIndex, boolean batching) {
    this.journal = journal;
    this.lastTimestampMs = lastTimestampMs;
    this.lastIndex = lastIndex;
    this.batching = batching;
  }

  @Override
  public void onStart() {
    // Chronicle appenders are confined to the thread that creates them: this stage's thread.
    appender = journal.appender();
  }

  @Override
  public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
    add(slot);
    if (!batching || endOfBatch || batchFull()) {
      flush();
    }
  }

  /**
   * Encodes the slot's command into the document being built. The same clamp as the routing stage,
   * over the same ring order, so the journal holds exactly the time the engine saw and a replay
   * needs no clamping state of its own.
   */
  void add(CommandSlot slot) {
    long nowMs = Math.max(slot.timestampMs, lastTimestampMs);
    lastTimestampMs = nowMs;
    appender.add(nowMs, slot.command);
    batch[batched++] = slot;
  }

  /** True when the document being built should be written before another command joins it. */
  boolean batchFull() {
    return batched == MAX_BATCH_ENTRIES || appender.pendingBytes() >= MAX_BATCH_BYTES;
  }

  /** Writes the document being built and gives its index to each of its slots. */
  void flush() {
    long index = appender.flush();
    for (int i = 0; i < batched; i++) {
      batch[i].journalIndex = index;
      batch[i] = null;
    }
    batched = 0;
    lastIndex = index;
  }

  @Override
  public void onShutdown() {
    if (appender != null) {
      appender.close();
    }
  }

  /** The index of the last document written, or the recovered one before any. */
  long lastIndex() {
    return lastIndex;
  }
}
