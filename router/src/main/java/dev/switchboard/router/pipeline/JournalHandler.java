package dev.switchboard.router.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.switchboard.router.journal.ChronicleJournal;

/**
 * Stage 1: appends every command, with its clamped timestamp, to the Chronicle journal, and notes
 * the index in the slot. Runs in parallel with routing; dispatch waits for both.
 */
final class JournalHandler implements EventHandler<CommandSlot> {
  private final ChronicleJournal journal;
  private ChronicleJournal.Appender appender;
  private long lastTimestampMs;
  private volatile long lastIndex;

  JournalHandler(ChronicleJournal journal, long lastTimestampMs, long lastIndex) {
    this.journal = journal;
    this.lastTimestampMs = lastTimestampMs;
    this.lastIndex = lastIndex;
  }

  @Override
  public void onStart() {
    // Chronicle appenders are confined to the thread that creates them: this stage's thread.
    appender = journal.appender();
  }

  @Override
  public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
    // The same clamp as the routing stage, over the same ring order, so the journal holds exactly
    // the time the engine saw and a replay needs no clamping state of its own.
    long nowMs = Math.max(slot.timestampMs, lastTimestampMs);
    lastTimestampMs = nowMs;
    long index = appender.append(nowMs, slot.command);
    slot.journalIndex = index;
    lastIndex = index;
  }

  @Override
  public void onShutdown() {
    if (appender != null) {
      appender.close();
    }
  }

  /** The index of the last command appended, or the recovered one before any. */
  long lastIndex() {
    return lastIndex;
  }
}
