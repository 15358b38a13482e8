package dev.switchboard.server.cli;

/** The exit codes of every {@code switchboard} command (documented in docs/operations.md). */
public final class ExitCodes {
  /** Done, or stopped on request. */
  public static final int OK = 0;

  /** Something failed at run time (a port in use, a corrupt journal, an I/O error). */
  public static final int FAILURE = 1;

  /** The command line or the configuration file is wrong; nothing was started. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
