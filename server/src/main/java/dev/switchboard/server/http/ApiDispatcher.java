package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.security.Access;
import dev.switchboard.server.security.Principal;
import dev.switchboard.server.security.TokenAuthenticator;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request to its endpoint, after the checks every endpoint shares, in this order: the path
 * exists (404 {@code not-found}), the method fits (405 {@code method-not-allowed}), a valid bearer
 * token is presented unless the endpoint is public (401 {@code unauthorized}), the token's role
 * allows it (403 {@code forbidden}). Endpoint code then refuses bad bodies and unknown ids with
 * 4xx. Every refusal is logged on one line, without the token.
 *
 * <p>Independent of Netty's pipeline so the whole API (every endpoint × every role) can be tested
 * as a function.
 */
public final class ApiDispatcher {

  /** The stream's path (the WebSocket upgrade is handled by the pipeline, not here). */
  public static final String STREAM_PATH = "/api/v1/stream";

  private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);

  /** One endpoint: method, path pattern with {@code {id}} segments, access, and the code. */
  public record Route(
      HttpMethod method,
      String pattern,
      Access access,
      boolean blocking,
      Function<ApiRequest, ApiResponse> endpoint) {}

  private record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();
  private final ApiEndpoints endpoints;
  private final TokenAuthenticator authenticator;
  private final StaticResources pages;

  public ApiDispatcher(
      ApiBackend backend,
      ObjectMapper json,
      TokenAuthenticator authenticator,
      StaticResources pages,
      boolean metricsPublic) {
    this.endpoints = new ApiEndpoints(backend, json);
    this.authenticator = authenticator;
    this.pages = pages;
    ApiEndpoints e = endpoints;
    HttpMethod get = HttpMethod.GET;
    HttpMethod post = HttpMethod.POST;
    HttpMethod put = HttpMethod.PUT;
    add(get, "/health", Access.PUBLIC, e::health);
    add(get, "/api/v1/health", Access.PUBLIC, e::health);
    add(get, "/metrics", metricsPublic ? Access.PUBLIC : Access.READ, e::metrics);
    add(get, "/api/v1/whoami", Access.AUTHENTICATED, e::whoami);
    add(get, "/api/v1/queues", Access.READ, e::queues);
    add(get, "/api/v1/queues/{id}", Access.READ, e::queue);
    add(put, "/api/v1/queues/{id}", Access.CONFIGURE, e::changeQueue);
    add(get, "/api/v1/queues/{id}/intervals", Access.READ, e::intervals);
    add(get, "/api/v1/queues/{id}/settings", Access.SUPERVISE, e::queueSettings);
    add(get, "/api/v1/agents", Access.READ, e::agents);
    add(get, "/api/v1/agents/{id}", Access.AGENT_READ, e::agent);
    add(post, "/api/v1/agents/{id}/login", Access.AGENT_ACT, e::login);
    add(post, "/api/v1/agents/{id}/ready", Access.AGENT_ACT, e::ready);
    add(post, "/api/v1/agents/{id}/pause", Access.AGENT_ACT, e::pause);
    add(post, "/api/v1/agents/{id}/logout", Access.AGENT_ACT, e::logout);
    add(put, "/api/v1/agents/{id}/skills", Access.SUPERVISE, e::skills);
    add(get, "/api/v1/alerts", Access.READ, e::alerts);
    add(get, "/api/v1/pbx", Access.READ, e::pbx);
    add(get, "/api/v1/contacts/{id}", Access.SUPERVISE, e::contact);
    add(get, "/api/v1/announcement", Access.READ, e::announcements);
    add(post, "/api/v1/announcement", Access.SUPERVISE, e::announce);
    routes.add(new Route(post, "/api/v1/config/reload", Access.CONFIGURE, true, e::reload));
  }

  private void add(
      HttpMethod method, String pattern, Access access, Function<ApiRequest, ApiResponse> fn) {
    routes.add(new Route(method, pattern, access, false, fn));
  }

  /** Every API route (tests walk them all). */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The outcome of the shared checks: a response already, or an endpoint ready to run. */
  public sealed interface Resolution {
    /** Refused or answered without running an endpoint (errors, static pages). */
    record Done(ApiResponse response) implements Resolution {}

    /** Passed every check; {@code blocking} endpoints must not run on an event loop. */
    record Ready(Route route, ApiRequest request) implements Resolution {}
  }

  /**
   * Applies the shared checks to a request.
   *
   * @param uri the request target, path and query
   * @param authorization the {@code Authorization} header, or null
   * @param remote who sent it, for the log line
   */
  public Resolution resolve(
      HttpMethod method, String uri, String authorization, byte[] body, long nowMs, String remote) {
    QueryStringDecoder decoder = new QueryStringDecoder(uri);
    String rawPath = decoder.rawPath();
    if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
      Optional<ApiResponse> page = pages.find(rawPath);
      if (page.isPresent()) {
        return new Resolution.Done(page.get());
      }
      if (rawPath.equals("/")) {
        return new Resolution.Done(
            new ApiResponse(HttpResponseStatus.FOUND, "text/plain", new byte[0], Map.of())
                .withHeader("Location", "/wallboard"));
      }
    }
    List<String> segments = segments(rawPath);
    Set<String> allowed = new LinkedHashSet<>();
    Match match = null;
    for (Route route : routes) {
      Map<String, String> params = matchPath(route.pattern(), segments);
      if (params != null) {
        allowed.add(route.method().name());
        if (route.method().equals(method) && match == null) {
          match = new Match(route, params);
        }
      }
    }
    if (allowed.isEmpty()) {
      return refuse(
          method,
          rawPath,
          remote,
          HttpResponseStatus.NOT_FOUND,
          "not-found",
          "no such endpoint",
          null);
    }
    if (match == null) {
      Resolution.Done done =
          refuse(
              method,
              rawPath,
              remote,
              HttpResponseStatus.METHOD_NOT_ALLOWED,
              "method-not-allowed",
              "use " + String.join(", ", allowed),
              null);
      return new Resolution.Done(done.response().withHeader("Allow", String.join(", ", allowed)));
    }
    Principal principal = null;
    String token = bearer(authorization);
    if (token != null) {
      principal = authenticator.authenticate(token).orElse(null);
    }
    Access access = match.route().access();
    if (access != Access.PUBLIC) {
      if (principal == null) {
        Resolution.Done done =
            refuse(
                method,
                rawPath,
                remote,
                HttpResponseStatus.UNAUTHORIZED,
                "unauthorized",
                token == null ? "a bearer token is required" : "the token is not valid",
                null);
        return new Resolution.Done(
            done.response().withHeader("WWW-Authenticate", "Bearer realm=\"switchboard\""));
      }
      if (!access.allows(principal, match.params().getOrDefault("id", ""))) {
        return refuse(
            method,
            rawPath,
            remote,
            HttpResponseStatus.FORBIDDEN,
            "forbidden",
            "role " + principal.role().jsonName() + " may not do this",
            principal);
      }
    }
    Map<String, String> query = new HashMap<>();
    decoder.parameters().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
    return new Resolution.Ready(
        match.route(), new ApiRequest(match.params(), query, body, principal, nowMs));
  }

  /** Runs a resolved endpoint, turning its refusals into error responses (and a log line). */
  public ApiResponse run(Route route, ApiRequest request, String remote) {
    try {
      return route.endpoint().apply(request);
    } catch (ApiException e) {
      LOG.info(
          "refused {} {} from {}: {} {} {}{}",
          route.method(),
          route.pattern(),
          remote,
          e.status().code(),
          e.code(),
          e.getMessage(),
          e.field().isEmpty() ? "" : " (field " + e.field() + ")");
      return endpoints.respond(e.status(), endpoints.error(e.code(), e.getMessage(), e.field()));
    }
  }

  /** Resolves and runs in one call (tests; endpoints that do not block). */
  public ApiResponse handle(
      HttpMethod method, String uri, String authorization, byte[] body, long nowMs) {
    Resolution resolution = resolve(method, uri, authorization, body, nowMs, "test");
    if (resolution instanceof Resolution.Ready ready) {
      return run(ready.route(), ready.request(), "test");
    }
    return ((Resolution.Done) resolution).response();
  }

  /** An error response in the API's shape. */
  public ApiResponse error(HttpResponseStatus status, String code, String message) {
    return endpoints.respond(status, endpoints.error(code, message, ""));
  }

  /** Authenticates a raw token (the stream takes it from the query or a subprotocol). */
  public Optional<Principal> authenticate(String token) {
    return authenticator.authenticate(token);
  }

  private Resolution.Done refuse(
      HttpMethod method,
      String path,
      String remote,
      HttpResponseStatus status,
      String code,
      String message,
      Principal principal) {
    LOG.info(
        "refused {} {} from {}: {} {}{}",
        method,
        path,
        remote,
        status.code(),
        code,
        principal == null ? "" : " (token " + principal.name() + ")");
    return new Resolution.Done(endpoints.respond(status, endpoints.error(code, message, "")));
  }

  private static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return value.substring(7).trim();
    }
    return "";
  }

  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/", -1)) {
      out.add(s);
    }
    return out;
  }

  private static Map<String, String> matchPath(String pattern, List<String> segments) {
    String[] parts = pattern.split("/", -1);
    if (parts.length != segments.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      String segment = segments.get(i);
      if (part.startsWith("{") && part.endsWith("}")) {
        String value;
        try {
          value = QueryStringDecoder.decodeComponent(segment);
        } catch (IllegalArgumentException e) {
          return null;
        }
        if (value.isEmpty()) {
          return null;
        }
        params.put(part.substring(1, part.length() - 1), value);
      } else if (!part.equals(segment)) {
        return null;
      }
    }
    return params;
  }
}
