package dev.switchboard.server.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file, located precisely enough to fix it without reading the
 * loader: {@code switchboard.yaml:42: queues[2].serviceLevel.targetSeconds: must be between 1 and
 * 3600, got 0}.
 *
 * @param file the file name as given (or {@code <text>} for a string)
 * @param line 1-based line, 0 when the error is about the file as a whole
 * @param path where in the document: {@code queues[2].serviceLevel.targetSeconds}, empty for the
 *     document root
 * @param message what is wrong, and what would be right
 */
public record ConfigurationError(String file, int line, String path, String message) {

  public ConfigurationError {
    Objects.requireNonNull(file, "file");
    path = path == null ? "" : path;
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
