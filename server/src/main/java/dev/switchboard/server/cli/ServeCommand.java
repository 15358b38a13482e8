package dev.switchboard.server.cli;

import dev.switchboard.server.app.SwitchboardApplication;
import dev.switchboard.server.config.ConfigurationError;
import dev.switchboard.server.config.ConfigurationException;
import dev.switchboard.server.config.ConfigurationLoader;
import dev.switchboard.server.config.SwitchboardConfiguration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard serve --config FILE}: runs Switchboard until SIGTERM/SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs Switchboard with a configuration file until stopped (SIGTERM, Ctrl-C).",
      "SIGHUP re-reads the configuration; a second stop signal exits at once.",
      "Exit codes: 0 stopped, 1 failed at run time, 2 invalid configuration."
    })
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The configuration file (docs/configuration.md).")
  Path config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    SwitchboardConfiguration configuration;
    try {
      configuration = Configurations.loader().load(config);
    } catch (ConfigurationException e) {
      for (ConfigurationError error : e.errors()) {
        err.println(error);
      }
      err.printf("%s: invalid, nothing started%n", config);
      err.flush();
      return ExitCodes.USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    ProcessSignals signals = ProcessSignals.install(stopped);
    SwitchboardApplication app =
        SwitchboardApplication.start(
            new SwitchboardApplication.Settings(
                configuration, ConfigurationLoader::new, UnaryOperator.identity(), false, false));
    signals.attach(app);
    stopped.await();
    return ExitCodes.OK;
  }
}
