package dev.switchboard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a SnakeYAML node subtree into a Jackson tree, for modules whose loaders take a {@link
 * JsonNode} (the IVR's section). Scalars keep YAML's typing (int, float, bool, null, text).
 */
final class YamlTrees {

  private static final int MAX_DEPTH = 64;

  private YamlTrees() {}

  static JsonNode toJson(Node node) {
    return toJson(node, 0);
  }

  private static JsonNode toJson(Node node, int depth) {
    JsonNodeFactory factory = JsonNodeFactory.instance;
    if (depth > MAX_DEPTH) {
      // Aliases can make a tree that refers to itself; a menu is never this deep.
      return factory.nullNode();
    }
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar, factory);
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = factory.arrayNode();
      for (Node element : sequence.getValue()) {
        array.add(toJson(element, depth + 1));
      }
      return array;
    }
    if (node instanceof MappingNode mapping) {
      ObjectNode object = factory.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        String key =
            tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(depth);
        object.set(key, toJson(tuple.getValueNode(), depth + 1));
      }
      return object;
    }
    return factory.nullNode();
  }

  private static JsonNode scalar(ScalarNode scalar, JsonNodeFactory factory) {
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    try {
      if (Tag.INT.equals(tag)) {
        return factory.numberNode(Long.parseLong(value.replace("_", "")));
      }
      if (Tag.FLOAT.equals(tag)) {
        return factory.numberNode(Double.parseDouble(value.replace("_", "")));
      }
    } catch (NumberFormatException e) {
      return factory.textNode(value);
    }
    if (Tag.BOOL.equals(tag)) {
      String lower = value.toLowerCase(java.util.Locale.ROOT);
      return factory.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
    }
    if (Tag.NULL.equals(tag)) {
      return factory.nullNode();
    }
    return factory.textNode(value);
  }
}
