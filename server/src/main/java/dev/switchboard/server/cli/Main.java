package dev.switchboard.server.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code switchboard} command line. Every subcommand has {@code --help} and {@code --version};
 * exit codes are {@link ExitCodes}: 0 ok, 1 runtime failure, 2 usage or configuration error.
 */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Switchboard: contact routing (ACD/CTI) for Asterisk call centers.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.",
      "Documentation: docs/configuration.md, docs/operations.md"
    },
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      CheckConfigCommand.class,
      ReplayCommand.class,
      ExportLogCommand.class,
      dev.switchboard.server.whatif.WhatIfCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @Spec CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    // The console appender is asynchronous: flush it, or the shutdown line may be lost at exit.
    if (org.slf4j.LoggerFactory.getILoggerFactory()
        instanceof ch.qos.logback.classic.LoggerContext context) {
      context.stop();
    }
    System.exit(code);
  }

  /** Runs the command line with these streams and returns the exit code (for tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  /** The command tree with Switchboard's exit codes for usage errors and failures. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExitCodeExceptionMapper(e -> ExitCodes.FAILURE);
    commandLine.setExecutionExceptionHandler(
        (e, cl, parseResult) -> {
          cl.getErr().println("switchboard: " + e.getMessage());
          cl.getErr().flush();
          return ExitCodes.FAILURE;
        });
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine cl = e.getCommandLine();
          cl.getErr().println("switchboard: " + e.getMessage());
          cl.usage(cl.getErr());
          cl.getErr().flush();
          return ExitCodes.USAGE;
        });
    return commandLine;
  }

  /** Without a subcommand: the usage, as a usage error. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
