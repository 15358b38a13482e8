package dev.switchboard.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** The configuration and customer-file parsers: round trips, and no surprise exceptions. */
class ParsersPropertyTest {

  @Property(tries = 200)
  void csvFieldsRoundTripThroughQuoting(@ForAll("fields") List<String> fields) {
    String line =
        fields.stream()
            .map(f -> "\"" + f.replace("\"", "\"\"") + "\"")
            .collect(Collectors.joining(","));
    assertThat(CsvCustomerDirectory.splitLine(line, "t", 1)).isEqualTo(fields);
  }

  @Property(tries = 200)
  void csvParserFailsOnlyWithAClearError(@ForAll @StringLength(max = 300) String text) {
    try {
      CsvCustomerDirectory.parse("account,name,tier\n" + text, "t.csv");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("t.csv: line ");
    }
  }

  @Property(tries = 100)
  void yamlLoaderFailsOnlyWithValidationErrors(@ForAll("yamlish") String text) {
    try {
      IvrConfigurationLoader.loadYaml("ivr:\n" + text, "t.yaml", null);
    } catch (IvrConfigurationException e) {
      assertThat(e.errors()).isNotEmpty();
      assertThat(e.errors()).allSatisfy(err -> assertThat(err.line()).isNotNegative());
    }
  }

  @Provide
  Arbitrary<List<String>> fields() {
    return Arbitraries.strings()
        .ascii()
        .excludeChars((char) 10, (char) 13)
        .ofMaxLength(15)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.of(
                "  pbxs: { a: 127.0.0.1 }",
                "  prompts: { en: [a, b] }",
                "  entryPoints: { \"1\": { start: n } }",
                "  nodes:",
                "    n: { menu: a, choices: { \"1\": n } }",
                "    m: { queue: q }",
                "    x: { play: [a], next: x }",
                "  port: 99999",
                "  zone: Nowhere/At_All",
                "    - [",
                "  calendars: { c: { hours: { mon: 25:00-26:00 } } }"),
            Arbitraries.strings().withChars("abc:{}[]-#\"' 0123456789\t").ofMaxLength(30));
    return line.list().ofMaxSize(12).map(l -> String.join("\n", l));
  }
}
