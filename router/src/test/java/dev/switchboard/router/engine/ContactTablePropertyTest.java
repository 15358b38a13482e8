package dev.switchboard.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contact table against {@code HashMap} on random puts, removes and lookups: same answers after
 * every operation, through growth and through the backward shifts of deletion.
 */
class ContactTablePropertyTest {

  /** An operation: 0 put, 1 remove, 2 get; on key "c" + n. */
  record Op(int kind, int key) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    // Keys from a range small enough to collide and repeat, large enough to make the table grow.
    Arbitrary<Integer> keys =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 3_000));
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2), keys).as(Op::new);
    return op.list().ofMaxSize(4_000);
  }

  @Property(tries = 200)
  void shouldAnswerLikeAHashMap(@ForAll("operations") List<Op> operations) {
    ContactTable table = new ContactTable();
    Map<String, ContactRuntime> reference = new HashMap<>();
    int slot = 0;
    for (Op op : operations) {
      String key = "c" + op.key();
      switch (op.kind()) {
        case 0 -> {
          ContactRuntime c = new ContactRuntime(slot++);
          table.put(key, c);
          reference.put(key, c);
        }
        case 1 -> assertThat(table.remove(key)).isSameAs(reference.remove(key));
        default -> assertThat(table.get(key)).isSameAs(reference.get(key));
      }
      assertThat(table.size()).isEqualTo(reference.size());
    }
    for (Map.Entry<String, ContactRuntime> e : reference.entrySet()) {
      assertThat(table.get(e.getKey())).isSameAs(e.getValue());
      assertThat(table.containsKey(e.getKey())).isTrue();
    }
    assertThat(new HashSet<>(table.values())).isEqualTo(new HashSet<>(reference.values()));
    table.clear();
    assertThat(table.size()).isZero();
    assertThat(table.values()).isEmpty();
  }
}
