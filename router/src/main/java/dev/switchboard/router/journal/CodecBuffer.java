package dev.switchboard.router.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A growable byte array with a write position and a bounded read position, big-endian. One instance
 * is reused per journal stage so that encoding a command allocates nothing but what the strings
 * need. Not thread-safe.
 *
 * <p>Reads past the written end throw {@link CorruptEntryException}, never an index exception, so
 * that a truncated journal entry is reported as such.
 */
public final class CodecBuffer {
  private byte[] bytes;
  private int limit;
  private int readPosition;
  private final CRC32 crc = new CRC32();

  /** A buffer with room for {@code initialCapacity} bytes before it grows. */
  public CodecBuffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  /** Forgets the content; capacity is kept. */
  public CodecBuffer clear() {
    limit = 0;
    readPosition = 0;
    return this;
  }

  /** The backing array; valid until the next write. */
  public byte[] array() {
    return bytes;
  }

  /** Bytes written so far. */
  public int length() {
    return limit;
  }

  /** Bytes left to read. */
  public int remaining() {
    return limit - readPosition;
  }

  /** Where the next read starts. */
  public int readPosition() {
    return readPosition;
  }

  /**
   * Makes room for {@code length} bytes and marks them written, for a bulk copy into {@link
   * #array()}.
   */
  public int reserve(int length) {
    ensure(length);
    int at = limit;
    limit += length;
    return at;
  }

  /** Copies {@code length} bytes in, replacing the content, ready to be read from the start. */
  public CodecBuffer wrapCopy(byte[] source, int offset, int length) {
    clear();
    ensure(length);
    System.arraycopy(source, offset, bytes, 0, length);
    limit = length;
    return this;
  }

  /** CRC32 of bytes {@code [from, to)}. */
  public int crc32(int from, int to) {
    crc.reset();
    crc.update(bytes, from, to - from);
    return (int) crc.getValue();
  }

  private void ensure(int more) {
    if (limit + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, limit + more));
    }
  }

  // ---- writing

  public void writeByte(int value) {
    ensure(1);
    bytes[limit++] = (byte) value;
  }

  public void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  public void writeInt(int value) {
    ensure(4);
    bytes[limit] = (byte) (value >>> 24);
    bytes[limit + 1] = (byte) (value >>> 16);
    bytes[limit + 2] = (byte) (value >>> 8);
    bytes[limit + 3] = (byte) value;
    limit += 4;
  }

  public void writeLong(long value) {
    writeInt((int) (value >>> 32));
    writeInt((int) value);
  }

  /** An unsigned variable-length count (7 bits a byte), for lengths and sizes. */
  public void writeVarInt(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative length " + value);
    }
    while (value >= 0x80) {
      writeByte((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    writeByte(value);
  }

  /** UTF-8 with a var-int byte length; ASCII is copied without an intermediate array. */
  public void writeString(String value) {
    int n = value.length();
    if (n < 0x80) {
      // One pass: copy as if ASCII, and fall back when any char was not (a one-byte length covers
      // every ASCII string this short, so nothing written before the copy needs undoing).
      ensure(n + 1);
      int at = limit + 1;
      int seen = 0;
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        seen |= c;
        bytes[at + i] = (byte) c;
      }
      if (seen < 0x80) {
        bytes[limit] = (byte) n;
        limit = at + n;
        return;
      }
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarInt(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, limit, utf8.length);
    limit += utf8.length;
  }

  // ---- reading

  private void need(int count) throws CorruptEntryException {
    if (count < 0 || readPosition + count > limit) {
      throw new CorruptEntryException(
          "truncated: needs "
              + count
              + " bytes at offset "
              + readPosition
              + ", has "
              + remaining());
    }
  }

  public int readByte() throws CorruptEntryException {
    need(1);
    return bytes[readPosition++] & 0xFF;
  }

  public boolean readBoolean() throws CorruptEntryException {
    int b = readByte();
    if (b > 1) {
      throw new CorruptEntryException("bad boolean " + b + " at offset " + (readPosition - 1));
    }
    return b == 1;
  }

  public int readInt() throws CorruptEntryException {
    need(4);
    int v =
        ((bytes[readPosition] & 0xFF) << 24)
            | ((bytes[readPosition + 1] & 0xFF) << 16)
            | ((bytes[readPosition + 2] & 0xFF) << 8)
            | (bytes[readPosition + 3] & 0xFF);
    readPosition += 4;
    return v;
  }

  public long readLong() throws CorruptEntryException {
    long high = readInt();
    long low = readInt() & 0xFFFF_FFFFL;
    return (high << 32) | low;
  }

  public int readVarInt() throws CorruptEntryException {
    int value = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = readByte();
      value |= (b & 0x7F) << shift;
      if (b < 0x80) {
        if (value < 0) {
          throw new CorruptEntryException("var-int overflow at offset " + readPosition);
        }
        return value;
      }
    }
    throw new CorruptEntryException("var-int too long at offset " + readPosition);
  }

  public String readString() throws CorruptEntryException {
    int n = readVarInt();
    need(n);
    String s = new String(bytes, readPosition, n, StandardCharsets.UTF_8);
    readPosition += n;
    // Decoded ids become map keys on the routing thread. Computing (and caching) the hash here
    // moves that work to the decoding thread when a replay reads ahead.
    s.hashCode();
    return s;
  }
}
