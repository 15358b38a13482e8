package dev.switchboard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path dir;

  /** One run of the command line: its exit code and what it printed. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void shouldPrintHelpAndExitZero() {
    Run run = run("--help");

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Usage: switchboard", "check-config", "bench", "Exit codes");
  }

  @Test
  void shouldPrintTheVersionOfEveryCommand() {
    for (String command : new String[] {"check-config", "bench"}) {
      Run run = run(command, "--version");

      assertThat(run.code()).as(command).isEqualTo(ExitCodes.OK);
      assertThat(run.out()).as(command).startsWith("switchboard ").contains("Java 17");
    }
  }

  @Test
  void shouldPrintHelpOfASubcommand() {
    Run run = run("check-config", "--help");

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Usage: switchboard check-config", "--skip-secrets", "FILE");
  }

  @Test
  void shouldExitWithUsageWithoutACommand() {
    Run run = run();

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("a command is required", "Usage: switchboard");
  }

  @Test
  void shouldExitWithUsageOnAnUnknownOption() {
    Run run = run("check-config", "--frobnicate", "x.yaml");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void shouldAcceptAValidConfiguration() {
    Run run = run("check-config", "--skip-secrets", "src/main/resources/demo/switchboard.yaml");

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("switchboard.yaml: valid (1 PBX, 3 queues, 30 agents, 5 skills, 4 users)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void shouldPrintEveryErrorOfAnInvalidConfigurationAndExitTwo() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        pbxs:
          - {id: pbx1, username: u, secret: inline-secret}
        skills: [sales]
        queues:
          - {id: sales, skills: {sales: 11}, policy: fastest}
        agents:
          - {id: a1, skills: {sales: 5}, chatCapacity: 99}
        """);

    Run run = run("check-config", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines())
        .containsExactly(
            "bad.yaml:5: queues[0].skills.sales: must be between 1 and 10, got 11",
            "bad.yaml:5: queues[0].policy: must be one of LONGEST_IDLE, LEAST_OCCUPIED,"
                + " MOST_SKILLED, ROUND_ROBIN, got 'fastest'",
            "bad.yaml:7: agents[0].chatCapacity: must be between 0 and 32, got 99",
            file + ": invalid, 3 errors");
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("inline-secret");
  }

  @Test
  void shouldReportIvrMistakesWithTheirLinesAlongsideTheRest() throws Exception {
    String demo = Files.readString(Path.of("src/main/resources/demo/switchboard.yaml"));
    Path file = dir.resolve("switchboard.yaml");
    Files.writeString(
        file,
        demo.replace("      queue: vip\n", "      queue: vipp\n")
            .replace(
                "  - id: sales\n    name: Sales\n",
                "  - id: sales\n    name: Sales\n    colour: red\n"));

    Run run = run("check-config", "--skip-secrets", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .containsPattern("switchboard.yaml:\\d+: queues\\[0\\].colour: unknown field")
        .containsPattern("switchboard.yaml:\\d+: ivr.nodes.vip-queue.queue: unknown queue 'vipp'")
        .contains("invalid, 2 errors");
  }

  @Test
  void shouldExitTwoForAMissingFile() {
    Run run = run("check-config", dir.resolve("missing.yaml").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("missing.yaml:0: cannot read the file");
  }

  @Test
  void shouldRefuseToServeAnInvalidConfigurationWithExitTwo() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "queues:\n  - {id: q, policy: fastest}\n");

    Run run = run("serve", "--config", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("bad.yaml:2: queues[0].policy: must be one of", "invalid, nothing started");
  }

  @Test
  void shouldRequireTheConfigurationToServe() {
    Run run = run("serve");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required option: '--config=FILE'");
  }

  @Test
  void shouldRefuseAnImpossibleDemoStaffing() {
    Run run = run("demo", "--agents", "0");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--agents must be between 1 and 30");
  }

  @Test
  void shouldRefuseADemoClockThatCannotRun() {
    Run speed = run("demo", "--time-scale", "0");
    assertThat(speed.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(speed.err()).contains("--time-scale must be between 0.01 and 1000.0");

    Run start = run("demo", "--start-time", "25:00");
    assertThat(start.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(start.err()).contains("--start-time", "25:00");
  }

  @Test
  void shouldRefuseToReplayWhatIsNotAJournal() {
    Run run = run("replay", "--journal", dir.resolve("nothing-here").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not a directory");
  }

  @Test
  void shouldDocumentEveryCommandInTheHelp() {
    Run run = run("--help");

    assertThat(run.out()).contains("serve", "demo", "check-config", "replay", "bench");
  }

  @Test
  void shouldExplainHowToRunTheBenchmarks() {
    Run run = run("bench");

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("org.openjdk.jmh.Main", "docs/benchmarks.md");
  }
}
