package dev.switchboard.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads request bodies strictly: malformed JSON, duplicate keys, trailing content, deep nesting,
 * unknown fields, wrong types and out-of-range numbers all become an {@link ApiException} with a
 * stable code and the path of the field at fault, never an exception the server did not expect.
 *
 * <p>Codes: {@code malformed-json}, {@code invalid-type}, {@code unknown-field}, {@code
 * missing-field}, {@code out-of-range}, {@code invalid-value}.
 */
public final class RequestJson {

  private static final ObjectMapper STRICT =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(16)
                          .maxStringLength(64 * 1024)
                          .maxNumberLength(32)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private RequestJson() {}

  /** Parses a body that must be one JSON object; an empty body counts as {@code {}} if allowed. */
  public static ObjectNode parseObject(byte[] body, boolean emptyIsEmptyObject) {
    if (body.length == 0 || isBlank(body)) {
      if (emptyIsEmptyObject) {
        return STRICT.createObjectNode();
      }
      throw ApiException.badRequest("malformed-json", "the request needs a JSON object body", "");
    }
    JsonNode node;
    try (JsonParser parser = STRICT.createParser(body)) {
      node = STRICT.readTree(parser);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "malformed-json", "the body is not valid JSON: " + e.getOriginalMessage(), "");
    } catch (IOException e) {
      throw ApiException.badRequest("malformed-json", "the body could not be read", "");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("invalid-type", "the body must be a JSON object", "");
    }
    return (ObjectNode) node;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** A view of one JSON object that checks its field names and reads typed values. */
  public static Fields fields(ObjectNode node, String path, Set<String> allowed) {
    return new Fields(node, path, allowed);
  }

  /** Typed, checked access to the fields of one object. */
  public static final class Fields {
    private final ObjectNode node;
    private final String path;

    Fields(ObjectNode node, String path, Set<String> allowed) {
      this.node = node;
      this.path = path;
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw ApiException.badRequest(
              "unknown-field",
              "unknown field '" + name + "' (allowed: " + String.join(", ", sorted(allowed)) + ")",
              at(name));
        }
      }
    }

    /** The path of a field of this object, for error messages ({@code serviceLevel.percent}). */
    public String at(String name) {
      return path.isEmpty() ? name : path + "." + name;
    }

    /** Whether the field is present (even as null). */
    public boolean has(String name) {
      return node.has(name);
    }

    /** A required string, trimmed, 1 to {@code maxChars} characters, no control characters. */
    public String requiredString(String name, int maxChars) {
      return optionalString(name, maxChars)
          .orElseThrow(() -> missing(name, "a string of 1-" + maxChars + " characters"));
    }

    /** An optional string with the same rules as {@link #requiredString}. */
    public Optional<String> optionalString(String name, int maxChars) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isTextual()) {
        throw invalidType(name, "a string");
      }
      String text = value.textValue().trim();
      if (text.isEmpty() || text.length() > maxChars) {
        throw ApiException.badRequest(
            "out-of-range", at(name) + " must be 1-" + maxChars + " characters", at(name));
      }
      for (int i = 0; i < text.length(); i++) {
        if (Character.isISOControl(text.charAt(i))) {
          throw ApiException.badRequest(
              "invalid-value", at(name) + " must not contain control characters", at(name));
        }
      }
      return Optional.of(text);
    }

    /** A required boolean. */
    public boolean requiredBoolean(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        throw missing(name, "true or false");
      }
      if (!value.isBoolean()) {
        throw invalidType(name, "true or false");
      }
      return value.booleanValue();
    }

    /** A required whole number in {@code [min, max]}. */
    public int requiredInt(String name, int min, int max) {
      OptionalInt value = optionalInt(name, min, max);
      if (value.isEmpty()) {
        throw missing(name, "a whole number " + min + "-" + max);
      }
      return value.getAsInt();
    }

    /** An optional whole number in {@code [min, max]}. */
    public OptionalInt optionalInt(String name, int min, int max) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(intValue(value, at(name), min, max));
    }

    /** A required object. */
    public ObjectNode requiredObject(String name) {
      return optionalObject(name).orElseThrow(() -> missing(name, "an object"));
    }

    /** An optional object. */
    public Optional<ObjectNode> optionalObject(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isObject()) {
        throw invalidType(name, "an object");
      }
      return Optional.of((ObjectNode) value);
    }

    /** An optional array. */
    public Optional<com.fasterxml.jackson.databind.node.ArrayNode> optionalArray(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isArray()) {
        throw invalidType(name, "an array");
      }
      return Optional.of((com.fasterxml.jackson.databind.node.ArrayNode) value);
    }

    private ApiException missing(String name, String expected) {
      return ApiException.badRequest(
          "missing-field", at(name) + " is required (" + expected + ")", at(name));
    }

    private ApiException invalidType(String name, String expected) {
      return ApiException.badRequest("invalid-type", at(name) + " must be " + expected, at(name));
    }
  }

  /** A JSON value that must be a whole number in {@code [min, max]}. */
  public static int intValue(JsonNode value, String field, int min, int max) {
    if (!value.isIntegralNumber()) {
      throw ApiException.badRequest("invalid-type", field + " must be a whole number", field);
    }
    if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      throw ApiException.badRequest(
          "out-of-range", field + " must be between " + min + " and " + max, field);
    }
    return value.intValue();
  }

  private static java.util.List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
