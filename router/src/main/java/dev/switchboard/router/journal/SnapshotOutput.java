package dev.switchboard.router.journal;

import java.io.DataOutput;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * A {@link DataOutput} into a growable byte array, byte-for-byte what {@link
 * java.io.DataOutputStream} writes (so {@link java.io.DataInputStream} reads it back), without its
 * per-byte synchronized calls. The routing thread serialises the whole state through it while
 * routing waits, so this is the cost of a snapshot pause; the buffer is reused, keeping its
 * capacity between snapshots. Not thread-safe.
 */
public final class SnapshotOutput implements DataOutput {
  private byte[] bytes;
  private int length;

  public SnapshotOutput(int initialCapacity) {
    bytes = new byte[Math.max(64, initialCapacity)];
  }

  /** Forgets the content, keeping the capacity. */
  public void reset() {
    length = 0;
  }

  /** Bytes written. */
  public int length() {
    return length;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    ensure(2);
    bytes[length] = (byte) (v >>> 8);
    bytes[length + 1] = (byte) v;
    length += 2;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensure(4);
    bytes[length] = (byte) (v >>> 24);
    bytes[length + 1] = (byte) (v >>> 16);
    bytes[length + 2] = (byte) (v >>> 8);
    bytes[length + 3] = (byte) v;
    length += 4;
  }

  @Override
  public void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void writeChars(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      writeChar(s.charAt(i));
    }
  }

  /**
   * Modified UTF-8 with a two-byte length, exactly as {@link java.io.DataOutputStream#writeUTF}.
   */
  @Override
  public void writeUTF(String s) throws UTFDataFormatException {
    int n = s.length();
    int encoded = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      encoded += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
    if (encoded > 65_535) {
      throw new UTFDataFormatException("encoded string too long: " + encoded + " bytes");
    }
    ensure(2 + encoded);
    bytes[length++] = (byte) (encoded >>> 8);
    bytes[length++] = (byte) encoded;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        bytes[length++] = (byte) c;
      } else if (c <= 0x07FF) {
        bytes[length++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      } else {
        bytes[length++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }
}
