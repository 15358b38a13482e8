package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two stream snapshots, as the stream's delta frame: changed or new items of
 * {@code queues}, {@code agents} and {@code alerts} (whole items, matched by {@code id}), the ids
 * that disappeared, and {@code announcements} whole when they changed. Clients replace items by id,
 * so a delta is idempotent and a client that joined from a slightly older snapshot still converges.
 *
 * <p>Fields that change every second by construction and that a client can compute itself are not a
 * reason to send an item: an agent's {@code secondsInState} follows from {@code stateSinceMs} and
 * the frame's {@code timeMs}. Pure: no clock, no I/O.
 */
public final class SnapshotDiff {

  /** The keyed sections of a snapshot. */
  public static final List<String> SECTIONS = List.of("queues", "agents", "alerts");

  /** Per section, fields that do not by themselves make an item changed. */
  public static final Map<String, Set<String>> IGNORED = Map.of("agents", Set.of("secondsInState"));

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SnapshotDiff() {}

  /**
   * The delta from {@code previous} to {@code current}, or null when nothing changed.
   *
   * @param previous the last snapshot sent (normalized: every section an array)
   * @param current the new snapshot
   * @param seq the sequence number the delta gets
   */
  public static ObjectNode delta(ObjectNode previous, ObjectNode current, long seq) {
    ObjectNode out = NODES.objectNode();
    out.put("type", "delta");
    out.put("seq", seq);
    out.put("timeMs", current.path("timeMs").asLong());
    ObjectNode removed = NODES.objectNode();
    boolean changed = false;
    for (String section : SECTIONS) {
      Map<String, JsonNode> before = byId(previous.get(section));
      Map<String, JsonNode> after = byId(current.get(section));
      Set<String> ignored = IGNORED.getOrDefault(section, Set.of());
      ArrayNode changedItems = NODES.arrayNode();
      for (Map.Entry<String, JsonNode> e : after.entrySet()) {
        JsonNode old = before.get(e.getKey());
        if (old == null || !sameIgnoring(old, e.getValue(), ignored)) {
          changedItems.add(e.getValue());
        }
      }
      ArrayNode gone = NODES.arrayNode();
      for (String id : before.keySet()) {
        if (!after.containsKey(id)) {
          gone.add(id);
        }
      }
      if (!changedItems.isEmpty()) {
        out.set(section, changedItems);
        changed = true;
      }
      if (!gone.isEmpty()) {
        removed.set(section, gone);
        changed = true;
      }
    }
    if (!removed.isEmpty()) {
      out.set("removed", removed);
    }
    JsonNode announcements = current.get("announcements");
    if (announcements != null && !announcements.equals(previous.get("announcements"))) {
      out.set("announcements", announcements);
      changed = true;
    }
    return changed ? out : null;
  }

  /**
   * Applies a delta to a snapshot, as a client does: the result has the delta's items replaced or
   * added by id, removed ids dropped, and the delta's time.
   */
  public static ObjectNode apply(ObjectNode snapshot, ObjectNode delta) {
    ObjectNode out = snapshot.deepCopy();
    out.put("timeMs", delta.path("timeMs").asLong());
    for (String section : SECTIONS) {
      Map<String, JsonNode> items = byId(out.get(section));
      JsonNode changed = delta.get(section);
      if (changed != null) {
        for (JsonNode item : changed) {
          items.put(item.path("id").asText(), item);
        }
      }
      JsonNode gone = delta.path("removed").get(section);
      if (gone != null) {
        for (JsonNode id : gone) {
          items.remove(id.asText());
        }
      }
      ArrayNode array = out.putArray(section);
      items.values().forEach(array::add);
    }
    if (delta.has("announcements")) {
      out.set("announcements", delta.get("announcements"));
    }
    return out;
  }

  /** Items of a section by id, in order; items without a string id are kept under their index. */
  static Map<String, JsonNode> byId(JsonNode array) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (array == null || !array.isArray()) {
      return out;
    }
    int index = 0;
    for (JsonNode item : array) {
      JsonNode id = item.get("id");
      out.put(id != null && id.isValueNode() ? id.asText() : "#" + index, item);
      index++;
    }
    return out;
  }

  /** Whether two items are equal apart from the ignored top-level fields. */
  public static boolean sameIgnoring(JsonNode a, JsonNode b, Set<String> ignored) {
    if (ignored.isEmpty() || !a.isObject() || !b.isObject()) {
      return a.equals(b);
    }
    int countA = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (ignored.contains(e.getKey())) {
        continue;
      }
      countA++;
      if (!Objects.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    int countB = 0;
    Iterator<String> names = b.fieldNames();
    while (names.hasNext()) {
      if (!ignored.contains(names.next())) {
        countB++;
      }
    }
    return countA == countB;
  }
}
