package dev.switchboard.router.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SnapshotOutputPropertyTest {

  /** One DataOutput call with its argument. */
  record Write(int kind, long number, String text) {
    void apply(DataOutput out) throws IOException {
      switch (kind) {
        case 0 -> out.writeInt((int) number);
        case 1 -> out.writeLong(number);
        case 2 -> out.writeUTF(text);
        case 3 -> out.writeBoolean(number % 2 == 0);
        case 4 -> out.writeByte((int) number);
        case 5 -> out.writeShort((int) number);
        case 6 -> out.writeDouble(Double.longBitsToDouble(number));
        case 7 -> out.writeChars(text);
        default -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  @Provide
  Arbitrary<List<Write>> writes() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 8),
            Arbitraries.longs(),
            Arbitraries.strings().ofMaxLength(40))
        .as(Write::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 200)
  void shouldWriteExactlyWhatDataOutputStreamWrites(@ForAll("writes") List<Write> writes)
      throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream reference = new DataOutputStream(expected);
    SnapshotOutput fast = new SnapshotOutput(1);
    for (Write w : writes) {
      w.apply(reference);
      w.apply(fast);
    }
    reference.flush();

    assertThat(fast.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(fast.length()).isEqualTo(expected.size());
  }
}
