package dev.switchboard.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from a YAML tree that never throw: a value of the wrong type or out of range is
 * recorded as a {@link MenuValidationError} (with path and line) and a default stands in, so one
 * pass finds every problem.
 */
final class ConfigReader {

  private final YamlLineIndex index;
  private final List<MenuValidationError> errors = new ArrayList<>();

  ConfigReader(YamlLineIndex index) {
    this.index = index;
  }

  List<MenuValidationError> errors() {
    return errors;
  }

  void error(String path, String message) {
    errors.add(new MenuValidationError(path, index.line(path), message));
  }

  int line(String path) {
    return index.line(path);
  }

  /** Records an error for every field of {@code obj} not in {@code allowed}. */
  void onlyFields(JsonNode obj, String path, Set<String> allowed) {
    Iterator<String> names = obj.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        error(
            YamlLineIndex.join(path, name),
            "unknown field '"
                + name
                + "' (expected one of "
                + new java.util.TreeSet<>(allowed)
                + ")");
      }
    }
  }

  /** The object at {@code obj.field}, or null (with an error if it is there but not an object). */
  JsonNode object(JsonNode obj, String field, String path) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      error(YamlLineIndex.join(path, field), "must be a mapping");
      return null;
    }
    return v;
  }

  String text(JsonNode obj, String field, String path, String fallback, boolean required) {
    JsonNode v = obj.get(field);
    String p = YamlLineIndex.join(path, field);
    if (v == null || v.isNull()) {
      if (required) {
        error(p, "is required");
      }
      return fallback;
    }
    if (!v.isValueNode()) {
      error(p, "must be a single value");
      return fallback;
    }
    String s = v.asText();
    if (required && s.isBlank()) {
      error(p, "must not be empty");
    }
    return s;
  }

  long number(JsonNode obj, String field, String path, long fallback, long min, long max) {
    JsonNode v = obj.get(field);
    String p = YamlLineIndex.join(path, field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    long value;
    if (v.isIntegralNumber()) {
      value = v.asLong();
    } else if (v.isTextual() && v.asText().matches("-?[0-9]{1,18}")) {
      value = Long.parseLong(v.asText());
    } else {
      error(p, "must be a whole number, got '" + v.asText() + "'");
      return fallback;
    }
    if (value < min || value > max) {
      error(p, "must be between " + min + " and " + max + ", got " + value);
      return fallback;
    }
    return value;
  }

  boolean bool(JsonNode obj, String field, String path, boolean fallback) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
      return Boolean.parseBoolean(v.asText());
    }
    error(YamlLineIndex.join(path, field), "must be true or false, got '" + v.asText() + "'");
    return fallback;
  }

  /** A list of strings; a single string counts as a list of one. */
  List<String> texts(JsonNode obj, String field, String path) {
    JsonNode v = obj.get(field);
    String p = YamlLineIndex.join(path, field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isValueNode()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      error(p, "must be a value or a list of values");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (item.isValueNode() && !item.isNull()) {
        out.add(item.asText());
      } else {
        error(YamlLineIndex.join(p, Integer.toString(i)), "must be a single value");
      }
    }
    return out;
  }

  /** A mapping of strings to strings (keys in document order). */
  Map<String, String> textMap(JsonNode obj, String field, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode v = object(obj, field, path);
    if (v == null) {
      return out;
    }
    String p = YamlLineIndex.join(path, field);
    v.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
              } else {
                error(YamlLineIndex.join(p, e.getKey()), "must be a single value");
              }
            });
    return out;
  }
}
