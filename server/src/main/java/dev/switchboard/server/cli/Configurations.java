package dev.switchboard.server.cli;

import dev.switchboard.server.config.ConfigurationLoader;

/** The configuration loader every command uses: the process environment, the IVR's checks. */
final class Configurations {

  private Configurations() {}

  static ConfigurationLoader loader() {
    return new ConfigurationLoader();
  }
}
