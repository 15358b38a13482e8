package dev.switchboard.server.config;

import dev.switchboard.router.pipeline.StageLayout;
import dev.switchboard.router.pipeline.WaitMode;
import java.nio.file.Path;

/**
 * Where and how the router journals ({@code journal}).
 *
 * @param directory Chronicle Queue files and snapshots (relative paths resolve against the
 *     configuration file's directory)
 * @param snapshotEveryCommands a snapshot after this many commands (and at shutdown)
 * @param tickIntervalMs how often the timer publishes a Tick (escalations, timeouts fire on ticks)
 * @param ringSize the Disruptor ring's size, a power of two
 * @param snapshotDirectory where snapshots go (the journal directory unless set; another device
 *     avoids an fsync stall on ext4, see docs/operations.md)
 * @param stages how the journal, routing and dispatch stages get threads
 * @param waitMode how idle stages wait for commands
 */
public record JournalConfiguration(
    Path directory,
    long snapshotEveryCommands,
    long tickIntervalMs,
    int ringSize,
    Path snapshotDirectory,
    StageLayout stages,
    WaitMode waitMode) {

  /** The defaults, journaling into {@code directory}. */
  public static JournalConfiguration defaults(Path directory) {
    return new JournalConfiguration(
        directory, 100_000, 50, 65_536, directory, StageLayout.FUSED, WaitMode.BLOCKING);
  }

  /** The same settings with another directory (snapshots move along unless kept apart). */
  public JournalConfiguration withDirectory(Path newDirectory) {
    Path snapshots = snapshotDirectory.equals(directory) ? newDirectory : snapshotDirectory;
    return new JournalConfiguration(
        newDirectory, snapshotEveryCommands, tickIntervalMs, ringSize, snapshots, stages, waitMode);
  }
}
