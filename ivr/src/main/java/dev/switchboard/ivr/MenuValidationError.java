package dev.switchboard.ivr;

import java.util.Objects;

/**
 * One problem found in the IVR configuration.
 *
 * @param path where it is, dotted from the configuration root ({@code ivr.nodes.main.choices.7})
 * @param line the 1-based line in the YAML file, or 0 when the source had no line information
 * @param message what is wrong, for a human
 */
public record MenuValidationError(String path, int line, String message) {
  public MenuValidationError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (line > 0 ? "line " + line + ": " : "") + path + ": " + message;
  }
}
