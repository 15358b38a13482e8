package dev.switchboard.server.cli;

import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.journal.JournalReplayer;
import dev.switchboard.stats.QueueStats;
import dev.switchboard.stats.StatsConfiguration;
import dev.switchboard.stats.StatsService;
import dev.switchboard.stats.StatsSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard replay --journal DIR}: rebuilds the routing state and the statistics from a
 * journal, offline, and prints what it found. Reads the journal only (Switchboard need not run; it
 * must not run on the same directory).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Replays a journal directory through the routing engine and the statistics and prints a",
      "summary: commands, events by type, the final state hash, figures per queue.",
      "Exit codes: 0 replayed, 1 unreadable journal, 2 usage."
    })
public final class ReplayCommand implements Callable<Integer> {

  @Option(
      names = {"-j", "--journal"},
      required = true,
      paramLabel = "DIR",
      description = "The journal directory (journal.directory in the configuration).")
  Path journal;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      defaultValue = "UTC",
      description = "Time zone of the statistics day (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description = "Also write each queue's daily HTML report (15-minute intervals, plots) here.")
  Path reportDirectory;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "The day of the reports (default: the day of the journal's last event).")
  java.time.LocalDate reportDate;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(journal)) {
      err.println("switchboard replay: " + journal + " is not a directory");
      err.flush();
      return ExitCodes.USAGE;
    }
    long[] lastEventMs = {0};
    try (StatsService stats =
        new StatsService(
            StatsConfiguration.defaults().withDay(zone, java.time.LocalTime.MIDNIGHT),
            new SimpleMeterRegistry())) {
      RouterEventListener listener =
          (event, replay) -> {
            lastEventMs[0] = Math.max(lastEventMs[0], event.timestampMs());
            stats.onEvent(event, replay);
          };
      JournalReplayer.Summary summary =
          JournalReplayer.replay(journal, new RoutingStateMachine(), listener);
      out.printf(
          "journal %s: %d commands replayed in %.1f ms, last index %d, state hash %016x%n",
          journal,
          summary.commands(),
          summary.elapsedNanos() / 1e6,
          summary.lastJournalIndex(),
          summary.finalStateHash());
      summary
          .corruptTail()
          .ifPresent(
              tail ->
                  out.printf(
                      "CORRUPT tail at %s: %s (everything before it was replayed)%n",
                      tail.position(), tail.reason()));
      out.println("events:");
      for (Map.Entry<String, Long> e : summary.eventsByType().entrySet()) {
        out.printf("  %-22s %d%n", e.getKey(), e.getValue());
      }
      StatsSnapshot snapshot = stats.snapshot(lastEventMs[0]);
      out.printf(
          "statistics as of %s (%s):%n",
          lastEventMs[0] == 0 ? "-" : Instant.ofEpochMilli(lastEventMs[0]), zone);
      out.printf(
          "  %-12s %8s %8s %9s %10s %8s %7s%n",
          "queue", "offered", "answered", "abandoned", "overflowed", "waiting", "SL %");
      for (QueueStats q : snapshot.queues()) {
        out.printf(
            "  %-12s %8d %8d %9d %10d %8d %7s%n",
            q.id(),
            q.offered(),
            q.answered(),
            q.abandoned(),
            q.overflowed(),
            q.waiting(),
            q.serviceLevel().percent() == null
                ? "-"
                : String.format("%.1f", q.serviceLevel().percent()));
      }
      if (reportDirectory != null) {
        writeReports(stats, snapshot, lastEventMs[0], out);
      }
      out.flush();
      return ExitCodes.OK;
    } catch (RuntimeException | java.io.IOException e) {
      err.println("switchboard replay: cannot replay " + journal + ": " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
  }

  /** One HTML page per queue for the report day, named {@code <queue>-<date>.html}. */
  private void writeReports(
      StatsService stats, StatsSnapshot snapshot, long lastEventMs, PrintWriter out)
      throws java.io.IOException {
    java.time.LocalDate day =
        reportDate != null
            ? reportDate
            : Instant.ofEpochMilli(lastEventMs == 0 ? System.currentTimeMillis() : lastEventMs)
                .atZone(zone)
                .toLocalDate();
    Files.createDirectories(reportDirectory);
    for (QueueStats q : snapshot.queues()) {
      java.util.Optional<String> html = stats.dailyReport(q.id(), day);
      if (html.isPresent()) {
        Path file = reportDirectory.resolve(q.id() + "-" + day + ".html");
        Files.writeString(file, html.get());
        out.printf("report: %s%n", file);
      }
    }
  }
}
