package dev.switchboard.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends event-log records to a file (JSON lines) on its own thread, so the router's dispatch
 * thread only hands a record over ({@link #offer}, never blocks). When the writer falls behind by
 * more than the buffer, records are dropped and counted rather than stalling routing. Also reads a
 * log back and exports it as CSV, JSON lines or Asterisk {@code queue_log}.
 */
public final class EventLogAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventLogAgent.class);

  private final Path file;
  private final ArrayBlockingQueue<EventLogRecord> pending;
  private final Thread thread;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Runnable onDrop;
  private volatile boolean running = true;

  /**
   * Opens (appends to) {@code file} and starts the writer thread.
   *
   * @param capacity records buffered between the dispatch thread and the writer
   * @param onDrop called (on the offering thread) for each dropped record
   */
  public EventLogAgent(Path file, int capacity, Runnable onDrop) {
    this.file = file;
    this.pending = new ArrayBlockingQueue<>(capacity);
    this.onDrop = onDrop;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory for event log " + file, e);
    }
    this.thread = new Thread(this::run, "stats-event-log");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Hands a record to the writer; false (and counted) when the buffer is full. */
  public boolean offer(EventLogRecord logRecord) {
    if (pending.offer(logRecord)) {
      return true;
    }
    if (dropped.incrementAndGet() == 1) {
      LOG.warn("event log {} falls behind; dropping records (counted)", file);
    }
    onDrop.run();
    return false;
  }

  /** Records written to the file so far. */
  public long written() {
    return written.get();
  }

  /** Records dropped because the buffer was full. */
  public long dropped() {
    return dropped.get();
  }

  /** The file. */
  public Path file() {
    return file;
  }

  private void run() {
    List<EventLogRecord> batch = new ArrayList<>(256);
    try (BufferedWriter out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      while (running || !pending.isEmpty()) {
        EventLogRecord first = pending.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, 4096);
        for (EventLogRecord r : batch) {
          out.write(EventLogCodec.toJson(r));
          out.write('\n');
        }
        out.flush();
        written.addAndGet(batch.size());
        batch.clear();
      }
    } catch (IOException e) {
      LOG.error("event log {} cannot be written; logging stops: {}", file, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes what is buffered, then stops the writer. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads a log file; lines that do not parse are skipped and logged once each. */
  public static List<EventLogRecord> read(Path file) throws IOException {
    List<EventLogRecord> out = new ArrayList<>();
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.forEach(
          line -> {
            if (line.isBlank()) {
              return;
            }
            try {
              out.add(EventLogCodec.fromJson(line));
            } catch (IllegalArgumentException e) {
              LOG.warn("skipping bad event-log line in {}: {}", file, e.getMessage());
            }
          });
    }
    return out;
  }

  /** Writes records as CSV with a header row. */
  public static void exportCsv(List<EventLogRecord> records, Writer out) throws IOException {
    out.write(EventLogCodec.csvHeader());
    out.write("\r\n");
    for (EventLogRecord r : records) {
      out.write(EventLogCodec.toCsv(r));
      out.write("\r\n");
    }
  }

  /** Writes records as JSON lines. */
  public static void exportJsonLines(List<EventLogRecord> records, Writer out) throws IOException {
    for (EventLogRecord r : records) {
      out.write(EventLogCodec.toJson(r));
      out.write('\n');
    }
  }

  /** Writes the records that have a {@code queue_log} line, as Asterisk's {@code queue_log}. */
  public static void exportQueueLog(List<EventLogRecord> records, Writer out) throws IOException {
    for (EventLogRecord r : records) {
      String line = EventLogCodec.toQueueLog(r);
      if (line != null) {
        out.write(line);
        out.write('\n');
      }
    }
  }
}
