package dev.switchboard.stats;

import static dev.switchboard.stats.Events.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

  static final long T0 = StatsServiceTest.T0;
  static final long E0 = T0 / 1000;

  @TempDir Path dir;

  static void await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
  }

  private List<EventLogRecord> runScenario(StatsService stats) {
    RouterEvent[] events = {
      queueConfigured(T0, "sales", "sales", new ServiceLevelTarget(80, 20, 5)),
      agentConfigured(T0, "a1", Map.of("sales", 5)),
      agentState(T0, "a1", AgentState.LOGGED_OUT, AgentState.PAUSED, "login"),
      agentState(T0 + 1_000, "a1", AgentState.PAUSED, AgentState.READY, ""),
      queued(T0 + 2_000, "c1", "sales", T0 + 2_000, 1),
      offered(T0 + 2_000, "c1", "sales", "a1"),
      notTaken(T0 + 17_000, "c1", "sales", "a1"),
      requeued(T0 + 17_000, "c1", "sales", T0 + 2_000),
      offered(T0 + 18_000, "c1", "sales", "a1"),
      answered(T0 + 20_000, "c1", "sales", "a1", 18_000),
      ended(T0 + 80_000, "c1", "sales", "a1", 60_000),
      queued(T0 + 90_000, "c2", "sales", T0 + 90_000, 1),
      abandoned(T0 + 100_000, "c2", "sales", 10_000),
      queued(T0 + 100_000, "c3", "sales", T0 + 100_000, 1),
      overflowed(T0 + 220_000, "c3", "sales", 120_000),
      agentState(T0 + 300_000, "a1", AgentState.READY, AgentState.LOGGED_OUT, ""),
    };
    for (RouterEvent e : events) {
      stats.onEvent(e, false);
    }
    // Replayed events rebuild figures but are not logged twice.
    stats.onEvent(queued(T0 + 301_000, "c9", "sales", T0 + 301_000, 1), true);
    // close() drains the writer's buffer and joins its thread: everything offered is on disk.
    stats.close();
    try {
      return EventLogAgent.read(stats.eventLog().file());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private StatsService service() {
    return new StatsService(
        StatsConfiguration.defaults().withEventLog(dir.resolve("log/events.jsonl")),
        new SimpleMeterRegistry());
  }

  @Test
  void shouldExportAsteriskQueueLogLines() throws IOException {
    List<EventLogRecord> records = runScenario(service());
    StringWriter out = new StringWriter();
    EventLogAgent.exportQueueLog(records, out);

    assertThat(out.toString().lines().toList())
        .containsExactly(
            E0 + "|NONE|NONE|a1|AGENTLOGIN|ext-a1||",
            E0 + "|NONE|NONE|a1|PAUSE|login||",
            (E0 + 1) + "|NONE|NONE|a1|UNPAUSE|login||",
            (E0 + 2) + "|c1|sales|NONE|ENTERQUEUE||555|",
            (E0 + 17) + "|c1|sales|a1|RINGNOANSWER|15000||",
            (E0 + 20) + "|c1|sales|a1|CONNECT|18||2",
            (E0 + 80) + "|c1|sales|a1|COMPLETECALLER|18|60|1",
            (E0 + 90) + "|c2|sales|NONE|ENTERQUEUE||555|",
            (E0 + 100) + "|c2|sales|NONE|ABANDON|1|1|10",
            (E0 + 100) + "|c3|sales|NONE|ENTERQUEUE||555|",
            (E0 + 220) + "|c3|sales|NONE|EXITWITHTIMEOUT|1|1|120",
            (E0 + 300) + "|NONE|NONE|a1|AGENTLOGOFF|ext-a1|300|");
    for (String line : out.toString().lines().toList()) {
      assertThat(EventLogCodec.parseQueueLog(line)).hasSize(8);
    }
  }

  @Test
  void shouldExportCsvAndJsonLinesOfEveryEvent() throws IOException {
    List<EventLogRecord> records = runScenario(service());
    assertThat(records).extracting(EventLogRecord::contactId).doesNotContain("c9");
    assertThat(records)
        .extracting(EventLogRecord::type)
        .contains("ContactOffered", "AgentStateChanged");

    StringWriter csv = new StringWriter();
    EventLogAgent.exportCsv(records, csv);
    List<String> rows = csv.toString().lines().toList();
    assertThat(rows.get(0))
        .isEqualTo("timeMs,type,contactId,queueId,agentId,detail,queueLogEvent,data1,data2,data3");
    assertThat(rows).hasSize(records.size() + 1);
    assertThat(rows).contains(T0 + 20_000 + ",ContactAnswered,c1,sales,a1,answered,CONNECT,18,,2");

    StringWriter jsonl = new StringWriter();
    EventLogAgent.exportJsonLines(records, jsonl);
    assertThat(jsonl.toString().lines().map(EventLogCodec::fromJson).toList()).isEqualTo(records);
  }

  @Test
  void shouldQuoteCsvFieldsAndRejectMalformedJson() {
    EventLogRecord r = new EventLogRecord(1, "Alert", "", "q", "", "a, \"b\"\nc", "", "", "", "");
    assertThat(EventLogCodec.toCsv(r)).isEqualTo("1,Alert,,q,,\"a, \"\"b\"\"\nc\",,,,");
    assertThatThrownBy(() -> EventLogCodec.fromJson("{\"timeMs\":1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventLogCodec.fromJson("{\"type\":\"x\"}"))
        .hasMessageContaining("lacks timeMs");
    assertThatThrownBy(() -> EventLogCodec.fromJson("{\"timeMs\":1,\"type\":\"x\",\"z\":\"\"}"))
        .hasMessageContaining("unknown field");
    assertThatThrownBy(() -> EventLogCodec.parseQueueLog("x|y|z|w|EV"))
        .hasMessageContaining("epoch");
  }

  @Test
  void shouldDropAndCountWhenTheWriterFallsBehind() {
    int[] drops = {0};
    try (EventLogAgent agent = new EventLogAgent(dir.resolve("small.jsonl"), 1, () -> drops[0]++)) {
      int accepted = 0;
      for (int i = 0; i < 10_000; i++) {
        if (agent.offer(new EventLogRecord(i, "X", "", "", "", "", "", "", "", ""))) {
          accepted++;
        }
      }
      assertThat(agent.dropped()).isEqualTo(10_000 - accepted).isEqualTo(drops[0]);
      int expected = accepted;
      await(() -> agent.written() == expected, Duration.ofSeconds(10));
    }
  }
}
