package dev.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EventLogCodecPropertyTest {

  @Provide
  Arbitrary<EventLogRecord> records() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(20);
    Arbitrary<String> word = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12);
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.of("ContactQueued", "ContactAnswered", "Alert"),
            word.list().ofSize(4),
            text,
            Arbitraries.of("", "CONNECT", "ABANDON"),
            text.list().ofSize(3))
        .as(
            (t, type, ids, detail, verb, data) ->
                new EventLogRecord(
                    t,
                    type,
                    ids.get(0),
                    ids.get(1),
                    ids.get(2),
                    detail,
                    verb,
                    data.get(0),
                    data.get(1),
                    data.get(2)));
  }

  @Property(tries = 300)
  void jsonLinesRoundTrip(@ForAll("records") EventLogRecord r) {
    String line = EventLogCodec.toJson(r);
    assertThat(line).doesNotContain("\n");
    assertThat(EventLogCodec.fromJson(line)).isEqualTo(r);
  }

  @Property(tries = 300)
  void queueLogLinesAlwaysHaveEightFields(@ForAll("records") EventLogRecord r) {
    String line = EventLogCodec.toQueueLog(r);
    if (r.queueLogEvent().isEmpty()) {
      assertThat(line).isNull();
      return;
    }
    assertThat(line).doesNotContain("\n", "\r");
    List<String> f = EventLogCodec.parseQueueLog(line);
    assertThat(f).hasSize(8);
    assertThat(Long.parseLong(f.get(0))).isEqualTo(Math.floorDiv(r.timeMs(), 1000));
    assertThat(f.get(4)).isEqualTo(r.queueLogEvent());
    assertThat(f.get(1))
        .isEqualTo(r.contactId().isEmpty() ? "NONE" : r.contactId().replace('|', ' '));
  }

  @Property(tries = 200)
  void csvRowsHaveTenFieldsWhenParsed(@ForAll("records") EventLogRecord r) {
    assertThat(parseCsv(EventLogCodec.toCsv(r)))
        .containsExactly(
            Long.toString(r.timeMs()),
            r.type(),
            r.contactId(),
            r.queueId(),
            r.agentId(),
            r.detail(),
            r.queueLogEvent(),
            r.data1(),
            r.data2(),
            r.data3());
  }

  /** An RFC 4180 field splitter, the reader side of the codec's quoting. */
  static List<String> parseCsv(String row) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < row.length(); i++) {
      char c = row.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
