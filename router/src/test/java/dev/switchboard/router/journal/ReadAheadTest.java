package dev.switchboard.router.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.router.api.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ahead on a second thread hands over exactly what a plain read does, in order. */
class ReadAheadTest {
  @TempDir Path dir;

  private record Entry(long index, long timestampMs, Command command) {}

  private static List<Command> write(ChronicleJournal journal, int count) {
    List<Command> written = new ArrayList<>();
    try (ChronicleJournal.Appender appender = journal.appender()) {
      for (int i = 0; i < count; i++) {
        Command c =
            i % 3 == 0
                ? Command.ContactArrived.call("c" + i, "q" + (i % 7), i % 4)
                : i % 3 == 1 ? new Command.AgentReady("a" + i) : Command.TICK;
        appender.append(1_000L + i, c);
        written.add(c);
      }
    }
    return written;
  }

  @Test
  void shouldHandOverEveryEntryInOrderLikeAPlainReadAcrossManyRingLaps() {
    try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
      List<Command> written = write(journal, 20_000);
      List<Entry> plain = new ArrayList<>();
      ChronicleJournal.ReadResult plainResult =
          journal.read(ChronicleJournal.NO_INDEX, (i, t, c) -> plain.add(new Entry(i, t, c)));
      List<Entry> ahead = new ArrayList<>();
      Thread caller = Thread.currentThread();
      List<Thread> consumerThreads = new ArrayList<>();
      ChronicleJournal.ReadResult aheadResult =
          journal.readAhead(
              ChronicleJournal.NO_INDEX,
              (i, t, c) -> {
                if (Thread.currentThread() != caller) {
                  consumerThreads.add(Thread.currentThread());
                }
                ahead.add(new Entry(i, t, c));
              });

      assertThat(ahead).containsExactlyElementsOf(plain);
      assertThat(ahead.stream().map(Entry::command).toList()).isEqualTo(written);
      assertThat(aheadResult).isEqualTo(plainResult);
      assertThat(consumerThreads).as("the consumer runs on the caller's thread").isEmpty();

      long middle = plain.get(12_345).index();
      List<Entry> tail = new ArrayList<>();
      journal.readAhead(middle, (i, t, c) -> tail.add(new Entry(i, t, c)));
      assertThat(tail).containsExactlyElementsOf(plain.subList(12_346, plain.size()));
    }
  }

  @Test
  void shouldStopReadingAndRethrowWhenTheConsumerFails() {
    try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
      write(journal, 10_000);
      int[] seen = {0};
      assertThatThrownBy(
              () ->
                  journal.readAhead(
                      ChronicleJournal.NO_INDEX,
                      (i, t, c) -> {
                        if (++seen[0] == 5_000) {
                          throw new IllegalStateException("engine refused entry 5000");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("engine refused entry 5000");
      assertThat(seen[0]).isEqualTo(5_000);
      // the decoder thread has been stopped and joined: a second read works normally
      assertThat(journal.readAhead(ChronicleJournal.NO_INDEX, (i, t, c) -> {}).entries())
          .isEqualTo(10_000);
    }
  }

  @Test
  void shouldReportAStartIndexThatIsNotInTheJournal() {
    try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
      write(journal, 10);
      long beyond = journal.lastIndex() + 1_000;
      assertThatThrownBy(() -> journal.readAhead(beyond, (i, t, c) -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has no entry");
    }
  }

  @Test
  void shouldReadAnEmptyJournal() {
    try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
      ChronicleJournal.ReadResult result =
          journal.readAhead(ChronicleJournal.NO_INDEX, (i, t, c) -> {});
      assertThat(result.entries()).isZero();
      assertThat(result.corruptTail()).isNull();
    }
  }
}
