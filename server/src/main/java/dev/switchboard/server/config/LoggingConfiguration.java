package dev.switchboard.server.config;

import java.util.Map;

/**
 * Log levels ({@code logging}).
 *
 * @param level the root level (TRACE, DEBUG, INFO, WARN, ERROR)
 * @param loggers logger name (a package such as {@code dev.switchboard.cti}) → level
 */
public record LoggingConfiguration(String level, Map<String, String> loggers) {
  public LoggingConfiguration {
    loggers = Map.copyOf(loggers);
  }
}
