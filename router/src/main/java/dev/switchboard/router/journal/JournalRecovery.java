package dev.switchboard.router.journal;

import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.engine.EventBuffer;
import dev.switchboard.router.engine.RoutingEngine;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds routing state at start-up: the newest snapshot that passes its checks, then every
 * journal entry after the index it covers, through the same engine, with listeners told {@code
 * replay = true}.
 */
public final class JournalRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

  private JournalRecovery() {}

  /**
   * Recovers {@code engine} (which must be fresh) from {@code snapshots} and {@code journal}.
   *
   * @param listener receives replayed events with {@code replay = true}
   * @throws RecoveryException when the state cannot be trusted (see there)
   */
  public static RecoveryReport recover(
      ChronicleJournal journal,
      SnapshotStore snapshots,
      RoutingEngine engine,
      RouterEventListener listener) {
    long started = System.nanoTime();
    List<String> skipped = new ArrayList<>();
    SnapshotStore.Loaded loaded = loadNewest(snapshots, engine, skipped);

    long afterIndex = loaded == null ? ChronicleJournal.NO_INDEX : loaded.header().journalIndex();
    long[] lastTimestampMs = {loaded == null ? Long.MIN_VALUE : loaded.header().lastTimestampMs()};
    EventBuffer events = new EventBuffer();
    ChronicleJournal.ReadResult result =
        journal.readAhead(
            afterIndex,
            (index, timestampMs, command) -> {
              // Entries already hold the clamped time; the max only guards a hand-edited journal.
              long nowMs = Math.max(timestampMs, lastTimestampMs[0]);
              try {
                engine.apply(nowMs, command, events);
              } catch (RuntimeException e) {
                throw new RecoveryException(
                    "engine failed replaying "
                        + journal.position(index)
                        + " ("
                        + command.getClass().getSimpleName()
                        + "); the journal up to it is intact, the engine cannot apply it",
                    e);
              }
              lastTimestampMs[0] = nowMs;
              events.deliverTo(listener, true);
              events.clear();
            });
    RecoveryReport report =
        new RecoveryReport(
            loaded == null ? "" : loaded.file().getFileName().toString(),
            afterIndex,
            skipped,
            result.entries(),
            result.lastIndex(),
            lastTimestampMs[0],
            engine.stateHash(),
            System.nanoTime() - started,
            Optional.ofNullable(result.corruptTail()));
    if (report.corruptTail().isPresent()) {
      LOG.error("{}", report.summary());
    } else {
      LOG.info("{}", report.summary());
    }
    return report;
  }

  private static SnapshotStore.Loaded loadNewest(
      SnapshotStore snapshots, RoutingEngine engine, List<String> skipped) {
    List<Path> files;
    try {
      files = snapshots.list();
    } catch (IOException e) {
      throw new RecoveryException("cannot list snapshots: " + e, e);
    }
    for (Path file : files) {
      SnapshotStore.Loaded loaded;
      try {
        loaded = snapshots.read(file);
      } catch (IOException | CorruptEntryException e) {
        String reason = file.getFileName() + ": " + e.getMessage();
        LOG.warn("skipping snapshot {}", reason);
        skipped.add(reason);
        continue;
      }
      try {
        engine.readSnapshot(new DataInputStream(new ByteArrayInputStream(loaded.body())));
      } catch (IOException | RuntimeException e) {
        throw new RecoveryException(
            "snapshot " + file + " passed its CRC but the engine refused it", e);
      }
      if (engine.stateHash() != loaded.header().stateHash()) {
        throw new RecoveryException(
            String.format(
                "snapshot %s loaded to state hash %016x, its header says %016x",
                file, engine.stateHash(), loaded.header().stateHash()),
            null);
      }
      return loaded;
    }
    return null;
  }
}
