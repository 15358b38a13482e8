package dev.switchboard.router.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents that hold a batch of entries (the fused layout's journal): every entry is handed over
 * in order with its document's index, reads after an index skip the whole document, and damage in
 * the middle of a document stops the read there, after the entries before it.
 */
class BatchedJournalTest {
  @TempDir Path dir;

  private record Entry(long index, long timestampMs, Command command) {}

  private static List<Entry> readAll(ChronicleJournal journal, long after, boolean ahead) {
    List<Entry> out = new ArrayList<>();
    ChronicleJournal.EntryConsumer consumer = (i, t, c) -> out.add(new Entry(i, t, c));
    if (ahead) {
      journal.readAhead(after, consumer);
    } else {
      journal.read(after, consumer);
    }
    return out;
  }

  @Test
  void shouldHandOverEachEntryOfABatchWithItsDocumentsIndex() {
    try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
      long first;
      long second;
      long single;
      try (ChronicleJournal.Appender appender = journal.appender()) {
        for (int i = 0; i < 3; i++) {
          appender.add(100 + i, Command.ContactArrived.call("a" + i, "q", 0));
        }
        assertThat(appender.pendingEntries()).isEqualTo(3);
        first = appender.flush();
        assertThat(appender.pendingEntries()).isZero();
        assertThat(appender.flush()).as("nothing pending writes nothing").isEqualTo(first);
        appender.add(200, new Command.AgentReady("x"));
        appender.add(201, Command.TICK);
        second = appender.flush();
        single = appender.append(300, new Command.ContactEnded("a0"));
      }
      assertThat(second).isGreaterThan(first);
      assertThat(single).isGreaterThan(second);

      for (boolean ahead : new boolean[] {false, true}) {
        List<Entry> all = readAll(journal, ChronicleJournal.NO_INDEX, ahead);
        assertThat(all)
            .extracting(Entry::index)
            .containsExactly(first, first, first, second, second, single);
        assertThat(all)
            .extracting(Entry::timestampMs)
            .containsExactly(100L, 101L, 102L, 200L, 201L, 300L);
        assertThat(all.get(3).command()).isEqualTo(new Command.AgentReady("x"));

        assertThat(readAll(journal, first, ahead))
            .as("after the first document: its three entries are skipped together")
            .extracting(Entry::timestampMs)
            .containsExactly(200L, 201L, 300L);
      }
      assertThat(journal.lastIndex()).isEqualTo(single);
    }
  }

  @Test
  void shouldFollowTheJournalAsItGrowsWithOneOpenTail() {
    try (ChronicleJournal journal = ChronicleJournal.open(dir);
        ChronicleJournal.Appender appender = journal.appender()) {
      long first = appender.append(1, new Command.AgentReady("a"));
      try (ChronicleJournal.Tail tail = journal.tail(first)) {
        List<Long> seen = new ArrayList<>();
        ChronicleJournal.EntryConsumer consumer = (i, t, c) -> seen.add(t);

        assertThat(tail.readNew(consumer).entries()).as("nothing after the start yet").isZero();
        appender.add(2, Command.TICK);
        appender.add(3, Command.TICK);
        long batch = appender.flush();
        ChronicleJournal.ReadResult result = tail.readNew(consumer);
        assertThat(result.entries()).isEqualTo(2);
        assertThat(result.lastIndex()).isEqualTo(batch);
        assertThat(tail.readNew(consumer).entries()).isZero();
        appender.append(4, Command.TICK);
        assertThat(tail.readNew(consumer).entries()).isEqualTo(1);
        assertThat(seen).containsExactly(2L, 3L, 4L);
      }
    }
  }

  @Test
  void shouldStopAtADamagedEntryInTheMiddleOfABatchAfterTheEntriesBeforeIt() throws IOException {
    long batch;
    try (ChronicleJournal journal = ChronicleJournal.open(dir);
        ChronicleJournal.Appender appender = journal.appender()) {
      appender.append(1, Command.ContactArrived.call("before", "q", 0));
      appender.add(2, Command.ContactArrived.call("ok-1", "q", 0));
      appender.add(3, Command.ContactArrived.call("MARKER-55d1e0", "q", 0));
      appender.add(4, Command.ContactArrived.call("lost", "q", 0));
      batch = appender.flush();
      appender.append(5, Command.ContactArrived.call("after", "q", 0));
    }
    assertThat(JournalDamage.flipFirst(dir, "MARKER-55d1e0".getBytes(StandardCharsets.US_ASCII)))
        .isTrue();

    try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
      for (boolean ahead : new boolean[] {false, true}) {
        List<String> ids = new ArrayList<>();
        ChronicleJournal.EntryConsumer consumer =
            (i, t, c) -> ids.add(((Command.ContactArrived) c).contactId());
        ChronicleJournal.ReadResult result =
            ahead
                ? journal.readAhead(ChronicleJournal.NO_INDEX, consumer)
                : journal.read(ChronicleJournal.NO_INDEX, consumer);

        assertThat(ids).containsExactly("before", "ok-1");
        assertThat(result.entries()).isEqualTo(2);
        CorruptTail tail = result.corruptTail();
        assertThat(tail).isNotNull();
        assertThat(tail.position().index()).isEqualTo(batch);
        assertThat(tail.reason()).startsWith("entry 1: ").contains("CRC mismatch");
        assertThat(tail.entriesAfter()).as("documents after the damaged one").isEqualTo(1);
      }
    }
  }
}
