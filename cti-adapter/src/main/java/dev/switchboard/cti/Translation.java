package dev.switchboard.cti;

import dev.switchboard.router.api.Command;

/**
 * What one AMI event (or one resync finding) meant for routing: an outcome to count, and the
 * command to publish when there is one.
 */
record Translation(Outcome outcome, Command command) {

  /** How an event was classified. */
  enum Outcome {
    TRANSLATED,
    IGNORED,
    MALFORMED,
    UNKNOWN_CHANNEL,
    DUPLICATE
  }

  static final Translation IGNORED = new Translation(Outcome.IGNORED, null);
  static final Translation MALFORMED = new Translation(Outcome.MALFORMED, null);
  static final Translation UNKNOWN_CHANNEL = new Translation(Outcome.UNKNOWN_CHANNEL, null);
  static final Translation DUPLICATE = new Translation(Outcome.DUPLICATE, null);

  static Translation of(Command command) {
    return new Translation(Outcome.TRANSLATED, command);
  }
}
