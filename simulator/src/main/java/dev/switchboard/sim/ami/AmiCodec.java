package dev.switchboard.sim.ami;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The AMI wire format: {@code Name: value} lines ended by CRLF, a message ended by an empty line.
 * Decoding is lenient like Asterisk's own reader (bare LF accepted, a line without a colon becomes
 * a header with an empty value); encoding always writes CRLF.
 */
public final class AmiCodec {

  /** The longest line accepted; a longer one is a protocol error (defends against garbage). */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private AmiCodec() {}

  /** Encodes one message, including the terminating empty line. */
  public static String encode(AmiMessage message) {
    StringBuilder sb = new StringBuilder(32 * (message.headers().size() + 1));
    for (AmiMessage.Header h : message.headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  /** Decodes the text of one message (without or with its terminating empty line). */
  public static AmiMessage decode(String text) {
    List<AmiMessage.Header> headers = new ArrayList<>();
    for (String line : text.split("\r?\n", -1)) {
      if (!line.isEmpty()) {
        headers.add(parseLine(line));
      }
    }
    return new AmiMessage(headers);
  }

  /** Parses one {@code Name: value} line; the value keeps everything after the first ": ". */
  public static AmiMessage.Header parseLine(String line) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      return new AmiMessage.Header(line.trim(), "");
    }
    String name = line.substring(0, colon).trim();
    String value = line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    return new AmiMessage.Header(name, value);
  }

  /** Reads messages one at a time from a stream (not thread-safe; one reader per stream). */
  public static final class Reader {
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

    /**
     * @param in the stream; buffered here, so pass the raw socket stream
     */
    public Reader(InputStream in) {
      this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 16 * 1024);
    }

    /**
     * Reads the next message; empty lines between messages are skipped.
     *
     * @return the message, or {@code null} at end of stream
     * @throws IOException on I/O error or a line longer than {@link #MAX_LINE_BYTES}
     */
    public AmiMessage next() throws IOException {
      List<AmiMessage.Header> headers = new ArrayList<>();
      while (true) {
        String l = readLine();
        if (l == null) {
          return headers.isEmpty() ? null : new AmiMessage(headers);
        }
        if (l.isEmpty()) {
          if (!headers.isEmpty()) {
            return new AmiMessage(headers);
          }
          continue;
        }
        headers.add(parseLine(l));
      }
    }

    /** Reads one line without its terminator, or {@code null} at end of stream. */
    public String readLine() throws IOException {
      line.reset();
      int b;
      boolean any = false;
      while ((b = in.read()) >= 0) {
        any = true;
        if (b == '\n') {
          break;
        }
        if (line.size() >= MAX_LINE_BYTES) {
          throw new IOException("AMI line longer than " + MAX_LINE_BYTES + " bytes");
        }
        line.write(b);
      }
      if (!any) {
        return null;
      }
      byte[] bytes = line.toByteArray();
      int len = bytes.length;
      if (len > 0 && bytes[len - 1] == '\r') {
        len--;
      }
      return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }
  }
}
