package dev.switchboard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.ivr.IvrConfigurationException;
import dev.switchboard.ivr.IvrConfigurationLoader;
import dev.switchboard.ivr.MenuValidationError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates the {@code ivr} section with the IVR module's own loader (menus, prompts, node
 * references, the queues its nodes name), so {@code check-config} and start-up report IVR mistakes
 * with every other error, with their lines.
 */
public final class IvrSectionValidator implements ConfigurationLoader.SectionValidator {

  @Override
  public List<ConfigurationError> validate(
      JsonNode section, Set<String> queueIds, String name, Path source) {
    try {
      IvrConfigurationLoader.load(section, source.toString(), queueIds);
      return List.of();
    } catch (IvrConfigurationException e) {
      List<ConfigurationError> errors = new ArrayList<>();
      for (MenuValidationError error : e.errors()) {
        errors.add(new ConfigurationError(name, error.line(), error.path(), error.message()));
      }
      return errors;
    } catch (RuntimeException e) {
      // A defect in the IVR's loader must still end as a configuration error, not a crash.
      return List.of(new ConfigurationError(name, 0, "ivr", "cannot be read: " + e));
    }
  }
}
