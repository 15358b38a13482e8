package dev.switchboard.sim.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a {@link SimulationScenario} from YAML. Agents may be listed one by one or as groups
 * ({@code idPattern: "agent%02d"}, {@code count}, {@code start}, {@code callerIdNumPattern}, {@code
 * displayNamePattern}); groups are expanded here. Unknown fields and bad values fail with the file
 * name and the field path.
 */
public final class ScenarioLoader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ScenarioLoader() {}

  /** Loads a scenario file. */
  public static SimulationScenario load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    }
  }

  /** Loads the scenario shipped as a classpath resource, e.g. {@code scenarios/demo.yaml}. */
  public static SimulationScenario loadResource(String resource) throws IOException {
    try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("scenario resource not found: " + resource);
      }
      return load(in, resource);
    }
  }

  /** The built-in demo scenario (3 entry points, 30 agents). */
  public static SimulationScenario demo() throws IOException {
    return loadResource("scenarios/demo.yaml");
  }

  /**
   * Parses YAML text.
   *
   * @param in the YAML
   * @param source a name for error messages
   * @throws IllegalArgumentException with source and field path when the content is invalid
   */
  public static SimulationScenario load(InputStream in, String source) throws IOException {
    try {
      JsonNode root = YAML.readTree(in);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("scenario " + source + ": not a YAML mapping");
      }
      ObjectNode obj = (ObjectNode) root;
      JsonNode agents = obj.get("agents");
      if (agents != null && agents.isArray()) {
        obj.set("agents", expandAgents((ArrayNode) agents, source));
      }
      return YAML.treeToValue(obj, SimulationScenario.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "scenario " + source + ": " + e.getOriginalMessage() + " at " + path(e), e);
    }
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
      return m.getPathReference();
    }
    return e.getLocation() == null ? "?" : e.getLocation().toString();
  }

  private static ArrayNode expandAgents(ArrayNode agents, String source) {
    ArrayNode out = YAML.createArrayNode();
    int index = 0;
    for (JsonNode a : agents) {
      if (!a.isObject()) {
        throw new IllegalArgumentException(
            "scenario " + source + ": agents[" + index + "] is not a mapping");
      }
      ObjectNode agent = (ObjectNode) a;
      if (!agent.has("idPattern")) {
        out.add(agent);
        index++;
        continue;
      }
      String idPattern = agent.get("idPattern").asText();
      int count = agent.path("count").asInt(1);
      int start = agent.path("start").asInt(1);
      String extPattern = text(agent, "extensionPattern", idPattern);
      String cidPattern = text(agent, "callerIdNumPattern", null);
      String namePattern = text(agent, "displayNamePattern", null);
      for (int i = 0; i < count; i++) {
        int n = start + i;
        ObjectNode one = agent.deepCopy();
        for (String k :
            new String[] {
              "idPattern",
              "count",
              "start",
              "extensionPattern",
              "callerIdNumPattern",
              "displayNamePattern"
            }) {
          one.remove(k);
        }
        one.put("id", String.format(Locale.ROOT, idPattern, n));
        one.put("extension", String.format(Locale.ROOT, extPattern, n));
        if (cidPattern != null) {
          one.put("callerIdNum", String.format(Locale.ROOT, cidPattern, n));
        }
        if (namePattern != null) {
          one.put("displayName", String.format(Locale.ROOT, namePattern, n));
        }
        out.add(one);
      }
      index++;
    }
    return out;
  }

  private static String text(ObjectNode node, String field, String fallback) {
    JsonNode n = node.get(field);
    return n == null || n.isNull() ? fallback : n.asText();
  }
}
