package dev.switchboard.router.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.router.api.Command;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CommandCodecPropertyTest {

  @Provide
  Arbitrary<Command> commands() {
    return CommandArbitraries.command();
  }

  @Provide
  Arbitrary<List<Command>> batches() {
    return CommandArbitraries.command().list().ofMaxSize(8);
  }

  @Property(tries = 200)
  void shouldRoundTripEveryCommand(@ForAll("commands") Command command, @ForAll long timestampMs)
      throws CorruptEntryException {
    CodecBuffer buffer = new CodecBuffer(16);
    CommandCodec.encode(timestampMs, command, buffer);

    JournalEntry decoded = CommandCodec.decode(buffer);

    assertThat(decoded.command()).isEqualTo(command);
    assertThat(decoded.timestampMs()).isEqualTo(timestampMs);
    assertThat(buffer.remaining()).isZero();
  }

  @Property(tries = 200)
  void shouldEncodeOneCommandOneWay(@ForAll("commands") Command command)
      throws CorruptEntryException {
    CodecBuffer first = new CodecBuffer(16);
    CommandCodec.encode(7, command, first);
    Command decoded = CommandCodec.decode(first).command();
    CodecBuffer second = new CodecBuffer(16);
    CommandCodec.encode(7, decoded, second);

    assertThat(Arrays.copyOf(second.array(), second.length()))
        .isEqualTo(Arrays.copyOf(first.array(), first.length()));
  }

  @Property(tries = 100)
  void shouldReadBackToBackEntriesInOrder(@ForAll("batches") List<Command> commands)
      throws CorruptEntryException {
    CodecBuffer buffer = new CodecBuffer(16);
    for (int i = 0; i < commands.size(); i++) {
      CommandCodec.encode(i, commands.get(i), buffer);
    }
    for (int i = 0; i < commands.size(); i++) {
      assertThat(CommandCodec.decode(buffer)).isEqualTo(new JournalEntry(i, commands.get(i)));
    }
    assertThat(buffer.remaining()).isZero();
  }

  @Property(tries = 150)
  void shouldRefuseAnyTruncatedEntry(
      @ForAll("commands") Command command, @ForAll @IntRange(min = 1, max = 10_000) int cut) {
    CodecBuffer whole = new CodecBuffer(16);
    CommandCodec.encode(1, command, whole);
    int keep = Math.max(0, whole.length() - 1 - (cut % whole.length()));
    CodecBuffer truncated = new CodecBuffer(16).wrapCopy(whole.array(), 0, keep);

    assertThatThrownBy(() -> CommandCodec.decode(truncated))
        .isInstanceOf(CorruptEntryException.class);
  }

  @Property(tries = 150)
  void shouldRefuseAnyFlippedByte(
      @ForAll("commands") Command command,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    CodecBuffer buffer = new CodecBuffer(16);
    CommandCodec.encode(1, command, buffer);
    int at = position % buffer.length();
    buffer.array()[at] ^= (byte) mask;

    assertThatThrownBy(
            () -> {
              CommandCodec.decode(buffer);
              if (buffer.remaining() != 0) {
                throw new CorruptEntryException("trailing bytes");
              }
            })
        .isInstanceOf(CorruptEntryException.class);
  }

  @Example
  void shouldGiveEveryCommandTypeItsOwnTag() {
    Set<Integer> tags = new HashSet<>();
    for (Class<?> type : Command.class.getPermittedSubclasses()) {
      Command sample = CommandArbitraries.command().filter(type::isInstance).sample();
      tags.add(CommandCodec.tagOf(sample));
    }
    assertThat(tags).hasSize(Command.class.getPermittedSubclasses().length);
    assertThat(tags).allMatch(tag -> tag >= 1 && tag <= 255);
  }
}
