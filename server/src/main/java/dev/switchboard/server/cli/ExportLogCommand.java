package dev.switchboard.server.cli;

import dev.switchboard.stats.EventLogAgent;
import dev.switchboard.stats.EventLogRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard export-log --event-log FILE --format csv|json|queue_log}: converts the event
 * log (stats.eventLogFile) for the reporting tools a call center already owns; {@code queue_log} is
 * Asterisk's {@code epoch|callid|queue|agent|event|data1|data2|data3} format.
 */
@Command(
    name = "export-log",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Exports the event log as CSV, JSON lines or an Asterisk-style queue_log.",
      "Exit codes: 0 exported, 1 unreadable or unwritable file, 2 usage."
    })
public final class ExportLogCommand implements Callable<Integer> {

  /** The output formats. */
  enum Format {
    CSV,
    JSON,
    QUEUE_LOG
  }

  @Option(
      names = "--event-log",
      required = true,
      paramLabel = "FILE",
      description = "The event log (stats.eventLogFile in the configuration).")
  Path eventLog;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "csv, json or queue_log.")
  Format format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write (default: standard output).")
  Path outFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(eventLog)) {
      err.println("switchboard export-log: " + eventLog + " is not a file");
      err.flush();
      return ExitCodes.USAGE;
    }
    try {
      List<EventLogRecord> records = EventLogAgent.read(eventLog);
      if (outFile == null) {
        PrintWriter out = spec.commandLine().getOut();
        write(records, out);
        out.flush();
      } else {
        try (Writer out = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
          write(records, out);
        }
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      err.println("switchboard export-log: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
  }

  private void write(List<EventLogRecord> records, Writer out) throws IOException {
    switch (format) {
      case CSV -> EventLogAgent.exportCsv(records, out);
      case JSON -> EventLogAgent.exportJsonLines(records, out);
      case QUEUE_LOG -> EventLogAgent.exportQueueLog(records, out);
    }
  }

  /** Accepts {@code csv}, {@code json}, {@code queue_log} (or {@code queue-log}), any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }
}
