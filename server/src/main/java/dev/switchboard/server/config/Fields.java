package dev.switchboard.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The fields of one mapping in the configuration, with typed accessors that record an error (and
 * return the default or null) instead of throwing. Keeps the mapping's path so every error says
 * where it is.
 */
final class Fields {

  private final ConfigurationReader reader;
  private final String path;
  private final Node node;
  private final Map<String, Node> values = new LinkedHashMap<>();

  Fields(ConfigurationReader reader, String path, Node node) {
    this.reader = reader;
    this.path = path;
    this.node = node;
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean put(String name, Node value) {
    return values.putIfAbsent(name, value) == null;
  }

  /** The mapping's own path. */
  String path() {
    return path;
  }

  /** The mapping's line. */
  int line() {
    return ConfigurationReader.line(node);
  }

  /** The path of one of its fields. */
  String path(String name) {
    return join(path, name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Node node(String name) {
    return values.get(name);
  }

  /** The line of a field (or of the mapping when the field is absent). */
  int line(String name) {
    Node value = values.get(name);
    return value == null ? line() : ConfigurationReader.line(value);
  }

  void error(String name, String message) {
    reader.error(line(name), path(name), message);
  }

  /** A required, non-blank text field; null (with an error) when missing. */
  String requiredString(String name) {
    if (!has(name)) {
      reader.error(line(), path(name), "is required");
      return null;
    }
    String value = reader.scalar(node(name), path(name));
    if (value != null && value.isBlank()) {
      error(name, "must not be empty");
      return null;
    }
    return value;
  }

  /** An optional text field. */
  String string(String name, String defaultValue) {
    if (!has(name)) {
      return defaultValue;
    }
    String value = reader.scalar(node(name), path(name));
    if (value != null && value.isBlank()) {
      error(name, "must not be empty");
      return defaultValue;
    }
    return value == null ? defaultValue : value;
  }

  int integer(String name, int defaultValue, int min, int max) {
    if (!has(name)) {
      return defaultValue;
    }
    Long value = reader.integer(node(name), path(name), min, max);
    return value == null ? defaultValue : value.intValue();
  }

  /** A required whole number; {@code fallback} (with an error) when missing or bad. */
  int requiredInteger(String name, int fallback, int min, int max) {
    if (!has(name)) {
      reader.error(line(), path(name), "is required");
      return fallback;
    }
    return integer(name, fallback, min, max);
  }

  long longValue(String name, long defaultValue, long min, long max) {
    if (!has(name)) {
      return defaultValue;
    }
    Long value = reader.integer(node(name), path(name), min, max);
    return value == null ? defaultValue : value;
  }

  double decimal(String name, double defaultValue, double min, double max) {
    if (!has(name)) {
      return defaultValue;
    }
    Double value = reader.decimal(node(name), path(name), min, max);
    return value == null ? defaultValue : value;
  }

  boolean bool(String name, boolean defaultValue) {
    if (!has(name)) {
      return defaultValue;
    }
    Boolean value = reader.bool(node(name), path(name));
    return value == null ? defaultValue : value;
  }

  <E extends Enum<E>> E enumeration(String name, Class<E> type, E defaultValue) {
    if (!has(name)) {
      return defaultValue;
    }
    E value = reader.enumeration(node(name), path(name), type);
    return value == null ? defaultValue : value;
  }

  /** A nested mapping checked against {@code schemaKey}; null when absent or not a mapping. */
  Fields object(String name, String schemaKey) {
    if (!has(name)) {
      return null;
    }
    return reader.fields(node(name), path(name), schemaKey);
  }

  /** A list field's elements (empty when absent). */
  List<Node> list(String name) {
    return reader.list(node(name), path(name));
  }

  /** The names of the fields present, in file order. */
  java.util.Set<String> names() {
    return values.keySet();
  }
}
