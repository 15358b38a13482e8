package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint × every role, plus no token and a wrong token, over a real socket: allowed calls
 * succeed (2xx), a valid token of the wrong role gets 403, no token or a wrong one gets 401. The
 * expectations are written out here, not derived from the code under test, and the table must cover
 * every route the server has.
 */
class ApiAccessIT {

  private static final String W = "wallboard";
  private static final String AG = "agent";
  private static final String S = "supervisor";
  private static final String A = "admin";
  private static final Set<String> PUBLIC = Set.of("none", "wrong", W, AG, S, A);

  private record Case(
      String method, String path, String pattern, String body, Set<String> allowed) {}

  private static final List<Case> CASES =
      List.of(
          c("GET", "/health", "/health", null, PUBLIC),
          c("GET", "/api/v1/health", "/api/v1/health", null, PUBLIC),
          c("GET", "/metrics", "/metrics", null, Set.of(W, S, A)),
          c("GET", "/api/v1/whoami", "/api/v1/whoami", null, Set.of(W, AG, S, A)),
          c("GET", "/api/v1/queues", "/api/v1/queues", null, Set.of(W, S, A)),
          c("GET", "/api/v1/queues/sales", "/api/v1/queues/{id}", null, Set.of(W, S, A)),
          c(
              "PUT",
              "/api/v1/queues/sales",
              "/api/v1/queues/{id}",
              "{\"serviceLevel\":{\"percent\":90}}",
              Set.of(A)),
          c(
              "GET",
              "/api/v1/queues/sales/intervals",
              "/api/v1/queues/{id}/intervals",
              null,
              Set.of(W, S, A)),
          c(
              "GET",
              "/api/v1/queues/sales/settings",
              "/api/v1/queues/{id}/settings",
              null,
              Set.of(S, A)),
          c("GET", "/api/v1/agents", "/api/v1/agents", null, Set.of(W, S, A)),
          c("GET", "/api/v1/agents/a1", "/api/v1/agents/{id}", null, Set.of(W, AG, S, A)),
          c("GET", "/api/v1/agents/a2", "/api/v1/agents/{id}", null, Set.of(W, S, A)),
          c("POST", "/api/v1/agents/a1/login", "/api/v1/agents/{id}/login", null, Set.of(AG, S, A)),
          c("POST", "/api/v1/agents/a2/login", "/api/v1/agents/{id}/login", null, Set.of(S, A)),
          c("POST", "/api/v1/agents/a1/ready", "/api/v1/agents/{id}/ready", null, Set.of(AG, S, A)),
          c("POST", "/api/v1/agents/a2/ready", "/api/v1/agents/{id}/ready", null, Set.of(S, A)),
          c(
              "POST",
              "/api/v1/agents/a1/pause",
              "/api/v1/agents/{id}/pause",
              "{\"reason\":\"lunch\"}",
              Set.of(AG, S, A)),
          c(
              "POST",
              "/api/v1/agents/a2/pause",
              "/api/v1/agents/{id}/pause",
              "{\"reason\":\"lunch\"}",
              Set.of(S, A)),
          c(
              "POST",
              "/api/v1/agents/a1/logout",
              "/api/v1/agents/{id}/logout",
              null,
              Set.of(AG, S, A)),
          c("POST", "/api/v1/agents/a2/logout", "/api/v1/agents/{id}/logout", null, Set.of(S, A)),
          c(
              "PUT",
              "/api/v1/agents/a1/skills",
              "/api/v1/agents/{id}/skills",
              "{\"skills\":{\"sales\":7}}",
              Set.of(S, A)),
          c("GET", "/api/v1/alerts", "/api/v1/alerts", null, Set.of(W, S, A)),
          c("GET", "/api/v1/pbx", "/api/v1/pbx", null, Set.of(W, S, A)),
          c("GET", "/api/v1/contacts/c1", "/api/v1/contacts/{id}", null, Set.of(S, A)),
          c("GET", "/api/v1/announcement", "/api/v1/announcement", null, Set.of(W, S, A)),
          c(
              "POST",
              "/api/v1/announcement",
              "/api/v1/announcement",
              "{\"scope\":\"*\",\"active\":true,\"prompt\":\"closure\"}",
              Set.of(S, A)),
          c("POST", "/api/v1/config/reload", "/api/v1/config/reload", null, Set.of(A)));

  private static Case c(
      String method, String path, String pattern, String body, Set<String> allowed) {
    return new Case(method, path, pattern, body, allowed);
  }

  private static final Map<String, String> TOKENS = new LinkedHashMap<>();

  static {
    TOKENS.put("none", null);
    TOKENS.put("wrong", "not-a-configured-token");
    TOKENS.put(W, TestServer.WALLBOARD);
    TOKENS.put(AG, TestServer.AGENT_A1);
    TOKENS.put(S, TestServer.SUPERVISOR);
    TOKENS.put(A, TestServer.ADMIN);
  }

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void shouldCoverEveryRouteOfTheServer() {
    Set<String> covered = new HashSet<>();
    CASES.forEach(c -> covered.add(c.method() + " " + c.pattern()));
    List<String> routes = new ArrayList<>();
    new ApiDispatcher(
            server.backend,
            HttpServer.jsonMapper(),
            new dev.switchboard.server.security.TokenAuthenticator(TestServer.TOKENS),
            new StaticResources(),
            false)
        .routes()
        .forEach(r -> routes.add(r.method().name() + " " + r.pattern()));
    assertThat(covered).containsExactlyInAnyOrderElementsOf(routes);
  }

  @TestFactory
  Stream<DynamicTest> shouldAllowOrRefuseEveryEndpointForEveryCaller() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : CASES) {
      for (Map.Entry<String, String> caller : TOKENS.entrySet()) {
        String name = c.method() + " " + c.path() + " as " + caller.getKey();
        tests.add(
            DynamicTest.dynamicTest(name, () -> check(c, caller.getKey(), caller.getValue())));
      }
    }
    return tests.stream();
  }

  private static void check(Case c, String caller, String token) throws Exception {
    HttpResponse<String> response = server.send(c.method(), c.path(), token, c.body());
    int status = response.statusCode();
    if (c.allowed().contains(caller)) {
      assertThat(status).as(response.body()).isBetween(200, 299);
    } else if (token == null || caller.equals("wrong")) {
      assertThat(status).isEqualTo(401);
      assertThat(response.body()).contains("\"code\":\"unauthorized\"");
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    } else {
      assertThat(status).as(response.body()).isEqualTo(403);
      assertThat(response.body()).contains("\"code\":\"forbidden\"");
    }
  }
}
