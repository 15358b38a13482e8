package dev.switchboard.server.http;

import dev.switchboard.server.security.Principal;
import java.util.Map;

/**
 * One request as endpoint code sees it, after routing and authentication.
 *
 * @param params path parameters by name ({@code id})
 * @param query query parameters (first value of each)
 * @param body the raw body (may be empty)
 * @param principal who asked; null on public endpoints called without a token
 * @param nowMs the server's time when the request was handled
 */
public record ApiRequest(
    Map<String, String> params,
    Map<String, String> query,
    byte[] body,
    Principal principal,
    long nowMs) {

  /** A path parameter. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }
}
