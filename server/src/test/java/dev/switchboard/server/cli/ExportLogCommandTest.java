package dev.switchboard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.stats.EventLogCodec;
import dev.switchboard.stats.EventLogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportLogCommandTest {

  @TempDir Path dir;

  private Path eventLog() throws Exception {
    EventLogRecord entered =
        new EventLogRecord(
            1_795_600_000_000L,
            "queued",
            "pbx1:1795600000.1",
            "sales",
            "",
            "",
            "ENTERQUEUE",
            "",
            "+4930123",
            "1");
    EventLogRecord connected =
        new EventLogRecord(
            1_795_600_004_000L,
            "answered",
            "pbx1:1795600000.1",
            "sales",
            "agent01",
            "",
            "CONNECT",
            "4",
            "",
            "");
    Path file = dir.resolve("events.jsonl");
    Files.write(
        file, List.of(EventLogCodec.toJson(entered), "not json", EventLogCodec.toJson(connected)));
    return file;
  }

  @Test
  void shouldExportAsteriskQueueLog() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "export-log",
            "--event-log",
            eventLog().toString(),
            "--format",
            "queue_log");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString().lines().toList())
        .hasSize(2)
        .allMatch(line -> line.split("\\|", -1).length == 8)
        .anyMatch(line -> line.contains("|sales|") && line.contains("|ENTERQUEUE|"))
        .anyMatch(line -> line.contains("|agent01|CONNECT|"));
  }

  @Test
  void shouldExportCsvToAFileWithAHeader() throws Exception {
    Path csv = dir.resolve("events.csv");

    int code =
        Main.run(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(new StringWriter(), true),
            "export-log",
            "--event-log",
            eventLog().toString(),
            "--format",
            "CSV",
            "--out",
            csv.toString());

    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("pbx1:1795600000.1", "sales");
  }

  @Test
  void shouldRefuseAMissingFileAndAnUnknownFormat() throws Exception {
    StringWriter err = new StringWriter();
    assertThat(
            Main.run(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                "export-log",
                "--event-log",
                dir.resolve("missing").toString(),
                "--format",
                "json"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            Main.run(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true),
                "export-log",
                "--event-log",
                eventLog().toString(),
                "--format",
                "xml"))
        .isEqualTo(ExitCodes.USAGE);
  }
}
