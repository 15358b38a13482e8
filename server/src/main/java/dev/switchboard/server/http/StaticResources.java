package dev.switchboard.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wallboard and console pages and their scripts and styles, read once from the classpath
 * ({@code web/}) and served from memory. A fixed list: nothing outside it is reachable, so no path
 * can escape the folder.
 */
public final class StaticResources {

  /** Content Security Policy of the pages: only this origin's scripts, styles and sockets. */
  public static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  private static final List<String> FILES =
      List.of(
          "wallboard.html",
          "console.html",
          "wallboard.css",
          "console.css",
          "common.css",
          "wallboard.js",
          "console.js",
          "stream.js",
          "favicon.svg");

  private final Map<String, ApiResponse> byPath = new HashMap<>();

  /** Loads every page from {@code web/} on the classpath. */
  public StaticResources() {
    for (String file : FILES) {
      byPath.put("/static/" + file, load(file));
    }
    byPath.put("/wallboard", load("wallboard.html"));
    byPath.put("/console", load("console.html"));
  }

  /** The response for a page path, if it is one. */
  public Optional<ApiResponse> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  private static ApiResponse load(String file) {
    try (InputStream in = StaticResources.class.getResourceAsStream("/web/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing page resource web/" + file);
      }
      return new ApiResponse(HttpResponseStatus.OK, contentType(file), in.readAllBytes(), Map.of())
          .withHeader("Content-Security-Policy", CSP)
          .withHeader("Cache-Control", "no-cache");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read page resource web/" + file, e);
    }
  }

  private static String contentType(String file) {
    if (file.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (file.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (file.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (file.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }
}
