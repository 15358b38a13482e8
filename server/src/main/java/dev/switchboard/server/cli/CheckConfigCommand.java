package dev.switchboard.server.cli;

import dev.switchboard.server.config.ConfigurationError;
import dev.switchboard.server.config.ConfigurationException;
import dev.switchboard.server.config.ConfigurationLoader;
import dev.switchboard.server.config.SwitchboardConfiguration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code switchboard check-config FILE}: validates a configuration and prints every error. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validates a configuration file without starting anything.",
      "Prints every error found, one per line as file:line: path: message.",
      "Exit codes: 0 valid, 2 invalid (or unreadable)."
    })
public final class CheckConfigCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file (YAML).")
  Path file;

  @Option(
      names = "--skip-secrets",
      description =
          "Check that secrets are referenced correctly, without reading the environment"
              + " variables or files they name (lint a production file on a build machine).")
  boolean skipSecrets;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigurationLoader loader = Configurations.loader();
    if (skipSecrets) {
      loader.withoutResolvingSecrets();
    }
    try {
      SwitchboardConfiguration c = loader.load(file);
      out.printf(
          "%s: valid (%d PBX%s, %d queues, %d agents, %d skills, %d users)%n",
          file,
          c.pbxs().size(),
          c.pbxs().size() == 1 ? "" : "s",
          c.routing().queues().size(),
          c.routing().agents().size(),
          c.skills().size(),
          c.users().size());
      out.flush();
      return ExitCodes.OK;
    } catch (ConfigurationException e) {
      for (ConfigurationError error : e.errors()) {
        err.println(error);
      }
      err.printf(
          "%s: invalid, %d error%s%n", file, e.errors().size(), e.errors().size() == 1 ? "" : "s");
      err.flush();
      return ExitCodes.USAGE;
    }
  }
}
