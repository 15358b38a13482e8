package dev.switchboard.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes event-log records as JSON lines (the stored form), CSV rows and Asterisk-style {@code
 * queue_log} lines ({@code epoch|callid|queuename|agent|event|data1|data2|data3}), and decodes the
 * JSON lines and {@code queue_log} lines back. Malformed input is rejected with an {@link
 * IllegalArgumentException} naming what is wrong.
 */
public final class EventLogCodec {

  private static final String[] NAMES = {
    "timeMs",
    "type",
    "contactId",
    "queueId",
    "agentId",
    "detail",
    "queueLogEvent",
    "data1",
    "data2",
    "data3"
  };

  private EventLogCodec() {}

  /** One JSON object on one line (no trailing newline). */
  public static String toJson(EventLogRecord r) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("{\"timeMs\":").append(r.timeMs());
    String[] values = stringFields(r);
    for (int i = 1; i < NAMES.length; i++) {
      sb.append(",\"").append(NAMES[i]).append("\":");
      quoteJson(values[i - 1], sb);
    }
    return sb.append('}').toString();
  }

  private static String[] stringFields(EventLogRecord r) {
    return new String[] {
      r.type(),
      r.contactId(),
      r.queueId(),
      r.agentId(),
      r.detail(),
      r.queueLogEvent(),
      r.data1(),
      r.data2(),
      r.data3()
    };
  }

  private static void quoteJson(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Parses a line written by {@link #toJson}. */
  public static EventLogRecord fromJson(String line) {
    JsonReader in = new JsonReader(line);
    String[] values = new String[NAMES.length];
    long timeMs = 0;
    boolean haveTime = false;
    in.expect('{');
    in.skipSpace();
    if (in.peek() != '}') {
      do {
        in.skipSpace();
        String name = in.string();
        in.skipSpace();
        in.expect(':');
        in.skipSpace();
        int index = indexOf(name);
        if (index == 0) {
          timeMs = in.number();
          haveTime = true;
        } else if (index > 0) {
          values[index] = in.string();
        } else {
          throw new IllegalArgumentException("unknown field '" + name + "' in event-log line");
        }
        in.skipSpace();
      } while (in.tryConsume(','));
    }
    in.expect('}');
    in.skipSpace();
    if (!in.atEnd()) {
      throw new IllegalArgumentException("trailing characters after event-log object");
    }
    if (!haveTime || values[1] == null) {
      throw new IllegalArgumentException("event-log line lacks timeMs or type");
    }
    return new EventLogRecord(
        timeMs, values[1], values[2], values[3], values[4], values[5], values[6], values[7],
        values[8], values[9]);
  }

  private static int indexOf(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The CSV header row. */
  public static String csvHeader() {
    return String.join(",", NAMES);
  }

  /** One CSV row (RFC 4180 quoting: fields with comma, quote or line break are quoted). */
  public static String toCsv(EventLogRecord r) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(r.timeMs());
    for (String v : stringFields(r)) {
      sb.append(',');
      if (v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    return sb.toString();
  }

  /**
   * The {@code queue_log} line of a record, or null when the record has none. Epoch in seconds;
   * empty call id, queue or agent are written {@code NONE}, as Asterisk does; a {@code |} or line
   * break inside a field would split the line, so it is replaced by a space.
   */
  public static String toQueueLog(EventLogRecord r) {
    if (r.queueLogEvent().isEmpty()) {
      return null;
    }
    return String.join(
        "|",
        Long.toString(Math.floorDiv(r.timeMs(), 1000)),
        orNone(r.contactId()),
        orNone(r.queueId()),
        orNone(r.agentId()),
        clean(r.queueLogEvent()),
        clean(r.data1()),
        clean(r.data2()),
        clean(r.data3()));
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "NONE" : clean(s);
  }

  private static String clean(String s) {
    return s.replace('|', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * Splits a {@code queue_log} line into its fields: epoch, callid, queuename, agent, event, then
   * the event's parameters (as many as the line has).
   */
  public static List<String> parseQueueLog(String line) {
    List<String> fields = new ArrayList<>(List.of(line.split("\\|", -1)));
    if (fields.size() < 5) {
      throw new IllegalArgumentException(
          "queue_log line needs at least 5 fields, got " + fields.size());
    }
    try {
      Long.parseLong(fields.get(0));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("queue_log epoch is not a number: " + fields.get(0), e);
    }
    return fields;
  }

  /** A minimal reader for the flat JSON objects {@link #toJson} writes. */
  private static final class JsonReader {
    private final String s;
    private int pos;

    JsonReader(String s) {
      this.s = s;
    }

    char peek() {
      if (pos >= s.length()) {
        throw new IllegalArgumentException("event-log line ends early at " + pos);
      }
      return s.charAt(pos);
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException(
            "expected '" + c + "' at " + pos + " of event-log line, got '" + peek() + "'");
      }
      pos++;
    }

    boolean tryConsume(char c) {
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    long number() {
      int start = pos;
      if (pos < s.length() && s.charAt(pos) == '-') {
        pos++;
      }
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      try {
        return Long.parseLong(s.substring(start, pos));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad number at " + start + " of event-log line", e);
      }
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = peek();
        pos++;
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = peek();
        pos++;
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw new IllegalArgumentException("short \\u escape in event-log line");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw new IllegalArgumentException("bad \\u escape in event-log line", ex);
            }
            pos += 4;
          }
          default -> throw new IllegalArgumentException("bad escape \\" + e + " in event-log line");
        }
      }
    }
  }
}
