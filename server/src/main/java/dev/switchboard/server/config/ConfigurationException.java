package dev.switchboard.server.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every error found in it (the loader collects them all
 * before it gives up, so one run shows everything to fix).
 */
public final class ConfigurationException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigurationError> errors;

  /** A failure carrying these errors (at least one). */
  public ConfigurationException(List<ConfigurationError> errors) {
    super(describe(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a configuration failure needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** Every error, in file order. */
  public List<ConfigurationError> errors() {
    return errors;
  }

  private static String describe(List<ConfigurationError> errors) {
    return errors.size()
        + " configuration error"
        + (errors.size() == 1 ? "" : "s")
        + ":\n"
        + errors.stream().map(ConfigurationError::toString).collect(Collectors.joining("\n"));
  }
}
