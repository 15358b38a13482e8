package dev.switchboard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The repository's {@code ./switchboard} launcher, without letting it build anything. */
class LauncherTest {

  static final Path LAUNCHER = Path.of("../switchboard");

  static String run(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = LAUNCHER.toString();
    System.arraycopy(args, 0, command, 2, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void shouldBeAnExecutableBashScript() throws Exception {
    assertThat(Files.isExecutable(LAUNCHER)).isTrue();
    assertThat(Files.readString(LAUNCHER)).startsWith("#!/usr/bin/env bash");
    Process syntax = new ProcessBuilder("bash", "-n", LAUNCHER.toString()).start();
    assertThat(syntax.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(syntax.exitValue()).isZero();
  }

  @Test
  void shouldTakeTheChronicleFlagsFromTheParentPom() throws Exception {
    String pom = Files.readString(Path.of("../pom.xml"));
    String expected =
        pom.substring(
            pom.indexOf("<chronicle.jvm.args>") + "<chronicle.jvm.args>".length(),
            pom.indexOf("</chronicle.jvm.args>"));

    assertThat(run("jvm-flags").strip()).isEqualTo(expected.strip());
    assertThat(expected).contains("-Dchronicle.analytics.disable=true");
  }
}
