package dev.switchboard.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.pbx.PbxConfiguration;
import dev.switchboard.sim.pbx.SimulatedPbx;
import dev.switchboard.sim.pbx.VirtualTimeScheduler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The re-announcement to a late AMI client tells each agent's current state, in virtual time. */
class AgentAnnounceTest {

  private static final String SCENARIO =
      """
      name: announce
      agents:
        - id: pauser
          pause: {probabilityPerHour: 3600, meanDurationSeconds: 1000, reason: lunch}
        - id: steady
      """;

  @Test
  void shouldAnnounceLoginThenTheLastReadyOrPauseOfEachAgent() throws Exception {
    SimulationScenario scenario =
        ScenarioLoader.load(
            new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)), "a.yaml");
    VirtualTimeScheduler scheduler = new VirtualTimeScheduler(1_795_522_714_000_000L);
    List<AmiMessage> live = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(3);
    SimulatedPbx pbx =
        new SimulatedPbx(
            scheduler,
            PbxConfiguration.of("pbx1", "127.0.0.1", 0),
            live::add,
            null,
            random.split());
    TrafficModel traffic = new TrafficModel(scenario, pbx, scheduler, random.split());
    List<AmiMessage> announced = new ArrayList<>();
    traffic.announceAgentsTo(announced::add);
    scheduler.runFor(10);
    assertThat(announced).as("nobody logged in yet").isEmpty();

    traffic.start(false, 50);
    scheduler.runFor(60_000);
    traffic.announceAgentsTo(announced::add);
    scheduler.runFor(10);

    assertThat(lastState(live, "pauser")).isEqualTo("pause:lunch");
    assertThat(lastState(live, "steady")).isEqualTo("ready:");
    assertThat(announced)
        .extracting(
            m -> m.getOr("Agent", "") + " " + m.getOr("Action", "") + ":" + m.getOr("Reason", ""))
        .containsExactly("pauser login:", "pauser pause:lunch", "steady login:", "steady ready:");
  }

  private static String lastState(List<AmiMessage> events, String agent) {
    String last = null;
    for (AmiMessage m : events) {
      String action = m.getOr("Action", "");
      if (agent.equals(m.getOr("Agent", ""))
          && (action.equals("ready") || action.equals("pause"))) {
        last = action + ":" + m.getOr("Reason", "");
      }
    }
    return last;
  }
}
