package dev.switchboard.router.journal;

import java.util.List;
import java.util.Optional;

/**
 * What start-up recovery did: which snapshot it loaded, how much journal it replayed, where it
 * found damage, and the state it reached.
 *
 * @param snapshotUsed file name of the snapshot loaded, or empty when replay started from the first
 *     entry
 * @param snapshotJournalIndex the journal index that snapshot covered, -1 if none
 * @param snapshotsSkipped snapshots that failed their checks, each with its reason
 * @param commandsReplayed journal entries applied after the snapshot
 * @param lastJournalIndex the last journal index now in the state, -1 if none
 * @param lastTimestampMs the timestamp of the last command in the state ({@link Long#MIN_VALUE} if
 *     none); live commands are clamped to it
 * @param stateHash the engine's state hash after recovery
 * @param elapsedNanos wall time the recovery took
 * @param corruptTail the first unreadable journal entry, if the journal did not read to its end
 */
public record RecoveryReport(
    String snapshotUsed,
    long snapshotJournalIndex,
    List<String> snapshotsSkipped,
    long commandsReplayed,
    long lastJournalIndex,
    long lastTimestampMs,
    long stateHash,
    long elapsedNanos,
    Optional<CorruptTail> corruptTail) {

  public RecoveryReport {
    snapshotsSkipped = List.copyOf(snapshotsSkipped);
  }

  /** One line for the log. */
  public String summary() {
    return String.format(
        "recovered: snapshot %s, %d snapshot(s) skipped, %d command(s) replayed, state hash %016x,"
            + " %.1f ms%s",
        snapshotUsed.isEmpty() ? "none" : snapshotUsed,
        snapshotsSkipped.size(),
        commandsReplayed,
        stateHash,
        elapsedNanos / 1e6,
        corruptTail
            .map(t -> ", CORRUPT journal tail at " + t.position() + ": " + t.reason())
            .orElse(""));
  }
}
