package dev.switchboard.router.journal;

import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.engine.EventBuffer;
import dev.switchboard.router.engine.RoutingEngine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Replays a whole journal through an engine, from its first entry, ignoring snapshots: the tool
 * behind the CLI's {@code replay} command, to answer "what did the router decide, and why" and to
 * check that a build reaches the same state hash as the one that wrote the journal.
 */
public final class JournalReplayer {

  private JournalReplayer() {}

  /**
   * What a replay saw.
   *
   * @param commands entries applied
   * @param eventsByType events emitted, by event record name
   * @param finalStateHash the engine's state hash at the end
   * @param lastJournalIndex the last entry applied, -1 if none
   * @param elapsedNanos wall time of the replay
   * @param corruptTail the first unreadable entry, if the journal did not read to its end
   */
  public record Summary(
      long commands,
      Map<String, Long> eventsByType,
      long finalStateHash,
      long lastJournalIndex,
      long elapsedNanos,
      Optional<CorruptTail> corruptTail) {
    public Summary {
      eventsByType = Map.copyOf(eventsByType);
    }
  }

  /**
   * Replays the journal in {@code directory} through {@code engine} (fresh), handing every event to
   * {@code listener} with {@code replay = true}.
   */
  public static Summary replay(Path directory, RoutingEngine engine, RouterEventListener listener) {
    long started = System.nanoTime();
    // Counted by kind during the replay, named once at the end; events are stored in place and
    // made into records only for a listener that wants them.
    long[] countsByKind = new long[EventKind.values().length];
    long[] lastTimestampMs = {Long.MIN_VALUE};
    EventBuffer events = new EventBuffer();
    try (ChronicleJournal journal = ChronicleJournal.open(directory)) {
      ChronicleJournal.ReadResult result =
          journal.readAhead(
              ChronicleJournal.NO_INDEX,
              (index, timestampMs, command) -> {
                long nowMs = Math.max(timestampMs, lastTimestampMs[0]);
                engine.apply(nowMs, command, events);
                lastTimestampMs[0] = nowMs;
                for (int i = 0, n = events.size(); i < n; i++) {
                  countsByKind[events.view(i).kind().ordinal()]++;
                }
                if (listener != null) {
                  events.deliverTo(listener, true);
                }
                events.clear();
              });
      Map<String, Long> counts = new TreeMap<>();
      for (EventKind kind : EventKind.values()) {
        if (countsByKind[kind.ordinal()] > 0) {
          counts.put(kind.type().getSimpleName(), countsByKind[kind.ordinal()]);
        }
      }
      return new Summary(
          result.entries(),
          counts,
          engine.stateHash(),
          result.lastIndex(),
          System.nanoTime() - started,
          Optional.ofNullable(result.corruptTail()));
    }
  }
}
