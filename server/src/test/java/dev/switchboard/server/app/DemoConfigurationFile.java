package dev.switchboard.server.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

/** The demo configuration, copied for a test that runs the whole application on the real clock. */
final class DemoConfigurationFile {

  static final Path DEMO = Path.of("src/main/resources/demo/switchboard.yaml");

  private static final String DAY_START = "dayStart: \"00:00\"";

  private DemoConfigurationFile() {}

  /**
   * Copies the demo configuration into {@code dir} as {@code switchboard.yaml}, with the
   * statistics' business day starting twelve hours from now: today's figures, which the test reads,
   * cannot reset at a day boundary while it runs, whatever the hour it runs at.
   */
  static Path copyInto(Path dir) throws IOException {
    return copyInto(dir, yaml -> yaml);
  }

  /** The same, with the test's own edit of the YAML text. */
  static Path copyInto(Path dir, UnaryOperator<String> edit) throws IOException {
    String yaml = edit.apply(Files.readString(DEMO));
    LocalTime dayStart =
        LocalTime.now(ZoneOffset.UTC).plusHours(12).truncatedTo(ChronoUnit.MINUTES);
    String moved = yaml.replace(DAY_START, "dayStart: \"" + dayStart + "\"");
    if (moved.equals(yaml)) {
      throw new IllegalStateException(
          DEMO + " no longer says " + DAY_START + "; adjust this helper");
    }
    return Files.writeString(dir.resolve("switchboard.yaml"), moved);
  }
}
