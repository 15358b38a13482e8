package dev.switchboard.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A complete response, built by endpoint code without touching Netty's buffers, so endpoints can be
 * tested as plain functions.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body bytes
 * @param headers extra headers ({@code Retry-After}, {@code WWW-Authenticate})
 */
public record ApiResponse(
    HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

  /** JSON media type. */
  public static final String JSON = "application/json; charset=utf-8";

  public ApiResponse {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A JSON body. */
  public static ApiResponse json(HttpResponseStatus status, byte[] body) {
    return new ApiResponse(status, JSON, body, Map.of());
  }

  /** A plain-text body. */
  public static ApiResponse text(HttpResponseStatus status, String contentType, String body) {
    return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** The same response with one more header. */
  public ApiResponse withHeader(String name, String value) {
    java.util.HashMap<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, contentType, body, more);
  }

  /** The body as text (tests, logs). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
