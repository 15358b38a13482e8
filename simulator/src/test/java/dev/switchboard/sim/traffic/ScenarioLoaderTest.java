package dev.switchboard.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

  private static SimulationScenario parse(String yaml) throws Exception {
    return ScenarioLoader.load(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void shouldLoadTheBuiltInDemo() throws Exception {
    SimulationScenario demo = ScenarioLoader.demo();
    assertThat(demo.entryPoints())
        .extracting(SimulationScenario.EntryPoint::number)
        .containsExactly("600", "601", "602");
    assertThat(demo.agents()).hasSize(30);
    assertThat(demo.agents().get(0).id()).isEqualTo("agent01");
    assertThat(demo.agents().get(0).callerIdNum()).isEqualTo("2001");
    assertThat(demo.agents().get(29).id()).isEqualTo("agent30");
    assertThat(demo.callerProfiles()).anyMatch(p -> p.callerIdPattern().startsWith("+4930999"));
  }

  @Test
  void shouldExpandAgentGroupsAndApplyDefaults() throws Exception {
    SimulationScenario s =
        parse(
            """
            agents:
              - {idPattern: "a%d", count: 3, start: 7, extensionPattern: "ext%d"}
              - {id: solo}
            """);
    assertThat(s.agents())
        .extracting(SimulationScenario.AgentSpec::id)
        .containsExactly("a7", "a8", "a9", "solo");
    assertThat(s.agents().get(0).extension()).isEqualTo("ext7");
    assertThat(s.agents().get(3).extension()).isEqualTo("solo");
    assertThat(s.agents().get(3).talkTime().distribution()).isEqualTo("exponential");
    assertThat(s.trunkEndpoint()).isEqualTo("sipp");
  }

  @Test
  void shouldRejectUnknownFieldsWithTheirPath() {
    assertThatThrownBy(() -> parse("entryPoints:\n  - {number: \"600\", callsPerHuor: 10}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining("callsPerHuor")
        .hasMessageContaining("entryPoints");
  }

  @Test
  void shouldRejectBadValues() {
    assertThatThrownBy(() -> parse("agents:\n  - {id: x, busyProbability: 2}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("busyProbability");
    assertThatThrownBy(
            () ->
                parse("entryPoints:\n  - {number: \"1\", intraday: [{hour: 25, multiplier: 1}]}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hour");
    assertThatThrownBy(() -> parse("- just a list\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mapping");
  }
}
