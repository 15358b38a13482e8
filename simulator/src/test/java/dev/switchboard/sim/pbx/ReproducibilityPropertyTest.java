package dev.switchboard.sim.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.ami.AmiCodec;
import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.traffic.ScenarioLoader;
import dev.switchboard.sim.traffic.SimulationScenario;
import dev.switchboard.sim.traffic.TrafficModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Same seed, same scenario → the same AMI event stream, byte for byte, in virtual time (no AGI
 * server, no router: callers wait until their patience runs out, agents log in and pause).
 */
class ReproducibilityPropertyTest {

  private static final long START_MICROS = 1_795_522_714_000_000L;

  private static List<String> run(SimulationScenario scenario, long seed) {
    VirtualTimeScheduler scheduler = new VirtualTimeScheduler(START_MICROS);
    List<String> events = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    SimulatedPbx pbx =
        new SimulatedPbx(
            scheduler,
            PbxConfiguration.of("pbx1", "127.0.0.1", 0),
            (AmiMessage e) -> events.add(AmiCodec.encode(e)),
            null,
            random.split());
    new TrafficModel(scenario, pbx, scheduler, random.split()).start(true, 50);
    scheduler.runFor(10 * 60 * 1000);
    return events;
  }

  @Property(tries = 5)
  void shouldReplayTheSameEventsForTheSameSeed(@ForAll long seed) throws IOException {
    SimulationScenario demo = ScenarioLoader.demo();
    List<String> first = run(demo, seed);
    List<String> second = run(demo, seed);
    assertThat(first).hasSizeGreaterThan(100);
    assertThat(second).isEqualTo(first);
  }

  @Property(tries = 3)
  void shouldDifferForDifferentSeeds(@ForAll long seed) throws IOException {
    SimulationScenario demo = ScenarioLoader.demo();
    assertThat(run(demo, seed)).isNotEqualTo(run(demo, seed + 1));
  }
}
