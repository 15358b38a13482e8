package dev.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever text arrives, the loader answers with a configuration or a list of errors. */
class ConfigurationLoaderPropertyTest {

  static final Path BASE = Path.of("target/property-test");

  /** Either a configuration or errors that each say where; never any other exception. */
  static void loadsOrExplains(String yaml) {
    ConfigurationLoader loader =
        new ConfigurationLoader(Map.of("PBX_SECRET", "x")::get, (s, q, f, p) -> List.of());
    try {
      SwitchboardConfiguration c = loader.parse(yaml, "f.yaml", BASE, BASE.resolve("f.yaml"));
      assertThat(c.routing()).isNotNull();
    } catch (ConfigurationException e) {
      assertThat(e.errors())
          .isNotEmpty()
          .allSatisfy(
              error -> {
                assertThat(error.file()).isEqualTo("f.yaml");
                assertThat(error.line()).isGreaterThanOrEqualTo(0);
                assertThat(error.message()).isNotBlank();
              });
    }
  }

  @Property(tries = 300)
  void shouldNeverThrowAnythingButAValidationResultForArbitraryText(@ForAll("text") String yaml) {
    loadsOrExplains(yaml);
  }

  @Property(tries = 300)
  void shouldNeverThrowAnythingButAValidationResultForConfigLikeDocuments(
      @ForAll("documents") String yaml) {
    loadsOrExplains(yaml);
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings()
        .withChars("abc:-[]{}&*!|>'\"%@`#,?\n \t0123456789.")
        .withCharRange('\u0000', '\u00ff')
        .ofMaxLength(200);
  }

  /** YAML built from the real field names with random shapes and values underneath. */
  @Provide
  Arbitrary<String> documents() {
    List<String> names = new ArrayList<>();
    ConfigurationFields.FIELDS.values().forEach(names::addAll);
    names.add("unknownField");
    Arbitrary<String> key = Arbitraries.of(names);
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-5, 70_000).map(String::valueOf),
            Arbitraries.of(
                "pbx1",
                "sales",
                "true",
                "no",
                "~",
                "\"\"",
                "LONGEST_IDLE",
                "admin",
                "PBX_SECRET",
                "1e9",
                "-",
                "'x'",
                "[]",
                "{}",
                "agent01",
                "Europe/Paris",
                "25:99",
                "&a x",
                "*a"));
    return Combinators.combine(
            key.list().ofMinSize(1).ofMaxSize(6),
            scalar.list().ofSize(6),
            Arbitraries.integers().between(0, 3).list().ofSize(6))
        .as(
            (keys, values, shapes) -> {
              StringBuilder yaml = new StringBuilder();
              for (int i = 0; i < keys.size(); i++) {
                String k = keys.get(i);
                String v = values.get(i);
                switch (shapes.get(i)) {
                  case 0 -> yaml.append(k).append(": ").append(v).append('\n');
                  case 1 -> yaml.append(k).append(":\n  - ").append(v).append('\n');
                  case 2 ->
                      yaml.append(k)
                          .append(":\n  - {id: ")
                          .append(v)
                          .append(", ")
                          .append(keys.get(0))
                          .append(": ")
                          .append(v)
                          .append("}\n");
                  default ->
                      yaml.append(k)
                          .append(":\n  ")
                          .append(keys.get(keys.size() - 1))
                          .append(": ")
                          .append(v)
                          .append('\n');
                }
              }
              return yaml.toString();
            });
  }
}
