package dev.switchboard.server.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.switchboard.server.config.LoggingConfiguration;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Applies the configuration's log levels ({@code logging}) to logback, root and per logger. */
final class LoggingConfigurator {

  private LoggingConfigurator() {}

  static void apply(LoggingConfiguration logging) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      // Another SLF4J binding (an embedding application's): its levels are its own business.
      return;
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(logging.level()));
    for (Map.Entry<String, String> entry : logging.loggers().entrySet()) {
      context.getLogger(entry.getKey()).setLevel(Level.toLevel(entry.getValue()));
    }
  }
}
