package dev.switchboard.server.config;

import java.nio.file.Path;

/**
 * Where and how the router journals ({@code journal}).
 *
 * @param directory Chronicle Queue files and snapshots (relative paths resolve against the
 *     configuration file's directory)
 * @param snapshotEveryCommands a snapshot after this many commands (and at shutdown)
 * @param tickIntervalMs how often the timer publishes a Tick (escalations, timeouts fire on ticks)
 * @param ringSize the Disruptor ring's size, a power of two
 */
public record JournalConfiguration(
    Path directory, long snapshotEveryCommands, long tickIntervalMs, int ringSize) {

  /** The same settings with another directory. */
  public JournalConfiguration withDirectory(Path newDirectory) {
    return new JournalConfiguration(newDirectory, snapshotEveryCommands, tickIntervalMs, ringSize);
  }
}
