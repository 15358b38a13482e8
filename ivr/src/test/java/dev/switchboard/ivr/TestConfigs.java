package dev.switchboard.ivr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Test fixtures: the example configuration and customer file from the test resources. */
public final class TestConfigs {
  /** Queues the example names. */
  public static final Set<String> QUEUES = Set.of("support", "sales");

  private TestConfigs() {}

  /** A test resource as text. */
  public static String resource(String name) {
    try (InputStream in = TestConfigs.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example configuration of docs/ivr.md, loaded and validated. */
  public static IvrConfiguration example() {
    return yaml(resource("ivr-example.yaml"));
  }

  /** Loads YAML text that must be valid. */
  public static IvrConfiguration yaml(String text) {
    try {
      return IvrConfigurationLoader.loadYaml(text, "test.yaml", QUEUES);
    } catch (IvrConfigurationException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** The example customers. */
  public static CustomerDirectory customers() {
    return CsvCustomerDirectory.parse(resource("customers.csv"), "customers.csv");
  }
}
