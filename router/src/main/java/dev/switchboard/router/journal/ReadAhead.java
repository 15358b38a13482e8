package dev.switchboard.router.journal;

import dev.switchboard.router.api.Command;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads and decodes a journal on a thread of its own while the caller applies the entries: replay
 * at start-up runs at the speed of the slower of the two halves instead of their sum. The two
 * threads share a bounded single-producer, single-consumer ring; the caller sees the entries in
 * journal order, on its own thread, exactly as {@link ChronicleJournal#read} would hand them over.
 */
final class ReadAhead {
  private static final int SIZE = 1 << 12;
  private static final int MASK = SIZE - 1;

  private final long[] indexes = new long[SIZE];
  private final long[] timestamps = new long[SIZE];
  private final Command[] commands = new Command[SIZE];

  /** Entries written by the decoder (a count); ordered stores publish the array slots. */
  private final AtomicLong written = new AtomicLong();

  /** Entries taken by the caller; the decoder waits while the ring is full. */
  private final AtomicLong taken = new AtomicLong();

  private volatile boolean cancelled;
  private volatile ChronicleJournal.ReadResult result;
  private volatile RuntimeException failure;

  private ReadAhead() {}

  /** Reads {@code journal} after {@code afterIndex} on a decoder thread; applies on this one. */
  static ChronicleJournal.ReadResult read(
      ChronicleJournal journal, long afterIndex, ChronicleJournal.EntryConsumer consumer) {
    ReadAhead ring = new ReadAhead();
    Thread decoder = new Thread(() -> ring.decode(journal, afterIndex), "journal-read-ahead");
    decoder.setDaemon(true);
    decoder.start();
    try {
      return ring.apply(consumer);
    } finally {
      ring.cancelled = true;
      join(decoder);
    }
  }

  private void decode(ChronicleJournal journal, long afterIndex) {
    long[] next = {0};
    try {
      result =
          journal.read(
              afterIndex,
              (index, timestampMs, command) -> {
                long n = next[0]++;
                int spins = 0;
                while (n - taken.get() >= SIZE) {
                  if (cancelled) {
                    throw new Cancelled();
                  }
                  spins = backOff(spins);
                }
                int at = (int) (n & MASK);
                indexes[at] = index;
                timestamps[at] = timestampMs;
                commands[at] = command;
                written.lazySet(n + 1);
              });
    } catch (Cancelled e) {
      // the caller stopped taking entries (its consumer failed); nothing to report
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private ChronicleJournal.ReadResult apply(ChronicleJournal.EntryConsumer consumer) {
    long n = 0;
    int spins = 0;
    while (true) {
      long available = written.get();
      if (n < available) {
        for (; n < available; n++) {
          int at = (int) (n & MASK);
          Command command = commands[at];
          commands[at] = null;
          consumer.accept(indexes[at], timestamps[at], command);
        }
        taken.lazySet(n);
        spins = 0;
        continue;
      }
      // Read the outcome before re-checking the count: a result set after the last entry was
      // published means that count is final.
      ChronicleJournal.ReadResult done = result;
      RuntimeException failed = failure;
      if ((done != null || failed != null) && written.get() == n) {
        if (failed != null) {
          throw failed;
        }
        return done;
      }
      spins = backOff(spins);
    }
  }

  /** Spins briefly, then yields: both halves are busy during a replay and want their cores. */
  private static int backOff(int spins) {
    if (spins < 100) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
    return spins + 1;
  }

  private static void join(Thread decoder) {
    try {
      decoder.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Unwinds the decoder's read when the caller gave up. */
  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super(null, null, false, false);
    }
  }
}
