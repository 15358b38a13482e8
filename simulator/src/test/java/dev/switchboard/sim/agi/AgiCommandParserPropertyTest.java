package dev.switchboard.sim.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Quoting and escaping words the way an AGI script does gives back the same words. */
class AgiCommandParserPropertyTest {

  @Provide
  Arbitrary<List<String>> words() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .ofMaxLength(12)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  private static String quote(String w) {
    return "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Property(tries = 200)
  void shouldSplitQuotedWordsBack(@ForAll("words") List<String> words) {
    String line =
        String.join(" ", words.stream().map(AgiCommandParserPropertyTest::quote).toList());
    assertThat(AgiCommandParser.split(line)).isEqualTo(words);
  }

  @Property(tries = 200)
  void shouldSplitPlainWordsOnBlanks(@ForAll("words") List<String> raw) {
    List<String> plain =
        raw.stream().map(w -> w.replaceAll("[\\s\"\\\\]", "")).filter(w -> !w.isEmpty()).toList();
    assertThat(AgiCommandParser.split("  " + String.join("   ", plain) + " ")).isEqualTo(plain);
  }
}
