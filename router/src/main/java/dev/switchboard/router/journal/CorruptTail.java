package dev.switchboard.router.journal;

/**
 * The first journal entry that could not be read back, and why. Everything before it was recovered;
 * it and everything after it were not.
 *
 * @param position where it is
 * @param reason what was wrong (truncated, CRC mismatch, unknown tag…)
 * @param entriesAfter entries physically present after it that were not replayed
 */
public record CorruptTail(JournalPosition position, String reason, long entriesAfter) {}
