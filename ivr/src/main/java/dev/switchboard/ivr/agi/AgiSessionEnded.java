package dev.switchboard.ivr.agi;

/** Why a FastAGI session stopped before its script finished; thrown out of the I/O layer. */
public final class AgiSessionEnded extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of early end, each counted separately. */
  public enum Reason {
    /** Asterisk said {@code HANGUP} or a command returned {@code result=-1}. */
    CALLER_HANGUP,
    /** The socket closed (end of stream) or broke. */
    CONNECTION_CLOSED,
    /** Asterisk sent something that is not AGI. */
    PROTOCOL_ERROR,
    /** A command was refused ({@code 510}, {@code 511}, {@code 520}). */
    COMMAND_FAILED,
    /** No reply within the configured time. */
    TIMEOUT
  }

  private final Reason reason;

  /** An early end for this reason, with a message for the log. */
  public AgiSessionEnded(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Why the session ended. */
  public Reason reason() {
    return reason;
  }
}
