package dev.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/config.schema.json and the loader accept the same fields; the demo config fits both. */
class ConfigurationSchemaTest {

  static final Path SCHEMA = Path.of("../docs/config.schema.json");
  static final Path DEMO = Path.of("src/main/resources/demo/switchboard.yaml");

  static JsonNode schema() throws IOException {
    return new ObjectMapper().readTree(SCHEMA.toFile());
  }

  /** Walks a {@link ConfigurationFields} key ({@code queues[].serviceLevel}) in the schema. */
  static JsonNode at(SchemaSubsetValidator validator, JsonNode schema, String key) {
    JsonNode current = schema;
    if (key.isEmpty()) {
      return current;
    }
    for (String segment : key.split("\\.")) {
      boolean element = segment.endsWith("[]");
      String name = element ? segment.substring(0, segment.length() - 2) : segment;
      current = validator.resolve(validator.resolve(current).path("properties").path(name));
      if (element) {
        current = validator.resolve(current.path("items"));
      }
    }
    return current;
  }

  @Test
  void shouldListExactlyTheFieldsTheLoaderAccepts() throws IOException {
    JsonNode schema = schema();
    SchemaSubsetValidator validator = new SchemaSubsetValidator(schema);

    for (Map.Entry<String, List<String>> entry : ConfigurationFields.FIELDS.entrySet()) {
      JsonNode node = at(validator, schema, entry.getKey());
      List<String> names = new ArrayList<>();
      node.path("properties").fieldNames().forEachRemaining(names::add);

      assertThat(names)
          .as("schema properties at '%s'", entry.getKey())
          .containsExactlyInAnyOrderElementsOf(entry.getValue());
      assertThat(node.path("additionalProperties").asBoolean(true))
          .as("schema at '%s' must refuse unknown fields like the loader", entry.getKey())
          .isFalse();
    }
  }

  @Test
  void shouldValidateTheDemoConfigurationAgainstTheSchema() throws IOException {
    JsonNode demo = new YAMLMapper().readTree(DEMO.toFile());

    assertThat(new SchemaSubsetValidator(schema()).validate(demo)).isEmpty();
  }

  @Test
  void shouldRejectWhatTheLoaderRejects() throws IOException {
    JsonNode bad =
        new YAMLMapper()
            .readTree(
                """
                pbxs: [{id: pbx1, username: u, secret: x, secretEnv: Y}]
                queues: [{id: q, ringTimeoutSecs: 5, serviceLevel: {targetSeconds: 0}}]
                """);

    assertThat(new SchemaSubsetValidator(schema()).validate(bad))
        .contains(
            "$.pbxs[0]: matches 2 of oneOf, expected exactly 1",
            "$.queues[0].ringTimeoutSecs: not allowed",
            "$.queues[0].serviceLevel.targetSeconds: below minimum");
  }
}
