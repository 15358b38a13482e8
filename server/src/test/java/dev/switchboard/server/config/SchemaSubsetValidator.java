package dev.switchboard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema (2020-12) validator for exactly the keywords docs/config.schema.json uses, so the
 * test needs no schema library. An unknown keyword fails loudly rather than being ignored, so the
 * schema cannot grow a keyword this validator silently skips.
 */
final class SchemaSubsetValidator {

  private static final Set<String> KNOWN =
      Set.of(
          "$schema",
          "$id",
          "$defs",
          "$ref",
          "title",
          "description",
          "default",
          "type",
          "properties",
          "additionalProperties",
          "required",
          "enum",
          "const",
          "minimum",
          "maximum",
          "minLength",
          "pattern",
          "items",
          "oneOf",
          "minProperties",
          "maxProperties",
          "propertyNames",
          "uniqueItems");

  private final JsonNode root;

  SchemaSubsetValidator(JsonNode root) {
    this.root = root;
  }

  /** Resolves a local {@code $ref} chain. */
  JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    while (current.has("$ref")) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local refs are supported: " + ref);
      }
      current = root.at(ref.substring(1));
      if (current.isMissingNode()) {
        throw new IllegalArgumentException("dangling ref " + ref);
      }
    }
    return current;
  }

  List<String> validate(JsonNode instance) {
    List<String> errors = new ArrayList<>();
    validate(root, instance, "$", errors);
    return errors;
  }

  private void validate(JsonNode schemaOrRef, JsonNode value, String at, List<String> errors) {
    JsonNode schema = resolve(schemaOrRef);
    for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
      String keyword = it.next();
      if (!KNOWN.contains(keyword)) {
        throw new IllegalArgumentException("keyword not supported by the test: " + keyword);
      }
    }
    if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
      errors.add(at + ": expected " + schema.get("type").asText() + ", got " + value);
      return;
    }
    if (schema.has("const") && !schema.get("const").equals(value)) {
      errors.add(at + ": expected " + schema.get("const"));
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode option : schema.get("enum")) {
        found |= option.equals(value);
      }
      if (!found) {
        errors.add(at + ": not one of " + schema.get("enum"));
      }
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
        errors.add(at + ": below minimum");
      }
      if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
        errors.add(at + ": above maximum");
      }
    }
    if (value.isTextual()) {
      if (schema.has("minLength") && value.asText().length() < schema.get("minLength").asInt()) {
        errors.add(at + ": too short");
      }
      if (schema.has("pattern")
          && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
        errors.add(at + ": does not match " + schema.get("pattern").asText());
      }
    }
    if (value.isObject()) {
      object(schema, value, at, errors);
    }
    if (value.isArray()) {
      Set<JsonNode> seen = new HashSet<>();
      int i = 0;
      for (JsonNode element : value) {
        if (schema.has("items")) {
          validate(schema.get("items"), element, at + "[" + i + "]", errors);
        }
        if (schema.path("uniqueItems").asBoolean() && !seen.add(element)) {
          errors.add(at + "[" + i + "]: duplicate");
        }
        i++;
      }
    }
    if (schema.has("oneOf")) {
      int matches = 0;
      for (JsonNode option : schema.get("oneOf")) {
        List<String> optionErrors = new ArrayList<>();
        validate(option, value, at, optionErrors);
        matches += optionErrors.isEmpty() ? 1 : 0;
      }
      if (matches != 1) {
        errors.add(at + ": matches " + matches + " of oneOf, expected exactly 1");
      }
    }
  }

  private void object(JsonNode schema, JsonNode value, String at, List<String> errors) {
    JsonNode properties = schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldAt = at + "." + field.getKey();
      if (schema.has("propertyNames")) {
        validate(
            schema.get("propertyNames"),
            com.fasterxml.jackson.databind.node.TextNode.valueOf(field.getKey()),
            fieldAt,
            errors);
      }
      if (properties.has(field.getKey())) {
        validate(properties.get(field.getKey()), field.getValue(), fieldAt, errors);
      } else if (schema.has("additionalProperties")) {
        JsonNode additional = schema.get("additionalProperties");
        if (additional.isBoolean()) {
          if (!additional.asBoolean()) {
            errors.add(fieldAt + ": not allowed");
          }
        } else {
          validate(additional, field.getValue(), fieldAt, errors);
        }
      }
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(at + ": missing " + required.asText());
      }
    }
    if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
      errors.add(at + ": too few fields");
    }
    if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
      errors.add(at + ": too many fields");
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> throw new IllegalArgumentException("type not supported by the test: " + type);
    };
  }
}
