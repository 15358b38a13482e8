package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.server.security.TokenAuthenticator;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body, id or token a client sends, the API answers 2xx or 4xx with the error shape, never
 * 5xx: bodies are random text, random bytes, and random JSON built from the API's own field names
 * so that validation deep inside the queue settings is reached too.
 */
class RequestBodyPropertyTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = HttpServer.jsonMapper();
  private static final List<String> WRITES =
      List.of(
          "POST /api/v1/agents/a1/pause",
          "POST /api/v1/agents/a1/ready",
          "POST /api/v1/agents/a1/login",
          "POST /api/v1/agents/a1/logout",
          "PUT /api/v1/agents/a1/skills",
          "PUT /api/v1/queues/sales",
          "POST /api/v1/announcement",
          "POST /api/v1/config/reload");
  private static final List<String> FIELD_NAMES =
      List.of(
          "reason",
          "skills",
          "sales",
          "scope",
          "active",
          "prompt",
          "serviceLevel",
          "percent",
          "targetSeconds",
          "shortAbandonSeconds",
          "policy",
          "escalation",
          "afterSeconds",
          "action",
          "type",
          "maxMinLevel",
          "queueId",
          "overflow",
          "target",
          "number",
          "requiredSkills",
          "skill",
          "minLevel",
          "wrapUpSeconds",
          "ringTimeoutSeconds",
          "maxWaitSeconds",
          "maxLength",
          "agingSecondsPerPriority",
          "callbackOfferSeconds",
          "name",
          "id",
          "x");
  private static final List<String> TYPES =
      List.of(
          "relax-levels",
          "add-skills",
          "move-to-queue",
          "offer-callback",
          "overflow",
          "to-queue",
          "to-number",
          "disconnect",
          "longest-idle",
          "most-skilled",
          "support",
          "sales",
          "*",
          "");

  private final FakeApiBackend backend = FakeApiBackend.standard();
  private final ApiDispatcher api =
      new ApiDispatcher(
          backend, JSON, new TokenAuthenticator(TestServer.TOKENS), new StaticResources(), false);

  @Property(tries = 300)
  void shouldNeverAnswer5xxToAnyJsonBody(
      @ForAll("writes") String route, @ForAll("jsonBodies") String body) throws Exception {
    checkNoServerError(route, body);
  }

  @Property(tries = 200)
  void shouldNeverAnswer5xxToAnyText(@ForAll("writes") String route, @ForAll String body)
      throws Exception {
    checkNoServerError(route, body);
  }

  @Property(tries = 200)
  void shouldNeverAnswer5xxToAnyPathOrToken(
      @ForAll("paths") String path, @ForAll("methods") String method, @ForAll String token)
      throws Exception {
    ApiResponse r =
        api.handle(HttpMethod.valueOf(method), path, "Bearer " + token, new byte[0], 1_000);
    assertThat(r.status().code()).isLessThan(500);
  }

  private void checkNoServerError(String route, String body) throws Exception {
    String[] parts = route.split(" ");
    ApiResponse r =
        api.handle(
            HttpMethod.valueOf(parts[0]),
            parts[1],
            "Bearer " + TestServer.ADMIN,
            body.getBytes(StandardCharsets.UTF_8),
            1_000);
    assertThat(r.status().code()).as(body + " -> " + r.bodyText()).isLessThan(500);
    if (r.status().code() >= 400) {
      JsonNode error = JSON.readTree(r.body()).get("error");
      assertThat(error.get("code").asText()).matches("[a-z-]+");
      assertThat(error.get("message").asText()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> writes() {
    return Arbitraries.of(WRITES);
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment =
        Arbitraries.oneOf(
            Arbitraries.of(
                "api",
                "v1",
                "agents",
                "queues",
                "a1",
                "sales",
                "pause",
                "%",
                "%zz",
                "..",
                "",
                "settings",
                "contacts",
                "stream",
                "%2F"),
            Arbitraries.strings().ofMaxLength(8));
    return segment.list().ofMaxSize(6).map(s -> "/" + String.join("/", s));
  }

  @Provide
  Arbitrary<String> jsonBodies() {
    return json(3).map(JsonNode::toString);
  }

  private Arbitrary<JsonNode> json(int depth) {
    Arbitrary<JsonNode> leaf =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-5, 200).map(i -> (JsonNode) NODES.numberNode(i)),
            Arbitraries.longs().map(i -> (JsonNode) NODES.numberNode(i)),
            Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
            Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
            Arbitraries.just((JsonNode) NODES.nullNode()),
            Arbitraries.of(TYPES).map(t -> (JsonNode) NODES.textNode(t)),
            Arbitraries.strings().ofMaxLength(80).map(t -> (JsonNode) NODES.textNode(t)));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> child = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<JsonNode> object =
        Combinators.combine(Arbitraries.of(FIELD_NAMES), child)
            .as(Map::entry)
            .list()
            .ofMaxSize(5)
            .map(
                entries -> {
                  ObjectNode o = NODES.objectNode();
                  entries.forEach(e -> o.set(e.getKey(), e.getValue()));
                  return o;
                });
    Arbitrary<JsonNode> array =
        child
            .list()
            .ofMaxSize(3)
            .map(
                items -> {
                  ArrayNode a = NODES.arrayNode();
                  items.forEach(a::add);
                  return a;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, leaf),
        net.jqwik.api.Tuple.of(6, object),
        net.jqwik.api.Tuple.of(1, array));
  }
}
