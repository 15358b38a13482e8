package dev.switchboard.router.pipeline;

import dev.switchboard.router.journal.ChronicleJournal;
import dev.switchboard.router.journal.SnapshotStore;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes snapshot bytes to disk on its own thread, so that the routing thread only pays for
 * serialising the state into memory, not for the file write and fsync. It receives a private copy
 * of the bytes and never touches routing state.
 *
 * <p>Callers that own a thread of their own (start-up, close, the {@link SnapshotFollower}) write
 * on it with {@link #write}. Only one source of snapshots is active at a time: the follower writes
 * only while the routing thread takes none, and it has stopped before close writes the final one.
 */
final class SnapshotWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

  private final SnapshotStore store;
  private final ExecutorService executor;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile long lastWriteNanos;
  private volatile long newestIndex = ChronicleJournal.NO_INDEX;

  SnapshotWriter(SnapshotStore store) {
    this.store = store;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "router-snapshot");
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues a write; returns at once. */
  void submit(SnapshotStore.Header header, byte[] body) {
    newestIndex = header.journalIndex();
    executor.execute(() -> write(header, body));
  }

  /** Writes on the calling thread (start-up, close, the snapshot follower). */
  void write(SnapshotStore.Header header, byte[] body) {
    newestIndex = header.journalIndex();
    long started = System.nanoTime();
    try {
      store.write(header, body, body.length);
      written.incrementAndGet();
      lastWriteNanos = System.nanoTime() - started;
    } catch (IOException | RuntimeException e) {
      // The journal still holds everything; a missing snapshot only makes the next start slower.
      failed.incrementAndGet();
      LOG.error(
          "could not write snapshot at journal index {}: {}", header.journalIndex(), e.toString());
    }
  }

  /**
   * The journal index covered by the newest snapshot handed in (queued, written or failed), or
   * {@link ChronicleJournal#NO_INDEX} before any.
   */
  long newestIndex() {
    return newestIndex;
  }

  long written() {
    return written.get();
  }

  long failed() {
    return failed.get();
  }

  long lastWriteNanos() {
    return lastWriteNanos;
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("snapshot writer did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
