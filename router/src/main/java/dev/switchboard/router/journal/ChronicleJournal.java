package dev.switchboard.router.journal;

import dev.switchboard.router.api.Command;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The command journal: a Chronicle Queue of {@link CommandCodec} entries, rolled daily. A document
 * holds one entry, or a batch of entries written together (see {@link Appender}); every entry of a
 * document has the document's index.
 *
 * <p>Durability: Chronicle appends into a memory-mapped file. When the process dies ({@code kill
 * -9}, an OOM, a crash) the pages already written belong to the operating system's page cache and
 * reach the disk anyway, so every command whose append returned survives a process death. A power
 * cut or kernel crash can lose what the OS had not yet written back (seconds of commands); the
 * journal does not {@code fsync} per command because that would cost milliseconds per command.
 * Snapshots, which are rare, are fsynced.
 *
 * <p>Threads: an {@link Appender} belongs to the thread that created it (Chronicle checks this);
 * reading is done with a fresh tailer per {@link #read} call.
 */
public final class ChronicleJournal implements AutoCloseable {

  static {
    // Before any Chronicle class initialises: no usage analytics leave this process, and no
    // background disk-space monitor thread.
    System.setProperty("chronicle.analytics.disable", "true");
    System.setProperty("chronicle.disk.monitor.disable", "true");
  }

  /** "No index": the journal is empty, or a read should start at the first entry. */
  public static final long NO_INDEX = -1;

  private final Path directory;
  private final SingleChronicleQueue queue;

  private ChronicleJournal(Path directory, SingleChronicleQueue queue) {
    this.directory = directory;
    this.queue = queue;
  }

  /** Opens (creating if needed) the journal in {@code directory}. */
  public static ChronicleJournal open(Path directory) {
    SingleChronicleQueue queue =
        SingleChronicleQueueBuilder.binary(directory).rollCycle(RollCycles.FAST_DAILY).build();
    return new ChronicleJournal(directory, queue);
  }

  /** The directory the queue files live in. */
  public Path directory() {
    return directory;
  }

  /** The index of the last entry physically present (readable or not), or {@link #NO_INDEX}. */
  public long lastIndex() {
    long last = queue.lastIndex();
    return last < 0 ? NO_INDEX : last;
  }

  /** Splits an index into cycle and sequence for reports. */
  public JournalPosition position(long index) {
    RollCycle cycle = queue.rollCycle();
    return new JournalPosition(index, cycle.toCycle(index), cycle.toSequenceNumber(index));
  }

  /** An appender for the calling thread; use it only on that thread. */
  public Appender appender() {
    return new Appender(queue.createAppender());
  }

  /** Receives entries as {@link #read} decodes them. */
  @FunctionalInterface
  public interface EntryConsumer {
    void accept(long index, long timestampMs, Command command);
  }

  /**
   * What a {@link #read} saw.
   *
   * @param entries entries decoded and handed to the consumer
   * @param lastIndex index of the last of them, or the {@code afterIndex} given if none
   * @param corruptTail the first entry that could not be decoded, or null if the journal was read
   *     to its end
   */
  public record ReadResult(long entries, long lastIndex, CorruptTail corruptTail) {}

  /**
   * Decodes entries in order and hands them to {@code consumer}, stopping at the end or at the
   * first entry that cannot be decoded.
   *
   * @param afterIndex start after this index ({@link #NO_INDEX}: from the first entry)
   * @throws IllegalStateException if {@code afterIndex} is not in the journal (its file was
   *     removed), since the entries after it cannot be found
   */
  public ReadResult read(long afterIndex, EntryConsumer consumer) {
    try (ExcerptTailer tailer = positionedAfter(afterIndex)) {
      return readDocuments(tailer, afterIndex, new CodecBuffer(1024), consumer);
    }
  }

  /** A tailer whose next document is the one after {@code afterIndex}. */
  private ExcerptTailer positionedAfter(long afterIndex) {
    ExcerptTailer tailer = queue.createTailer();
    if (afterIndex != NO_INDEX) {
      boolean found = tailer.moveToIndex(afterIndex);
      if (found) {
        try (DocumentContext dc = tailer.readingDocument()) {
          found = dc.isPresent() && dc.index() == afterIndex;
        }
      }
      if (!found) {
        tailer.close();
        throw new IllegalStateException(
            "journal in " + directory + " has no entry " + position(afterIndex));
      }
    }
    return tailer;
  }

  /** Decodes documents from {@code tailer} until there are no more, or one is damaged. */
  private ReadResult readDocuments(
      ExcerptTailer tailer, long lastIndex, CodecBuffer buffer, EntryConsumer consumer) {
    long count = 0;
    while (true) {
      long index;
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          return new ReadResult(count, lastIndex, null);
        }
        index = dc.index();
        Bytes<?> bytes = dc.wire().bytes();
        int length = (int) bytes.readRemaining();
        buffer.clear();
        int at = buffer.reserve(length);
        bytes.read(buffer.array(), at, length);
      } catch (RuntimeException e) {
        long at = tailer.index();
        return new ReadResult(count, lastIndex, corrupt(at, "unreadable document: " + e, tailer));
      }
      // A document holds one entry or a batch of them; all carry the document's index.
      int entryInDocument = 0;
      do {
        JournalEntry entry;
        try {
          entry = CommandCodec.decode(buffer);
        } catch (CorruptEntryException e) {
          String where = entryInDocument == 0 ? "" : "entry " + entryInDocument + ": ";
          return new ReadResult(count, lastIndex, corrupt(index, where + e.getMessage(), tailer));
        }
        consumer.accept(index, entry.timestampMs(), entry.command());
        count++;
        entryInDocument++;
      } while (buffer.remaining() > 0);
      lastIndex = index;
    }
  }

  /**
   * A reader that stays open and follows the journal as it grows: each {@link Tail#readNew} hands
   * over what was written since the last one. Creating a tailer and seeking costs tens of
   * microseconds, which a reader polling every millisecond should pay once, not at every poll. Use
   * it on one thread.
   *
   * @param afterIndex start after this index ({@link #NO_INDEX}: from the first entry)
   * @throws IllegalStateException if {@code afterIndex} is not in the journal
   */
  public Tail tail(long afterIndex) {
    return new Tail(positionedAfter(afterIndex), afterIndex);
  }

  /** See {@link #tail}. */
  public final class Tail implements AutoCloseable {
    private final ExcerptTailer tailer;
    private final CodecBuffer buffer = new CodecBuffer(1024);
    private long lastIndex;

    private Tail(ExcerptTailer tailer, long afterIndex) {
      this.tailer = tailer;
      this.lastIndex = afterIndex;
    }

    /**
     * Hands over every entry written since the last call (whole documents only), in order.
     *
     * @return what was read; after a damaged entry ({@code corruptTail} set) stop using this tail
     */
    public ReadResult readNew(EntryConsumer consumer) {
      ReadResult result = readDocuments(tailer, lastIndex, buffer, consumer);
      lastIndex = result.lastIndex();
      return result;
    }

    @Override
    public void close() {
      tailer.close();
    }
  }

  /**
   * The same as {@link #read}, but entries are read and decoded on a second thread while {@code
   * consumer} runs on the caller's: for replays, where decoding and applying each take a core. The
   * consumer is called on the calling thread, in order; if it throws, reading stops and the
   * exception reaches the caller.
   */
  public ReadResult readAhead(long afterIndex, EntryConsumer consumer) {
    return ReadAhead.read(this, afterIndex, consumer);
  }

  private CorruptTail corrupt(long index, String reason, ExcerptTailer tailer) {
    long after = 0;
    try {
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          after++;
        }
      }
    } catch (RuntimeException e) {
      // counting what lies beyond a damaged spot is best effort; the position is what matters
    }
    return new CorruptTail(position(index), reason, after);
  }

  @Override
  public void close() {
    queue.close();
  }

  /**
   * Appends entries from one thread, reusing one encode buffer. Entries can be written one document
   * each ({@link #append}) or several to a document ({@link #add} then {@link #flush}): a document
   * is written whole or not at all, and readers hand its entries over one by one with the
   * document's index. Batching saves Chronicle's per-document work when commands come in bursts.
   */
  public static final class Appender implements AutoCloseable {
    private final ExcerptAppender appender;
    private final CodecBuffer buffer = new CodecBuffer(1 << 16);
    private int pending;
    private long lastIndex = NO_INDEX;

    private Appender(ExcerptAppender appender) {
      this.appender = appender;
      // Chronicle checks on every write that the appender stays on one thread (a few percent of
      // the router thread's time). Ours is created by, and used only on, one stage thread.
      appender.singleThreadedCheckDisabled(true);
    }

    /** Appends one command as a document of its own and returns its journal index. */
    public long append(long timestampMs, Command command) {
      add(timestampMs, command);
      return flush();
    }

    /** Encodes one command into the document being built; nothing is written until flush. */
    public void add(long timestampMs, Command command) {
      CommandCodec.encode(timestampMs, command, buffer);
      pending++;
    }

    /** Entries added since the last flush. */
    public int pendingEntries() {
      return pending;
    }

    /** Bytes added since the last flush. */
    public int pendingBytes() {
      return buffer.length();
    }

    /**
     * Writes the entries added since the last flush as one document.
     *
     * @return its journal index (the previous document's if nothing was pending)
     */
    public long flush() {
      if (pending == 0) {
        return lastIndex;
      }
      try (DocumentContext dc = appender.writingDocument()) {
        dc.wire().bytes().write(buffer.array(), 0, buffer.length());
      }
      buffer.clear();
      pending = 0;
      lastIndex = appender.lastIndexAppended();
      return lastIndex;
    }

    @Override
    public void close() {
      appender.close();
    }
  }
}
