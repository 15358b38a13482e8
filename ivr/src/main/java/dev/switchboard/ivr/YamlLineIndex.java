package dev.switchboard.ivr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each value of a YAML document is, by dotted path ({@code ivr.nodes.main.choices.1} → line
 * 42), built from the YAML parser's token locations because a Jackson tree keeps none. Also records
 * keys that appear twice in one mapping, which a tree silently collapses.
 */
final class YamlLineIndex {

  /** A key repeated in one mapping: its path and the line of the repetition. */
  record Duplicate(String path, int line) {}

  private final Map<String, Integer> lines;
  private final List<Duplicate> duplicates;

  private YamlLineIndex(Map<String, Integer> lines, List<Duplicate> duplicates) {
    this.lines = lines;
    this.duplicates = duplicates;
  }

  /** An index that knows no lines (the configuration came as a tree without its text). */
  static YamlLineIndex empty() {
    return new YamlLineIndex(Map.of(), List.of());
  }

  /** Indexes a YAML document; throws {@link IOException} when it is not valid YAML. */
  static YamlLineIndex of(String yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    List<Duplicate> duplicates = new ArrayList<>();
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        int line = parser.currentTokenLocation().getLineNr();
        Frame top = stack.peek();
        switch (token) {
          case FIELD_NAME -> {
            String name = parser.currentName();
            String path = join(top.path, name);
            if (!top.seen.add(name)) {
              duplicates.add(new Duplicate(path, line));
            } else {
              lines.putIfAbsent(path, line);
            }
            top.field = name;
          }
          case START_OBJECT, START_ARRAY -> {
            String path = valuePath(top);
            lines.putIfAbsent(path, line);
            stack.push(new Frame(path, token == JsonToken.START_ARRAY));
          }
          case END_OBJECT, END_ARRAY -> {
            stack.pop();
            advance(stack.peek());
          }
          default -> {
            lines.putIfAbsent(valuePath(top), line);
            advance(top);
          }
        }
      }
    }
    return new YamlLineIndex(lines, duplicates);
  }

  /** The line of {@code path}, else of its nearest indexed ancestor, else 0. */
  int line(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int dot = p.lastIndexOf('.');
      if (dot < 0) {
        return lines.getOrDefault("", 0);
      }
      p = p.substring(0, dot);
    }
  }

  /** Keys repeated within one mapping, in document order. */
  List<Duplicate> duplicates() {
    return duplicates;
  }

  static String join(String parent, String child) {
    return parent.isEmpty() ? child : parent + "." + child;
  }

  private static String valuePath(Frame top) {
    if (top == null) {
      return "";
    }
    return top.array ? join(top.path, Integer.toString(top.index)) : join(top.path, top.field);
  }

  private static void advance(Frame frame) {
    if (frame != null && frame.array) {
      frame.index++;
    }
  }

  private static final class Frame {
    final String path;
    final boolean array;
    final Set<String> seen = new HashSet<>();
    String field = "";
    int index;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }
}
