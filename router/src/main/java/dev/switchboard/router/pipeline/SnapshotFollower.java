package dev.switchboard.router.pipeline;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.engine.EventSink;
import dev.switchboard.router.engine.RoutingEngine;
import dev.switchboard.router.journal.ChronicleJournal;
import dev.switchboard.router.journal.CorruptTail;
import dev.switchboard.router.journal.SnapshotOutput;
import dev.switchboard.router.journal.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the periodic snapshots off the routing thread, so that routing never pauses to serialise
 * its state (30 ms at 1,000 agents, nearly half a second at 100,000).
 *
 * <p>It keeps its own copy of the routing state in a second engine, loaded once at start-up from
 * the recovered routing engine's bytes, and brings that copy forward on its own thread by applying
 * every journaled command with its journaled (already clamped) time and no listener, exactly as
 * recovery does. Every {@code snapshotEveryCommands} commands it serialises its copy and writes it
 * with the journal index it covers. The engine is deterministic, so this is the snapshot the
 * routing engine would have written at that index.
 *
 * <p>It never holds routing up: it reads the journal with its own tailer and the journal stage's
 * last index (a volatile), nothing else. If it falls behind it snapshots later. Caught up, it parks
 * for a millisecond between polls instead of spinning.
 *
 * <p>Fail-safe: if anything goes wrong (the engine throws applying or serialising, the journal
 * cannot be read) it logs, counts the failure, drops its copy of the state and calls {@code
 * onFailure}, which hands the periodic snapshots back to the routing thread: a pause is better than
 * no snapshot, and better than a wrong one.
 *
 * <p>Cost: a second copy of the routing state in memory, and a thread doing the routing stage's
 * apply work a second time, plus the serialising.
 */
final class SnapshotFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFollower.class);

  static final String THREAD_NAME = "router-snapshot-follower";
  private static final long IDLE_PARK_NANOS = 1_000_000;

  private final ChronicleJournal journal;
  private final long snapshotEveryCommands;
  private final LongSupplier journaledIndex;
  private final SnapshotWriter writer;
  private final SnapshotTimings timings;
  private final Runnable onFailure;
  private final SnapshotOutput snapshotBytes = new SnapshotOutput(1 << 16);
  private final Thread thread;

  // Owned by the follower thread once started (by the starting thread before).
  private RoutingEngine engine;
  private long appliedIndex = ChronicleJournal.NO_INDEX;
  private long lastTimestampMs = Long.MIN_VALUE;
  private ChronicleJournal.Tail tail;
  private boolean snapshotDue;
  private long sinceSnapshot;

  private volatile boolean running = true;
  private volatile boolean failed;
  private volatile long applied;
  private volatile long snapshots;

  /**
   * @param journal the router's journal, read only
   * @param engine a fresh engine of the same kind as the routing engine, for this follower alone
   * @param snapshotEveryCommands a snapshot after this many commands applied, at least 1
   * @param journaledIndex the journal index last appended: tells, without opening a tailer, whether
   *     there is anything new to read
   * @param writer where snapshots go
   * @param timings where the serialise time of each snapshot is noted
   * @param onFailure called once, on the follower's thread, after it failed and stopped
   */
  SnapshotFollower(
      ChronicleJournal journal,
      RoutingEngine engine,
      long snapshotEveryCommands,
      LongSupplier journaledIndex,
      SnapshotWriter writer,
      SnapshotTimings timings,
      Runnable onFailure) {
    if (snapshotEveryCommands < 1) {
      throw new IllegalArgumentException(
          "a snapshot follower needs snapshotEveryCommands >= 1, got " + snapshotEveryCommands);
    }
    this.journal = journal;
    this.engine = engine;
    this.snapshotEveryCommands = snapshotEveryCommands;
    this.journaledIndex = journaledIndex;
    this.writer = writer;
    this.timings = timings;
    this.onFailure = onFailure;
    this.thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
  }

  /**
   * Loads the routing engine's state into this follower's engine and checks that it reaches the
   * same state hash. Call once, before {@link #start()}, while the routing engine is not running.
   *
   * @param state the routing engine's snapshot bytes
   * @param expectedHash the routing engine's state hash
   * @param journalIndex the last journal index in that state (where tailing starts after)
   * @param lastTimestampMs the time of the last command in that state (the clamp floor)
   * @return false, having logged why, if the copy is not faithful: then do not start the follower
   */
  boolean load(byte[] state, long expectedHash, long journalIndex, long lastTimestampMs) {
    long copyHash;
    try {
      engine.readSnapshot(new DataInputStream(new ByteArrayInputStream(state)));
      copyHash = engine.stateHash();
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "snapshot follower disabled: its engine could not load the routing engine's state ({}"
              + " bytes); periodic snapshots stay on the routing thread",
          state.length,
          e);
      engine = null;
      return false;
    }
    if (copyHash != expectedHash) {
      LOG.error(
          String.format(
              "snapshot follower disabled: its engine loaded the routing state to hash %016x, the"
                  + " routing engine's is %016x (the two engines are not alike); periodic"
                  + " snapshots stay on the routing thread",
              copyHash, expectedHash));
      engine = null;
      return false;
    }
    this.appliedIndex = journalIndex;
    this.lastTimestampMs = lastTimestampMs;
    return true;
  }

  /** Starts tailing the journal after the index given to {@link #load}. */
  void start() {
    if (engine == null) {
      throw new IllegalStateException("snapshot follower was not loaded");
    }
    thread.start();
  }

  private void run() {
    // One tailer for the follower's life, opened on its own thread: creating one and seeking to
    // an index costs tens of microseconds, too much to pay at every poll.
    try (ChronicleJournal.Tail opened = journal.tail(appliedIndex)) {
      tail = opened;
      while (running) {
        if (journaledIndex.getAsLong() == appliedIndex || readNew() == 0) {
          LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
      }
    } catch (Stopped e) {
      // close() asked it to stop in the middle of a read
    } catch (RuntimeException | Error e) {
      // Whatever went wrong (an OutOfMemoryError from the second copy of the state included), it
      // costs only the follower: routing goes on, and takes the snapshots itself again.
      fail(e);
    }
  }

  /** Applies everything journaled after {@link #appliedIndex}; returns how many entries. */
  private long readNew() {
    ChronicleJournal.ReadResult result = tail.readNew(this::apply);
    CorruptTail corrupt = result.corruptTail();
    if (corrupt != null) {
      throw new IllegalStateException(
          "journal entry at " + corrupt.position() + " cannot be read: " + corrupt.reason());
    }
    // A read ends after a whole document.
    if (snapshotDue) {
      snapshot();
    }
    return result.entries();
  }

  private void apply(long index, long timestampMs, Command command) {
    if (!running) {
      throw Stopped.INSTANCE;
    }
    // A snapshot names the last document it covers, so it is taken between documents: once an
    // entry of the next document comes, or the read ends. Never after part of a batch.
    if (snapshotDue && index != appliedIndex) {
      snapshot();
    }
    // Entries hold the clamped time already; the max is recovery's guard, kept identical.
    long nowMs = Math.max(timestampMs, lastTimestampMs);
    try {
      engine.apply(nowMs, command, EventSink.DISCARD);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "engine failed applying journal entry "
              + journal.position(index)
              + " ("
              + command.getClass().getSimpleName()
              + ")",
          e);
    }
    lastTimestampMs = nowMs;
    appliedIndex = index;
    applied = applied + 1;
    if (++sinceSnapshot >= snapshotEveryCommands) {
      snapshotDue = true;
    }
  }

  private void snapshot() {
    long started = System.nanoTime();
    snapshotBytes.reset();
    try {
      engine.writeSnapshot(snapshotBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("engine could not write its snapshot", e);
    }
    byte[] body = snapshotBytes.toByteArray();
    long hash = engine.stateHashOf(body);
    timings.record(System.nanoTime() - started, body.length);
    SnapshotStore.Header header = new SnapshotStore.Header(appliedIndex, lastTimestampMs, hash);
    // Written and fsynced on this thread: it has nothing else to do meanwhile, and a slow disk
    // makes it fall behind rather than pile up snapshots in memory.
    writer.write(header, body);
    snapshots = snapshots + 1;
    sinceSnapshot = 0;
    snapshotDue = false;
  }

  private void fail(Throwable cause) {
    running = false;
    engine = null;
    onFailure.run();
    failed = true;
    LOG.error(
        "snapshot follower failed after journal {}; it has stopped, routing carries on and the"
            + " routing thread takes the periodic snapshots from now on (pausing routing while it"
            + " serialises)",
        appliedIndex == ChronicleJournal.NO_INDEX
            ? "start"
            : "entry " + journal.position(appliedIndex),
        cause);
  }

  /** True while it runs: started, not failed, not closed. */
  boolean isActive() {
    return running && !failed && thread.isAlive();
  }

  /** True once it failed and has handed the snapshots back to the routing thread. */
  boolean hasFailed() {
    return failed;
  }

  /** Journaled commands applied to its copy since start. */
  long applied() {
    return applied;
  }

  /** Snapshots it serialised and handed to the writer. */
  long snapshots() {
    return snapshots;
  }

  /**
   * Stops the thread (between two entries, or after the snapshot it is writing) and waits for it,
   * so the journal can be closed after this returns.
   */
  void close(Duration timeout) {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn(
          "snapshot follower did not stop within {} ms (still serialising a large state?)",
          timeout.toMillis());
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /** Unwinds a read when {@link #close} asks the follower to stop. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Stopped INSTANCE = new Stopped();

    private Stopped() {
      super("snapshot follower stopping", null, false, false);
    }
  }
}
