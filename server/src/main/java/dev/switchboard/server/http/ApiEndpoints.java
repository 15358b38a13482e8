package dev.switchboard.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher.PublishResult;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.server.http.ApiBackend.ReloadResult;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API's endpoints as plain functions of an {@link ApiRequest}: reads serialize what the {@link
 * ApiBackend} returns; writes validate the body, check the ids and publish one router command.
 * Writes answer 202: the router applies the command after journaling it, and one it cannot apply
 * (an agent already logged out…) comes back as a {@code CommandRejected} event, not as an HTTP
 * error.
 */
public final class ApiEndpoints {

  private static final Pattern SKILL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_SKILLS = 100;

  private final ApiBackend backend;
  private final ObjectMapper json;

  public ApiEndpoints(ApiBackend backend, ObjectMapper json) {
    this.backend = backend;
    this.json = json;
  }

  /** {@code GET /api/v1/health}: 200 when ready, 503 with the reasons when not. */
  public ApiResponse health(ApiRequest request) {
    List<ApiBackend.PbxLink> links = backend.pbxLinks();
    ArrayNode problems = json.createArrayNode();
    boolean recovered = backend.routerRecovered();
    if (!recovered) {
      problems.add("router has not finished recovering (snapshot + journal replay)");
    }
    for (ApiBackend.PbxLink link : links) {
      if (!link.up() && !link.knowinglyDown()) {
        problems.add("PBX " + link.id() + " link is down" + detail(link.detail()));
      }
    }
    ObjectNode out = json.createObjectNode();
    out.put("status", problems.isEmpty() ? "ready" : "not-ready");
    out.put("routerRecovered", recovered);
    out.set("pbx", json.valueToTree(links));
    out.set("problems", problems);
    return respond(
        problems.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, out);
  }

  private static String detail(String detail) {
    return detail.isEmpty() ? "" : " (" + detail + ")";
  }

  /** {@code GET /api/v1/whoami}: the token's name and role, so a page can check its token. */
  public ApiResponse whoami(ApiRequest request) {
    ObjectNode out = json.createObjectNode();
    out.put("name", request.principal().name());
    out.put("role", request.principal().role().jsonName());
    out.put("agentId", request.principal().agentId());
    return ok(out);
  }

  /** {@code GET /api/v1/queues}. */
  public ApiResponse queues(ApiRequest request) {
    return ok(listOf(request.nowMs(), "queues"));
  }

  /** {@code GET /api/v1/agents}. */
  public ApiResponse agents(ApiRequest request) {
    return ok(listOf(request.nowMs(), "agents"));
  }

  private ObjectNode listOf(long nowMs, String field) {
    JsonNode snapshot = json.valueToTree(backend.snapshot(nowMs));
    ObjectNode out = json.createObjectNode();
    out.put("timeMs", snapshot.path("timeMs").asLong(nowMs));
    JsonNode items = snapshot.get(field);
    out.set(field, items == null || !items.isArray() ? json.createArrayNode() : items);
    return out;
  }

  /** {@code GET /api/v1/queues/{id}}. */
  public ApiResponse queue(ApiRequest request) {
    String id = request.param("id");
    return ok(found(backend.queue(id, request.nowMs()), "unknown-queue", "no queue " + id));
  }

  /** {@code GET /api/v1/agents/{id}}. */
  public ApiResponse agent(ApiRequest request) {
    String id = request.param("id");
    return ok(found(backend.agent(id, request.nowMs()), "unknown-agent", "no agent " + id));
  }

  /** {@code GET /api/v1/queues/{id}/intervals}. */
  public ApiResponse intervals(ApiRequest request) {
    String id = request.param("id");
    List<?> intervals = found(backend.intervals(id), "unknown-queue", "no queue " + id);
    ObjectNode out = json.createObjectNode();
    out.put("queueId", id);
    out.set("intervals", json.valueToTree(intervals));
    return ok(out);
  }

  /** {@code GET /api/v1/queues/{id}/settings}. */
  public ApiResponse queueSettings(ApiRequest request) {
    return ok(QueueSettingsCodec.encode(queueConfiguration(request.param("id"))));
  }

  /** {@code GET /api/v1/alerts}. */
  public ApiResponse alerts(ApiRequest request) {
    ObjectNode out = json.createObjectNode();
    out.set("alerts", json.valueToTree(backend.alerts()));
    return ok(out);
  }

  /** {@code GET /api/v1/pbx}. */
  public ApiResponse pbx(ApiRequest request) {
    ObjectNode out = json.createObjectNode();
    out.set("pbx", json.valueToTree(backend.pbxLinks()));
    return ok(out);
  }

  /** {@code GET /api/v1/contacts/{id}}: history and routing decisions with their reasons. */
  public ApiResponse contact(ApiRequest request) {
    String id = request.param("id");
    return ok(found(backend.contact(id), "unknown-contact", "no contact " + id));
  }

  /** {@code GET /api/v1/announcement}. */
  public ApiResponse announcements(ApiRequest request) {
    ObjectNode out = json.createObjectNode();
    out.set("announcements", json.valueToTree(backend.announcements()));
    return ok(out);
  }

  /** {@code GET /metrics}: the Prometheus text exposition. */
  public ApiResponse metrics(ApiRequest request) {
    return ApiResponse.text(
        HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", backend.metricsScrape());
  }

  /** {@code POST /api/v1/agents/{id}/login}. */
  public ApiResponse login(ApiRequest request) {
    return publish(new Command.AgentLogin(agentWithEmptyBody(request)));
  }

  /** {@code POST /api/v1/agents/{id}/ready}. */
  public ApiResponse ready(ApiRequest request) {
    return publish(new Command.AgentReady(agentWithEmptyBody(request)));
  }

  /** {@code POST /api/v1/agents/{id}/logout}. */
  public ApiResponse logout(ApiRequest request) {
    return publish(new Command.AgentLogout(agentWithEmptyBody(request)));
  }

  /** {@code POST /api/v1/agents/{id}/pause} with {@code {"reason":"lunch"}}. */
  public ApiResponse pause(ApiRequest request) {
    String agentId = knownAgent(request.param("id"));
    RequestJson.Fields f =
        RequestJson.fields(RequestJson.parseObject(request.body(), false), "", Set.of("reason"));
    return publish(new Command.AgentPause(agentId, f.requiredString("reason", 64)));
  }

  /** {@code PUT /api/v1/agents/{id}/skills} with {@code {"skills":{"sales":7}}}. */
  public ApiResponse skills(ApiRequest request) {
    String agentId = knownAgent(request.param("id"));
    RequestJson.Fields f =
        RequestJson.fields(RequestJson.parseObject(request.body(), false), "", Set.of("skills"));
    ObjectNode skills = f.requiredObject("skills");
    if (skills.size() > MAX_SKILLS) {
      throw ApiException.badRequest(
          "out-of-range", "skills may list at most " + MAX_SKILLS + " skills", "skills");
    }
    Map<String, Integer> levels = new TreeMap<>();
    var it = skills.fields();
    while (it.hasNext()) {
      var entry = it.next();
      String field = "skills." + entry.getKey();
      if (!SKILL_NAME.matcher(entry.getKey()).matches()) {
        throw ApiException.badRequest(
            "invalid-value", "skill names are 1-64 letters, digits, '_', '.' or '-'", field);
      }
      levels.put(entry.getKey(), RequestJson.intValue(entry.getValue(), field, 1, 10));
    }
    return publish(new Command.AgentSkillsChanged(agentId, levels));
  }

  /** {@code POST /api/v1/announcement} with {@code {"scope","active","prompt"}}. */
  public ApiResponse announce(ApiRequest request) {
    RequestJson.Fields f =
        RequestJson.fields(
            RequestJson.parseObject(request.body(), false),
            "",
            Set.of("scope", "active", "prompt"));
    String scope = f.requiredString("scope", 64);
    boolean active = f.requiredBoolean("active");
    Optional<String> prompt = f.optionalString("prompt", 200);
    if (active && prompt.isEmpty()) {
      throw ApiException.badRequest(
          "missing-field", "prompt is required to switch an announcement on", "prompt");
    }
    return publish(new Command.AnnouncementChanged(scope, active, prompt.orElse("")));
  }

  /** {@code PUT /api/v1/queues/{id}}: changes settings; absent fields keep their value. */
  public ApiResponse changeQueue(ApiRequest request) {
    QueueConfiguration current = queueConfiguration(request.param("id"));
    ObjectNode patch = RequestJson.parseObject(request.body(), false);
    Set<String> known =
        backend.queueConfigurations().stream()
            .map(QueueConfiguration::id)
            .collect(Collectors.toUnmodifiableSet());
    QueueConfiguration changed = QueueSettingsCodec.merge(current, patch, known);
    ApiResponse published = publish(new Command.QueueChanged(changed));
    if (published.status() != HttpResponseStatus.ACCEPTED) {
      return published;
    }
    ObjectNode out = accepted("QueueChanged");
    out.set("queue", QueueSettingsCodec.encode(changed));
    return respond(HttpResponseStatus.ACCEPTED, out);
  }

  /** {@code POST /api/v1/config/reload}: re-reads the configuration file (may block on disk). */
  public ApiResponse reload(ApiRequest request) {
    RequestJson.fields(RequestJson.parseObject(request.body(), true), "", Set.of());
    ReloadResult result = backend.reloadConfiguration();
    // Java 17 has no pattern switch; the three cases of the sealed result, in order.
    if (result instanceof ReloadResult.Applied applied) {
      ObjectNode out = json.createObjectNode();
      out.put("status", "applied");
      out.put("summary", applied.summary());
      return ok(out);
    }
    if (result instanceof ReloadResult.Invalid invalid) {
      ObjectNode out = error("invalid-configuration", "the configuration file is invalid", "");
      out.set("problems", json.valueToTree(invalid.problems()));
      return respond(HttpResponseStatus.UNPROCESSABLE_ENTITY, out);
    }
    return notPublished(((ReloadResult.NotPublished) result).result());
  }

  private String agentWithEmptyBody(ApiRequest request) {
    String agentId = knownAgent(request.param("id"));
    RequestJson.fields(RequestJson.parseObject(request.body(), true), "", Set.of());
    return agentId;
  }

  private String knownAgent(String id) {
    if (!backend.agentIds().contains(id)) {
      throw ApiException.notFound("unknown-agent", "no agent " + id);
    }
    return id;
  }

  private QueueConfiguration queueConfiguration(String id) {
    for (QueueConfiguration q : backend.queueConfigurations()) {
      if (q.id().equals(id)) {
        return q;
      }
    }
    throw ApiException.notFound("unknown-queue", "no queue " + id);
  }

  private ApiResponse publish(Command command) {
    PublishResult result = backend.commands().publish(command);
    if (result.accepted()) {
      return respond(HttpResponseStatus.ACCEPTED, accepted(command.getClass().getSimpleName()));
    }
    return notPublished(result);
  }

  private ApiResponse notPublished(PublishResult result) {
    if (result == PublishResult.RING_FULL) {
      return respond(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              error("router-busy", "the router is busy; retry in a moment", ""))
          .withHeader("Retry-After", "1");
    }
    return respond(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        error("router-closed", "the router is stopping and takes no commands", ""));
  }

  private ObjectNode accepted(String command) {
    ObjectNode out = json.createObjectNode();
    out.put("accepted", true);
    out.put("command", command);
    return out;
  }

  /** The error body every refusal uses. */
  ObjectNode error(String code, String message, String field) {
    ObjectNode out = json.createObjectNode();
    ObjectNode error = out.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("field", field);
    return out;
  }

  private static <T> T found(Optional<T> value, String code, String message) {
    return value.orElseThrow(() -> ApiException.notFound(code, message));
  }

  private ApiResponse ok(Object body) {
    return respond(HttpResponseStatus.OK, body);
  }

  ApiResponse respond(HttpResponseStatus status, Object body) {
    try {
      return ApiResponse.json(status, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize a response", e);
    }
  }
}
