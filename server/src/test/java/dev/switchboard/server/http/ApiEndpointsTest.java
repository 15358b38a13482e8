package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher.PublishResult;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.server.security.TokenAuthenticator;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints as functions: what they publish, what they return, how they refuse bad input. */
class ApiEndpointsTest {

  private final FakeApiBackend backend = FakeApiBackend.standard();
  private final ObjectMapper json = HttpServer.jsonMapper();
  private final ApiDispatcher api =
      new ApiDispatcher(
          backend, json, new TokenAuthenticator(TestServer.TOKENS), new StaticResources(), false);

  private ApiResponse call(HttpMethod method, String uri, String token, String body) {
    return api.handle(
        method,
        uri,
        token == null ? null : "Bearer " + token,
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
        10_000);
  }

  private JsonNode body(ApiResponse response) throws Exception {
    return json.readTree(response.body());
  }

  private void assertError(ApiResponse response, int status, String code, String field)
      throws Exception {
    assertThat(response.status().code()).as(response.bodyText()).isEqualTo(status);
    JsonNode error = body(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("field").asText()).isEqualTo(field);
  }

  @Test
  void shouldPublishAPauseWithItsReason() throws Exception {
    ApiResponse r =
        call(
            HttpMethod.POST,
            "/api/v1/agents/a1/pause",
            TestServer.SUPERVISOR,
            "{\"reason\":\"lunch\"}");

    assertThat(r.status().code()).isEqualTo(202);
    assertThat(body(r).get("command").asText()).isEqualTo("AgentPause");
    assertThat(backend.published).containsExactly(new Command.AgentPause("a1", "lunch"));
  }

  @Test
  void shouldPublishSkillChanges() {
    ApiResponse r =
        call(
            HttpMethod.PUT,
            "/api/v1/agents/a2/skills",
            TestServer.ADMIN,
            "{\"skills\":{\"sales\":7,\"billing\":2}}");

    assertThat(r.status().code()).isEqualTo(202);
    assertThat(backend.published)
        .containsExactly(new Command.AgentSkillsChanged("a2", Map.of("sales", 7, "billing", 2)));
  }

  @Test
  void shouldRefuseSkillLevelsOutOfRangeNamingTheSkill() throws Exception {
    assertError(
        call(
            HttpMethod.PUT,
            "/api/v1/agents/a1/skills",
            TestServer.ADMIN,
            "{\"skills\":{\"sales\":11}}"),
        400,
        "out-of-range",
        "skills.sales");
    assertError(
        call(
            HttpMethod.PUT,
            "/api/v1/agents/a1/skills",
            TestServer.ADMIN,
            "{\"skills\":{\"sales\":7.5}}"),
        400,
        "invalid-type",
        "skills.sales");
    assertError(
        call(
            HttpMethod.PUT,
            "/api/v1/agents/a1/skills",
            TestServer.ADMIN,
            "{\"skills\":{\"a b\":3}}"),
        400,
        "invalid-value",
        "skills.a b");
    assertThat(backend.published).isEmpty();
  }

  @Test
  void shouldRefuseMalformedJsonUnknownFieldsAndMissingFields() throws Exception {
    String pause = "/api/v1/agents/a1/pause";
    assertError(
        call(HttpMethod.POST, pause, TestServer.ADMIN, "{\"reason\":"), 400, "malformed-json", "");
    assertError(
        call(HttpMethod.POST, pause, TestServer.ADMIN, "{\"reason\":\"a\",\"reason\":\"b\"}"),
        400,
        "malformed-json",
        "");
    assertError(call(HttpMethod.POST, pause, TestServer.ADMIN, "{} {}"), 400, "malformed-json", "");
    assertError(call(HttpMethod.POST, pause, TestServer.ADMIN, "[1]"), 400, "invalid-type", "");
    assertError(
        call(HttpMethod.POST, pause, TestServer.ADMIN, "{\"reason\":\"x\",\"until\":5}"),
        400,
        "unknown-field",
        "until");
    assertError(
        call(HttpMethod.POST, pause, TestServer.ADMIN, "{}"), 400, "missing-field", "reason");
    assertError(
        call(HttpMethod.POST, pause, TestServer.ADMIN, "{\"reason\":7}"),
        400,
        "invalid-type",
        "reason");
    assertError(
        call(HttpMethod.POST, pause, TestServer.ADMIN, "{\"reason\":\"" + "x".repeat(65) + "\"}"),
        400,
        "out-of-range",
        "reason");
    assertError(
        call(HttpMethod.POST, "/api/v1/agents/a1/ready", TestServer.ADMIN, "{\"now\":true}"),
        400,
        "unknown-field",
        "now");
    assertThat(backend.published).isEmpty();
  }

  @Test
  void shouldRefuseUnknownIdsWith404() throws Exception {
    assertError(
        call(HttpMethod.GET, "/api/v1/agents/zz", TestServer.ADMIN, null),
        404,
        "unknown-agent",
        "");
    assertError(
        call(HttpMethod.POST, "/api/v1/agents/zz/ready", TestServer.ADMIN, null),
        404,
        "unknown-agent",
        "");
    assertError(
        call(HttpMethod.GET, "/api/v1/queues/zz", TestServer.ADMIN, null),
        404,
        "unknown-queue",
        "");
    assertError(
        call(HttpMethod.GET, "/api/v1/queues/zz/intervals", TestServer.ADMIN, null),
        404,
        "unknown-queue",
        "");
    assertError(
        call(HttpMethod.PUT, "/api/v1/queues/zz", TestServer.ADMIN, "{}"),
        404,
        "unknown-queue",
        "");
    assertError(
        call(HttpMethod.GET, "/api/v1/contacts/zz", TestServer.ADMIN, null),
        404,
        "unknown-contact",
        "");
    assertError(
        call(HttpMethod.GET, "/api/v1/nothing", TestServer.ADMIN, null), 404, "not-found", "");
  }

  @Test
  void shouldAnswerWrongMethodsWith405AndTheAllowedOnes() throws Exception {
    ApiResponse r = call(HttpMethod.DELETE, "/api/v1/queues/sales", TestServer.ADMIN, null);

    assertError(r, 405, "method-not-allowed", "");
    assertThat(r.headers().get("Allow")).isEqualTo("GET, PUT");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheRingIsFull() throws Exception {
    backend.nextResult.set(PublishResult.RING_FULL);

    ApiResponse r = call(HttpMethod.POST, "/api/v1/agents/a1/ready", TestServer.ADMIN, null);

    assertError(r, 503, "router-busy", "");
    assertThat(r.headers()).containsEntry("Retry-After", "1");
    backend.nextResult.set(PublishResult.CLOSED);
    assertError(
        call(HttpMethod.POST, "/api/v1/agents/a1/ready", TestServer.ADMIN, null),
        503,
        "router-closed",
        "");
  }

  @Test
  void shouldMergeQueueChangesOntoTheCurrentSettings() throws Exception {
    ApiResponse r =
        call(
            HttpMethod.PUT,
            "/api/v1/queues/sales",
            TestServer.ADMIN,
            "{\"serviceLevel\":{\"percent\":90,\"targetSeconds\":15},\"policy\":\"most-skilled\","
                + "\"escalation\":[{\"afterSeconds\":45,\"action\":{\"type\":\"move-to-queue\","
                + "\"queueId\":\"support\"}},{\"afterSeconds\":20,\"action\":{\"type\":"
                + "\"relax-levels\",\"maxMinLevel\":4}}],"
                + "\"overflow\":{\"type\":\"to-number\",\"number\":\"voicemail\"}}");

    assertThat(r.status().code()).as(r.bodyText()).isEqualTo(202);
    Command.QueueChanged changed = (Command.QueueChanged) backend.published.get(0);
    assertThat(changed.queue().serviceLevel().percent()).isEqualTo(90);
    assertThat(changed.queue().serviceLevel().targetSeconds()).isEqualTo(15);
    assertThat(changed.queue().serviceLevel().shortAbandonSeconds()).isEqualTo(5);
    assertThat(changed.queue().policy()).isEqualTo(AgentSelectionPolicy.MOST_SKILLED);
    assertThat(changed.queue().ringTimeoutSeconds()).isEqualTo(15);
    assertThat(changed.queue().escalation().get(0).action())
        .isEqualTo(new EscalationAction.RelaxLevels(4));
    assertThat(changed.queue().escalation().get(1).action())
        .isEqualTo(new EscalationAction.MoveToQueue("support"));
    assertThat(changed.queue().overflow()).isEqualTo(new OverflowAction.ToNumber("voicemail"));
  }

  @Test
  void shouldRefuseQueueChangesOutOfRangeOrToUnknownQueues() throws Exception {
    assertError(
        call(
            HttpMethod.PUT,
            "/api/v1/queues/sales",
            TestServer.ADMIN,
            "{\"serviceLevel\":{\"percent\":101}}"),
        400,
        "out-of-range",
        "serviceLevel.percent");
    assertError(
        call(HttpMethod.PUT, "/api/v1/queues/sales", TestServer.ADMIN, "{\"policy\":\"fastest\"}"),
        400,
        "invalid-value",
        "policy");
    assertError(
        call(
            HttpMethod.PUT,
            "/api/v1/queues/sales",
            TestServer.ADMIN,
            "{\"overflow\":{\"type\":\"to-queue\",\"queueId\":\"nowhere\"}}"),
        400,
        "unknown-queue",
        "overflow.queueId");
    assertError(
        call(
            HttpMethod.PUT,
            "/api/v1/queues/sales",
            TestServer.ADMIN,
            "{\"escalation\":[{\"afterSeconds\":-1,\"action\":{\"type\":\"offer-callback\"}}]}"),
        400,
        "out-of-range",
        "escalation[0].afterSeconds");
    assertThat(backend.published).isEmpty();
  }

  @Test
  void shouldRequireAPromptToSwitchAnAnnouncementOn() throws Exception {
    assertError(
        call(
            HttpMethod.POST,
            "/api/v1/announcement",
            TestServer.SUPERVISOR,
            "{\"scope\":\"*\",\"active\":true}"),
        400,
        "missing-field",
        "prompt");
    ApiResponse off =
        call(
            HttpMethod.POST,
            "/api/v1/announcement",
            TestServer.SUPERVISOR,
            "{\"scope\":\"*\",\"active\":false}");

    assertThat(off.status().code()).isEqualTo(202);
    assertThat(backend.published).containsExactly(new Command.AnnouncementChanged("*", false, ""));
  }

  @Test
  void shouldReportHealthFromRecoveryAndLinksThatAreNotKnowinglyDown() throws Exception {
    assertThat(call(HttpMethod.GET, "/health", null, null).status().code()).isEqualTo(200);

    backend.links.add(new ApiBackend.PbxLink("pbx2", false, true, 0, "disabled"));
    assertThat(call(HttpMethod.GET, "/health", null, null).status().code()).isEqualTo(200);

    backend.links.add(new ApiBackend.PbxLink("pbx3", false, false, 0, "connection refused"));
    ApiResponse down = call(HttpMethod.GET, "/api/v1/health", null, null);
    assertThat(down.status().code()).isEqualTo(503);
    assertThat(body(down).get("status").asText()).isEqualTo("not-ready");
    assertThat(body(down).get("problems").toString()).contains("pbx3").doesNotContain("pbx2");

    backend.links.clear();
    backend.recovered = false;
    assertThat(call(HttpMethod.GET, "/health", null, null).status().code()).isEqualTo(503);
  }

  @Test
  void shouldReportReloadOutcomes() throws Exception {
    assertThat(
            call(HttpMethod.POST, "/api/v1/config/reload", TestServer.ADMIN, null).status().code())
        .isEqualTo(200);

    backend.reloadResult =
        new ApiBackend.ReloadResult.Invalid(
            List.of("switchboard.yaml:12 queues[0].sla: unknown field"));
    ApiResponse invalid = call(HttpMethod.POST, "/api/v1/config/reload", TestServer.ADMIN, null);
    assertError(invalid, 422, "invalid-configuration", "");
    assertThat(body(invalid).get("problems").get(0).asText()).contains("switchboard.yaml:12");

    backend.reloadResult = new ApiBackend.ReloadResult.NotPublished(PublishResult.RING_FULL);
    assertError(
        call(HttpMethod.POST, "/api/v1/config/reload", TestServer.ADMIN, null),
        503,
        "router-busy",
        "");
  }

  @Test
  void shouldServeFiguresInTheStatisticsShape() throws Exception {
    JsonNode queues = body(call(HttpMethod.GET, "/api/v1/queues", TestServer.WALLBOARD, null));
    assertThat(queues.get("queues")).hasSize(2);
    assertThat(queues.get("queues").get(0).get("serviceLevel").get("targetPercent").asInt())
        .isEqualTo(80);

    JsonNode contact =
        body(call(HttpMethod.GET, "/api/v1/contacts/c1", TestServer.SUPERVISOR, null));
    assertThat(contact.get("decisions").get(0).get("reason").get("trigger").asText())
        .isEqualTo("agent-available");

    ApiResponse metrics = call(HttpMethod.GET, "/metrics", TestServer.WALLBOARD, null);
    assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(metrics.bodyText()).contains("switchboard_queue_waiting");
  }

  @Test
  void shouldServeMetricsWithoutATokenOnlyWhenConfiguredPublic() {
    ApiDispatcher open =
        new ApiDispatcher(
            backend, json, new TokenAuthenticator(TestServer.TOKENS), new StaticResources(), true);

    assertThat(open.handle(HttpMethod.GET, "/metrics", null, new byte[0], 0).status().code())
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/metrics", null, null).status().code()).isEqualTo(401);
  }

  @Test
  void shouldServePagesWithAContentSecurityPolicy() {
    ApiResponse page = call(HttpMethod.GET, "/wallboard", null, null);

    assertThat(page.status().code()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.headers().get("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(call(HttpMethod.GET, "/static/../pom.xml", null, null).status().code())
        .isEqualTo(404);
  }
}
