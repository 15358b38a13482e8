package dev.switchboard.ivr;

import java.util.List;
import java.util.stream.Collectors;

/** The IVR configuration is not usable; carries every problem found, not just the first. */
public final class IvrConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<MenuValidationError> errors;

  /** An exception for these errors (at least one). */
  public IvrConfigurationException(String fileName, List<MenuValidationError> errors) {
    super(describe(fileName, errors));
    this.errors = List.copyOf(errors);
  }

  /** Every problem found, in the order the loader met them. */
  public List<MenuValidationError> errors() {
    return errors;
  }

  private static String describe(String fileName, List<MenuValidationError> errors) {
    return errors.size()
        + " error(s) in the IVR configuration of "
        + fileName
        + ":\n"
        + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
  }
}
