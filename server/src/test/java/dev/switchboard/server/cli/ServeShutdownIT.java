package dev.switchboard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard serve} in its own JVM: SIGTERM stops it gracefully with exit code 0. */
class ServeShutdownIT {

  @TempDir Path dir;

  @Test
  void shouldStopGracefullyOnSigterm() throws Exception {
    Path file = dir.resolve("switchboard.yaml");
    Files.writeString(
        file,
        Files.readString(Path.of("src/main/resources/demo/switchboard.yaml"))
            .replace(
                "    port: 0                      # 0:", "    port: 1                      # 0:")
            .replace("  port: 8080 ", "  port: 0 "));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The Chronicle flags failsafe gave this JVM (they come from the parent pom).
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
        command.add(arg);
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--config",
            file.toString()));
    // Output goes to a file, read after the process ended (reading a pipe while the process exits
    // races with the JDK closing it).
    Path output = dir.resolve("serve.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "SWITCHBOARD_PBX1_SECRET", "x",
                "SWITCHBOARD_WALLBOARD_TOKEN", "w",
                "SWITCHBOARD_SUPERVISOR_TOKEN", "s",
                "SWITCHBOARD_ADMIN_TOKEN", "a",
                "SWITCHBOARD_AGENT01_TOKEN", "g"));
    Process process = builder.start();
    try {
      await(() -> log(output).contains("switchboard started in"), Duration.ofSeconds(60));

      process.destroy(); // SIGTERM

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(log(output)).isTrue();
      assertThat(process.exitValue()).as(log(output)).isZero();
      assertThat(log(output)).contains("switchboard stopped in").doesNotContain("Exception");
    } finally {
      process.destroyForcibly();
    }
  }

  static String log(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  static void await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
