package dev.switchboard.router.journal;

/**
 * Start-up recovery cannot produce a trustworthy state: a snapshot that passed its checksum is
 * refused by the engine, or the engine throws on a journaled command. Starting anyway would route
 * from a wrong state, so the router does not start and says where the problem is.
 */
public final class RecoveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
