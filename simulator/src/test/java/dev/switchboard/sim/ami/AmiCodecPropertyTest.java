package dev.switchboard.sim.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The AMI codec round-trips every message, including repeated header names and empty values. */
class AmiCodecPropertyTest {

  @Provide
  Arbitrary<AmiMessage.Header> headers() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("Event", "Uniqueid", "Channel", "ActionID", "Value", "Cause-txt"),
            Arbitraries.strings()
                .withCharRange('A', 'Z')
                .withCharRange('a', 'z')
                .withChars('-', '_')
                .ofMinLength(1)
                .ofMaxLength(20));
    Arbitrary<String> values =
        Arbitraries.strings().withCharRange(' ', '~').withChars('é', 'ü', '€').ofMaxLength(60);
    return Combinators.combine(names, values).as(AmiMessage.Header::new);
  }

  @Provide
  Arbitrary<AmiMessage> messages() {
    return headers().list().ofMinSize(1).ofMaxSize(25).map(AmiMessage::new);
  }

  @Provide
  Arbitrary<List<AmiMessage>> streams() {
    return messages().list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 200)
  void shouldRoundTripOneMessage(@ForAll("messages") AmiMessage message) {
    assertThat(AmiCodec.decode(AmiCodec.encode(message))).isEqualTo(message);
  }

  @Property(tries = 100)
  void shouldReadBackAStreamOfMessages(@ForAll("streams") List<AmiMessage> messages)
      throws IOException {
    StringBuilder wire = new StringBuilder();
    for (AmiMessage m : messages) {
      wire.append(AmiCodec.encode(m));
    }
    AmiCodec.Reader reader =
        new AmiCodec.Reader(
            new ByteArrayInputStream(wire.toString().getBytes(StandardCharsets.UTF_8)));
    List<AmiMessage> read = new ArrayList<>();
    AmiMessage m;
    while ((m = reader.next()) != null) {
      read.add(m);
    }
    assertThat(read).isEqualTo(messages);
  }

  @Property(tries = 100)
  void shouldKeepDuplicatedHeadersInOrder(@ForAll("messages") AmiMessage base) {
    AmiMessage withTwo =
        AmiMessage.builder()
            .addAll(base)
            .add("Uniqueid", "1795522767.5")
            .add("UserEvent", "SwitchboardNoAnswer")
            .add("Uniqueid", "1795522767.5")
            .build();
    AmiMessage back = AmiCodec.decode(AmiCodec.encode(withTwo));
    assertThat(back.getAll("Uniqueid")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(back.names()).isEqualTo(withTwo.names());
  }
}
