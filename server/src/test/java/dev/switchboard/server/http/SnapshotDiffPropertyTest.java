package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A client that applies a delta to the snapshot it had ends up with the new snapshot (by id, apart
 * from the fields it computes itself), and nothing is sent when nothing changed.
 */
class SnapshotDiffPropertyTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Property(tries = 300)
  void shouldRebuildTheNewSnapshotFromTheOldOneAndTheDelta(
      @ForAll("snapshots") ObjectNode previous, @ForAll("snapshots") ObjectNode current) {
    ObjectNode delta = SnapshotDiff.delta(previous, current, 7);

    ObjectNode rebuilt = delta == null ? previous : SnapshotDiff.apply(previous, delta);

    for (String section : SnapshotDiff.SECTIONS) {
      Map<String, JsonNode> want = SnapshotDiff.byId(current.get(section));
      Map<String, JsonNode> got = SnapshotDiff.byId(rebuilt.get(section));
      assertThat(got.keySet()).isEqualTo(want.keySet());
      Set<String> ignored = SnapshotDiff.IGNORED.getOrDefault(section, Set.of());
      want.forEach(
          (id, item) -> assertThat(SnapshotDiff.sameIgnoring(got.get(id), item, ignored)).isTrue());
    }
    assertThat(rebuilt.get("announcements")).isEqualTo(current.get("announcements"));
  }

  @Property(tries = 100)
  void shouldSendNothingWhenOnlyComputedFieldsChanged(@ForAll("snapshots") ObjectNode snapshot) {
    ObjectNode later = snapshot.deepCopy();
    later.put("timeMs", snapshot.get("timeMs").asLong() + 1_000);
    for (JsonNode agent : later.get("agents")) {
      ((ObjectNode) agent).put("secondsInState", agent.get("secondsInState").asLong() + 1);
    }

    assertThat(SnapshotDiff.delta(snapshot, later, 2)).isNull();
  }

  @Provide
  Arbitrary<ObjectNode> snapshots() {
    Arbitrary<List<ObjectNode>> queues =
        item(List.of("sales", "support", "vip"), "waiting").list().ofMaxSize(3);
    Arbitrary<List<ObjectNode>> agents =
        item(List.of("a1", "a2", "a3", "a4"), "handled").list().ofMaxSize(4);
    Arbitrary<List<ObjectNode>> alerts =
        item(List.of("al1", "al2"), "severity").list().ofMaxSize(2);
    Arbitrary<Boolean> announcement = Arbitraries.of(true, false);
    return Combinators.combine(
            queues, agents, alerts, announcement, Arbitraries.longs().between(0, 1_000_000))
        .as(
            (q, a, al, on, time) -> {
              ObjectNode s = NODES.objectNode();
              s.put("timeMs", time);
              s.set("queues", unique(q));
              s.set("agents", unique(a));
              s.set("alerts", unique(al));
              s.putArray("announcements").addObject().put("scope", "*").put("active", on);
              return s;
            });
  }

  private static ArrayNode unique(List<ObjectNode> items) {
    ArrayNode out = NODES.arrayNode();
    Set<String> seen = new java.util.HashSet<>();
    for (ObjectNode item : items) {
      if (seen.add(item.get("id").asText())) {
        out.add(item);
      }
    }
    return out;
  }

  private Arbitrary<ObjectNode> item(List<String> ids, String field) {
    return Combinators.combine(
            Arbitraries.of(ids),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 5))
        .as(
            (id, value, seconds) -> {
              ObjectNode o = NODES.objectNode();
              o.put("id", id).put(field, value).put("secondsInState", seconds);
              return o;
            });
  }
}
