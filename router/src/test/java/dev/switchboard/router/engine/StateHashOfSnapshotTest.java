package dev.switchboard.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.journal.SnapshotOutput;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The state hash taken from a snapshot's bytes (what the snapshot follower writes in the header) is
 * the engine's own {@code stateHash()}, whatever the state.
 */
class StateHashOfSnapshotTest {

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs().between(0, 1_000_000);
  }

  @Provide
  Arbitrary<List<Scenarios.Step>> scenarios() {
    return Scenarios.scenario(150);
  }

  @Property(tries = 60)
  void shouldEqualTheEnginesOwnHash(
      @ForAll("seeds") long seed, @ForAll("scenarios") List<Scenarios.Step> steps)
      throws IOException {
    Harness h = new Harness(seed);
    h.run(steps);
    SnapshotOutput out = new SnapshotOutput(1 << 12);
    h.engine.writeSnapshot(out);

    assertThat(h.engine.stateHashOf(out.toByteArray())).isEqualTo(h.engine.stateHash());
  }
}
