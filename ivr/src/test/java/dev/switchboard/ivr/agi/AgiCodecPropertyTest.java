package dev.switchboard.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class AgiCodecPropertyTest {

  @Property(tries = 300)
  void successRepliesRoundTrip(@ForAll("successReplies") AgiReply reply) {
    String line = AgiCodec.formatReply(reply);
    assertThat(AgiCodec.parseReply(line)).contains(reply);
  }

  @Property(tries = 200)
  void errorRepliesRoundTrip(@ForAll("errorReplies") AgiReply reply) {
    assertThat(AgiCodec.parseReply(AgiCodec.formatReply(reply))).contains(reply);
  }

  @Property(tries = 500)
  void replyParserNeverThrows(@ForAll @StringLength(max = 200) String line) {
    AgiCodec.parseReply(line);
    AgiCodec.parseReply("200 result=" + line);
    AgiCodec.parseReply("200 result=1 (" + line);
  }

  @Property(tries = 300)
  void environmentLinesRoundTrip(
      @ForAll("envNames") String name, @ForAll("printable") String value) {
    String line = AgiCodec.formatEnvironmentLine(name, value);
    assertThat(AgiCodec.parseEnvironmentLine(line)).contains(Map.entry(name, value));
  }

  @Property(tries = 500)
  void environmentParserNeverThrowsAndOnlyAcceptsAgiNames(
      @ForAll @StringLength(max = 200) String line) {
    AgiCodec.parseEnvironmentLine(line)
        .ifPresent(e -> assertThat(e.getKey()).matches("agi_[A-Za-z0-9_]+"));
  }

  @Property(tries = 300)
  void scriptParserNeverThrows(@ForAll @StringLength(max = 200) String script) {
    AgiCodec.ScriptRequest request = AgiCodec.parseScript(script);
    assertThat(request.script()).doesNotContain("?");
  }

  @Property(tries = 200)
  void scriptParametersRoundTrip(
      @ForAll("words") String script, @ForAll("words") String entry, @ForAll("words") String pbx) {
    AgiCodec.ScriptRequest request =
        AgiCodec.parseScript(script + "?entry=" + entry + "&pbx=" + pbx);
    assertThat(request.script()).isEqualTo(script);
    assertThat(request.parameter("entry")).isEqualTo(entry);
    assertThat(request.parameter("pbx")).isEqualTo(pbx);
  }

  @Provide
  Arbitrary<String> envNames() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyz0123456789_")
        .ofMinLength(1)
        .ofMaxLength(20)
        .map(s -> "agi_" + s);
  }

  @Provide
  Arbitrary<String> printable() {
    return Arbitraries.strings().ascii().excludeChars((char) 10, (char) 13).ofMaxLength(60);
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
  }

  @Provide
  Arbitrary<AgiReply> successReplies() {
    Arbitrary<String> result =
        Arbitraries.strings().withChars("-0123456789*#abcXYZ").ofMaxLength(12);
    Arbitrary<String> data =
        Arbitraries.strings().ascii().excludeChars((char) 10, (char) 13).ofMaxLength(30);
    Arbitrary<Map<String, String>> attributes =
        Arbitraries.maps(
                Arbitraries.strings()
                    .withChars("abcdefghijklmnopqrstuvwxyz_")
                    .ofMinLength(1)
                    .ofMaxLength(8),
                Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(8))
            .ofMaxSize(3)
            .map(LinkedHashMap::new);
    return Combinators.combine(result, data, attributes)
        .as((r, d, a) -> new AgiReply(200, r, d, a, "", false));
  }

  @Provide
  Arbitrary<AgiReply> errorReplies() {
    return Combinators.combine(
            Arbitraries.of(510, 511, 520, 503),
            Arbitraries.strings().ascii().excludeChars((char) 10, (char) 13).ofMaxLength(60),
            Arbitraries.of(true, false))
        .as(
            (status, message, continued) ->
                new AgiReply(status, "", "", Map.of(), message, continued));
  }
}
