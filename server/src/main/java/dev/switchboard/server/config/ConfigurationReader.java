package dev.switchboard.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads values out of a SnakeYAML node tree while collecting errors instead of throwing, so one
 * pass over a file reports everything wrong with it. Every error carries the node's line and its
 * path in the document.
 */
final class ConfigurationReader {

  private final String fileName;
  private final List<ConfigurationError> errors = new ArrayList<>();

  ConfigurationReader(String fileName) {
    this.fileName = fileName;
  }

  List<ConfigurationError> errors() {
    return errors;
  }

  String fileName() {
    return fileName;
  }

  void error(Node node, String path, String message) {
    errors.add(new ConfigurationError(fileName, line(node), path, message));
  }

  void error(int line, String path, String message) {
    errors.add(new ConfigurationError(fileName, line, path, message));
  }

  static int line(Node node) {
    return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /**
   * The fields of a mapping, checked against the names {@link ConfigurationFields} accepts at
   * {@code schemaKey}. Null (with an error) when the node is not a mapping.
   */
  Fields fields(Node node, String path, String schemaKey) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, path, "must be a mapping (field: value lines), got " + describe(node));
      return null;
    }
    List<String> allowed = ConfigurationFields.FIELDS.get(schemaKey);
    Fields fields = new Fields(this, path, node);
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode key)) {
        error(keyNode, path, "field names must be plain text, got " + describe(keyNode));
        continue;
      }
      String name = key.getValue();
      String fieldPath = Fields.join(path, name);
      if (allowed != null && !allowed.contains(name)) {
        String hint = DidYouMean.suggest(name, allowed);
        error(
            keyNode,
            fieldPath,
            "unknown field"
                + (hint == null ? "" : ", did you mean '" + hint + "'?")
                + " (allowed: "
                + String.join(", ", allowed)
                + ")");
        continue;
      }
      if (!fields.put(name, tuple.getValueNode())) {
        error(keyNode, fieldPath, "duplicate field");
      }
    }
    return fields;
  }

  /** The elements of a sequence, or an empty list (with an error) for anything else. */
  List<Node> list(Node node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    error(node, path, "must be a list (lines starting with '- '), got " + describe(node));
    return List.of();
  }

  /** The entries of a mapping whose keys are free (skill names, logger names), in file order. */
  List<NodeTuple> entries(Node node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof MappingNode mapping) {
      return mapping.getValue();
    }
    error(node, path, "must be a mapping (name: value lines), got " + describe(node));
    return List.of();
  }

  /** The text of a scalar, or null (with an error) for a list or a mapping. */
  String scalar(Node node, String path) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    error(node, path, "must be a single value, got " + describe(node));
    return null;
  }

  /** A whole number in [min, max], or null (with an error). */
  Long integer(Node node, String path, long min, long max) {
    String text = scalar(node, path);
    if (text == null) {
      return null;
    }
    long value;
    try {
      value = Long.parseLong(text.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      error(node, path, "must be a whole number, got '" + text + "'");
      return null;
    }
    if (value < min || value > max) {
      error(node, path, "must be between " + min + " and " + max + ", got " + value);
      return null;
    }
    return value;
  }

  /** A number in [min, max], or null (with an error). */
  Double decimal(Node node, String path, double min, double max) {
    String text = scalar(node, path);
    if (text == null) {
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      error(node, path, "must be a number, got '" + text + "'");
      return null;
    }
    if (!(value >= min && value <= max)) {
      error(node, path, "must be between " + min + " and " + max + ", got " + text.trim());
      return null;
    }
    return value;
  }

  /** true/false (YAML's yes/no/on/off too), or null (with an error). */
  Boolean bool(Node node, String path) {
    String text = scalar(node, path);
    if (text == null) {
      return null;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on":
        return true;
      case "false", "no", "off":
        return false;
      default:
        error(node, path, "must be true or false, got '" + text + "'");
        return null;
    }
  }

  /** An enum constant by name (case and dashes ignored), or null (with an error). */
  <E extends Enum<E>> E enumeration(Node node, String path, Class<E> type) {
    String text = scalar(node, path);
    if (text == null) {
      return null;
    }
    String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
      names.add(constant.name());
    }
    String hint = DidYouMean.suggest(wanted, names);
    error(
        node,
        path,
        "must be one of "
            + String.join(", ", names)
            + ", got '"
            + text
            + "'"
            + (hint == null ? "" : " (did you mean " + hint + "?)"));
    return null;
  }

  static String describe(Node node) {
    if (node == null) {
      return "nothing";
    }
    if (node instanceof ScalarNode scalar) {
      String value = scalar.getValue();
      return value.isEmpty() ? "an empty value" : "'" + abbreviate(value) + "'";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "a mapping";
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
