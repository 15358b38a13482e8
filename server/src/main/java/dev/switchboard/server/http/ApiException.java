package dev.switchboard.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * A request the API refuses, with the status, the stable error code clients switch on, a message
 * for people and, when one field is to blame, its path ({@code skills.sales}). Thrown by endpoint
 * code and turned into {@code {"error":{"code","message","field"}}} by the request handler.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient HttpResponseStatus status;
  private final String code;
  private final String field;

  public ApiException(HttpResponseStatus status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = Objects.requireNonNull(status, "status");
    this.code = Objects.requireNonNull(code, "code");
    this.field = field == null ? "" : field;
  }

  /** 400 with a code and the field at fault. */
  public static ApiException badRequest(String code, String message, String field) {
    return new ApiException(HttpResponseStatus.BAD_REQUEST, code, message, field);
  }

  /** 404 for an id that does not exist ({@code unknown-agent}, {@code unknown-queue}…). */
  public static ApiException notFound(String code, String message) {
    return new ApiException(HttpResponseStatus.NOT_FOUND, code, message, "");
  }

  public HttpResponseStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The field at fault, or empty. */
  public String field() {
    return field;
  }
}
