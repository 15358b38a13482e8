package dev.switchboard.cti;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A recorded {@code .ami} transcript from {@code src/test/resources/traces}, split into frames. */
final class Transcript {
  private Transcript() {}

  /** The frames after the banner, each ending with its blank line ({@code \r\n\r\n}). */
  static List<String> frames(String resource) {
    String text = read(resource);
    int firstLine = text.indexOf("\r\n");
    String body = text.substring(firstLine + 2);
    List<String> frames = new ArrayList<>();
    for (String f : body.split("\r\n\r\n")) {
      if (!f.isBlank()) {
        frames.add(f + "\r\n\r\n");
      }
    }
    return frames;
  }

  /**
   * The event frames of the given type (e.g. {@code CoreShowChannel}) answering action {@code id}.
   */
  static List<String> listing(String resource, String eventName, String recordedActionId) {
    List<String> out = new ArrayList<>();
    for (String f : frames(resource)) {
      Map<String, String> h = headers(f);
      if (eventName.equalsIgnoreCase(h.get("event"))
          && recordedActionId.equals(h.get("actionid"))) {
        out.add(f);
      }
    }
    return out;
  }

  /** Headers of a frame, names lower-cased; a repeated header keeps its first value. */
  static Map<String, String> headers(String frame) {
    Map<String, String> h = new LinkedHashMap<>();
    for (String line : frame.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        h.putIfAbsent(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return h;
  }

  /** The frame with its ActionID header set to {@code id} (added if missing). */
  static String withActionId(String frame, String id) {
    StringBuilder sb = new StringBuilder();
    boolean replaced = false;
    for (String line : frame.split("\r\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.regionMatches(true, 0, "ActionID:", 0, 9)) {
        sb.append("ActionID: ").append(id).append("\r\n");
        replaced = true;
      } else {
        sb.append(line).append("\r\n");
      }
    }
    if (!replaced) {
      sb.append("ActionID: ").append(id).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  static String read(String resource) {
    try (InputStream in = Transcript.class.getResourceAsStream("/traces/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no trace " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
