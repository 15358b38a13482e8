package dev.switchboard.router.journal;

/**
 * Where an entry sits in the journal.
 *
 * @param index the Chronicle Queue index (cycle and sequence packed in one long)
 * @param cycle the roll cycle (days since epoch for a daily roll), i.e. which {@code .cq4} file
 * @param sequence the entry's number within that cycle's file, from 0
 */
public record JournalPosition(long index, int cycle, long sequence) {
  @Override
  public String toString() {
    return "cycle " + cycle + " sequence " + sequence + " (index " + index + ")";
  }
}
