package dev.switchboard.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.RouterEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast engine against the naive reference model on random command sequences, with the engine's
 * invariants checked after every command (see {@link Harness}), then: every contact ends answered,
 * abandoned or overflowed; a snapshot restores the same hash and the same future; the same commands
 * give the same events and hash.
 */
class RoutingDifferentialPropertyTest {

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs().between(0, 1_000_000);
  }

  @Provide
  Arbitrary<List<Scenarios.Step>> scenarios() {
    return Scenarios.scenario(150);
  }

  @Property(tries = 200)
  void shouldDecideLikeTheNaiveModelAndKeepInvariants(
      @ForAll("seeds") long seed, @ForAll("scenarios") List<Scenarios.Step> steps) {
    Harness h = new Harness(seed);
    h.run(steps);
    for (Command c : h.drainCommands()) {
      h.apply(c);
    }
    assertThat(h.engine.contactCount()).isZero();
    assertThat(h.terminal).isEqualTo(h.accepted);
    for (RouterEvent e : h.engineEvents) {
      String p = Scenarios.project(e);
      if (p != null) {
        net.jqwik.api.statistics.Statistics.label("events").collect(p.split(" ")[0]);
      }
      if (e instanceof RouterEvent.ContactOffered o) {
        net.jqwik.api.statistics.Statistics.label("triggers").collect(o.reason().trigger());
      }
    }
  }

  @Property(tries = 100)
  void shouldRestoreFromSnapshotWithSameHashAndSameFuture(
      @ForAll("seeds") long seed, @ForAll("scenarios") List<Scenarios.Step> steps)
      throws IOException {
    Harness h = new Harness(seed);
    int half = steps.size() / 2;
    h.run(steps.subList(0, half));
    RoutingStateMachine restored = Harness.restore(h.snapshot());
    assertThat(restored.stateHash()).isEqualTo(h.engine.stateHash());
    int from = h.commands.size();
    h.run(steps.subList(half, steps.size()));
    for (Command c : h.drainCommands()) {
      h.apply(c);
    }
    List<RouterEvent> replayed = new ArrayList<>();
    for (int i = from; i < h.commands.size(); i++) {
      restored.apply(h.times.get(i), h.commands.get(i), replayed::add);
    }
    List<RouterEvent> original =
        h.engineEvents.subList(h.engineEvents.size() - 0, h.engineEvents.size());
    assertThat(original).isEmpty();
    assertThat(restored.stateHash()).isEqualTo(h.engine.stateHash());
    assertThat(tail(h, from)).isEqualTo(replayed);
  }

  private static List<RouterEvent> tail(Harness h, int fromCommand) {
    RoutingStateMachine fresh = new RoutingStateMachine();
    List<RouterEvent> all = new ArrayList<>();
    List<RouterEvent> tail = new ArrayList<>();
    for (int i = 0; i < h.commands.size(); i++) {
      fresh.apply(h.times.get(i), h.commands.get(i), i < fromCommand ? all::add : tail::add);
    }
    return tail;
  }

  @Property(tries = 50)
  void shouldGiveSameEventsAndHashForSameCommands(
      @ForAll("seeds") long seed, @ForAll("scenarios") List<Scenarios.Step> steps) {
    Harness h = new Harness(seed);
    h.run(steps);
    RoutingStateMachine again = new RoutingStateMachine();
    List<RouterEvent> events = new ArrayList<>();
    for (int i = 0; i < h.commands.size(); i++) {
      again.apply(h.times.get(i), h.commands.get(i), events::add);
    }
    assertThat(events).isEqualTo(h.engineEvents);
    assertThat(again.stateHash()).isEqualTo(h.engine.stateHash());
    assertThat(again.waitingCount()).isEqualTo(h.engine.waitingCount());
  }

  @Property(tries = 50)
  void shouldStoreTheSameEventsInABufferAndReachTheSameStateWhenEventsAreDropped(
      @ForAll("seeds") long seed, @ForAll("scenarios") List<Scenarios.Step> steps) {
    Harness h = new Harness(seed);
    h.run(steps);
    RoutingStateMachine buffered = new RoutingStateMachine();
    RoutingStateMachine discarding = new RoutingStateMachine();
    EventBuffer buffer = new EventBuffer();
    List<RouterEvent> events = new ArrayList<>();
    for (int i = 0; i < h.commands.size(); i++) {
      buffered.apply(h.times.get(i), h.commands.get(i), buffer);
      for (int e = 0; e < buffer.size(); e++) {
        events.add(buffer.event(e));
      }
      buffer.clear();
      discarding.apply(h.times.get(i), h.commands.get(i), EventSink.DISCARD);
    }
    assertThat(events).isEqualTo(h.engineEvents);
    assertThat(buffered.stateHash()).isEqualTo(h.engine.stateHash());
    assertThat(discarding.stateHash()).isEqualTo(h.engine.stateHash());
  }
}
