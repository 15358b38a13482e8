package dev.switchboard.router.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot files of the routing state, {@code snapshot-<journalIndex>.bin}, beside the journal.
 *
 * <p>A file is a 40-byte header then the engine's own bytes:
 *
 * <pre>
 *   i32  magic 0x53425353 ("SBSS")
 *   i32  format version (1)
 *   i64  journal index covered: every entry up to and including it is in the state; -1 = none
 *   i64  timestamp of the last command applied (the clamp floor after a restart)
 *   i64  the engine's state hash once this state is loaded
 *   i32  body length
 *   i32  CRC32 of the header fields above and the body
 *   ...  body
 * </pre>
 *
 * Written atomically: a temporary file is written and fsynced, then renamed over the final name,
 * and the directory fsynced, so a crash leaves either the whole snapshot or none. The newest few
 * are kept; older ones are removed once a newer one is safely written.
 */
public final class SnapshotStore {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

  static final int MAGIC = 0x53425353;
  static final int VERSION = 1;
  static final int HEADER_BYTES = 40;
  private static final Pattern NAME = Pattern.compile("snapshot-(-?\\d+)\\.bin");

  private final Path directory;
  private final int keep;

  /**
   * @param directory where the files live (the journal's directory)
   * @param keep how many of the newest snapshots to keep, at least 1
   */
  public SnapshotStore(Path directory, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one snapshot, got " + keep);
    }
    this.directory = directory;
    this.keep = keep;
  }

  /**
   * What a snapshot header says.
   *
   * @param journalIndex the last journal index whose command is in the state, -1 for none
   * @param lastTimestampMs the timestamp of that command
   * @param stateHash the engine's state hash for this state
   */
  public record Header(long journalIndex, long lastTimestampMs, long stateHash) {}

  /** A snapshot read back and checked. */
  public record Loaded(Path file, Header header, byte[] body) {}

  /** A snapshot file that failed its checks, and why. */
  public record Skipped(Path file, String reason) {}

  /** The file name for a snapshot covering {@code journalIndex}. */
  public Path fileFor(long journalIndex) {
    return directory.resolve("snapshot-" + journalIndex + ".bin");
  }

  /** Writes a snapshot atomically and removes old ones beyond {@link #keep}. */
  public Path write(Header header, byte[] body, int length) throws IOException {
    Files.createDirectories(directory);
    Path target = fileFor(header.journalIndex());
    Path temp = directory.resolve(target.getFileName() + ".tmp");
    ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
    head.putInt(MAGIC).putInt(VERSION);
    head.putLong(header.journalIndex())
        .putLong(header.lastTimestampMs())
        .putLong(header.stateHash());
    head.putInt(length);
    head.putInt(crc(head.array(), body, length));
    head.flip();
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      while (head.hasRemaining()) {
        channel.write(head);
      }
      ByteBuffer content = ByteBuffer.wrap(body, 0, length);
      while (content.hasRemaining()) {
        channel.write(content);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory();
    prune();
    return target;
  }

  private static int crc(byte[] header, byte[] body, int length) {
    CRC32 crc = new CRC32();
    crc.update(header, 0, HEADER_BYTES - 4);
    crc.update(body, 0, length);
    return (int) crc.getValue();
  }

  private void syncDirectory() {
    // Makes the rename itself durable; not every file system lets a directory be opened.
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync directory {}: {}", directory, e.toString());
    }
  }

  /** Snapshot files, newest (highest journal index) first. */
  public List<Path> list() throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "snapshot-*.bin")) {
      for (Path p : stream) {
        if (NAME.matcher(p.getFileName().toString()).matches()) {
          files.add(p);
        }
      }
    }
    files.sort(Comparator.comparingLong(SnapshotStore::indexOf).reversed());
    return files;
  }

  private static long indexOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : Long.MIN_VALUE;
  }

  /** Reads one snapshot and checks magic, version, length and CRC. */
  public Loaded read(Path file) throws IOException, CorruptEntryException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < HEADER_BYTES) {
      throw new CorruptEntryException("shorter than its header (" + all.length + " bytes)");
    }
    ByteBuffer head = ByteBuffer.wrap(all, 0, HEADER_BYTES);
    int magic = head.getInt();
    if (magic != MAGIC) {
      throw new CorruptEntryException("bad magic " + Integer.toHexString(magic));
    }
    int version = head.getInt();
    if (version != VERSION) {
      throw new CorruptEntryException("unknown snapshot version " + version);
    }
    Header header = new Header(head.getLong(), head.getLong(), head.getLong());
    int length = head.getInt();
    int storedCrc = head.getInt();
    if (length < 0 || length != all.length - HEADER_BYTES) {
      throw new CorruptEntryException(
          "body length " + length + " but file holds " + (all.length - HEADER_BYTES));
    }
    byte[] body = new byte[length];
    System.arraycopy(all, HEADER_BYTES, body, 0, length);
    if (crc(all, body, length) != storedCrc) {
      throw new CorruptEntryException("CRC mismatch");
    }
    return new Loaded(file, header, body);
  }

  private void prune() {
    try {
      List<Path> files = list();
      for (int i = keep; i < files.size(); i++) {
        Files.deleteIfExists(files.get(i));
      }
    } catch (IOException e) {
      LOG.warn("could not remove old snapshots in {}: {}", directory, e.toString());
    }
  }
}
