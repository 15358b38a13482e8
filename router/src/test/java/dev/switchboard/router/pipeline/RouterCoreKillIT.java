package dev.switchboard.router.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.journal.RecoveryReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A router process killed with SIGKILL (no close, no final snapshot) restarts with every waiting
 * contact in the same order, every agent in the same state, and the same state hash.
 */
class RouterCoreKillIT {

  @TempDir Path dir;

  @Test
  void shouldRecoverEveryWaitingContactAndAgentAfterKillDashNine() throws Exception {
    Process child = startChild();
    List<String> before = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean inside = false;
      while ((line = out.readLine()) != null) {
        if (line.equals("END")) {
          break;
        }
        if (inside) {
          before.add(line);
        }
        inside |= line.equals("BEGIN");
      }
      assertThat(line).as("child printed its state (see its stderr above)").isEqualTo("END");

      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    assertThat(before).anyMatch(l -> l.matches("waiting \\w+ call.*"));
    assertThat(before).anyMatch(l -> l.contains(" BUSY "));

    RoutingStateMachine engine = KillScenario.newEngine();
    try (RouterCore core = KillScenario.router(dir, engine).build()) {
      RecoveryReport report = core.start();

      assertThat(report.corruptTail()).isEmpty();
      assertThat(report.snapshotUsed())
          .as("a periodic snapshot was taken before the kill")
          .isNotEmpty();
      assertThat(report.commandsReplayed()).as("and a journal tail after it").isPositive();
      assertThat(KillScenario.describe(engine)).containsExactlyElementsOf(before);
    }
  }

  private Process startChild() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The Chronicle flags the build gives this JVM (surefire/failsafe argLine), given to the child.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
        command.add(arg);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KillScenario.class.getName());
    command.add(dir.toString());
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
  }
}
