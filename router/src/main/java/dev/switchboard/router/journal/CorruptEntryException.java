package dev.switchboard.router.journal;

/**
 * A journal entry or snapshot that cannot be decoded: truncated, a bad checksum, an unknown version
 * or type tag, or a value its record refuses. Checked, so that every reader decides what a corrupt
 * entry means for it (recovery stops there and reports the position).
 */
public final class CorruptEntryException extends Exception {
  private static final long serialVersionUID = 1L;

  public CorruptEntryException(String message) {
    super(message);
  }

  public CorruptEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
