package dev.switchboard.server.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfScenarioLoaderTest {

  @Test
  void shouldCollectEveryProblemWithItsPath() {
    String yaml =
        """
        durationHours: 0
        queues:
          - id: q
            skills: {voice: 11}
            policy: FASTEST
        traffic:
          - queue: nope
            callsPerHour: -1
            handleSeconds: 0
        agents:
          - name: a
            count: 0
            skills: {voice: 5}
        """;
    assertThatThrownBy(() -> WhatIfScenarioLoader.parse(yaml, "bad.yaml"))
        .isInstanceOfSatisfying(
            WhatIfScenarioLoader.ScenarioException.class,
            e ->
                assertThat(e.errors())
                    .contains(
                        "durationHours: must be between 1 and 744, got 0",
                        "queues[0].skills.voice: level must be between 1 and 10, got 11",
                        "traffic[0].queue: unknown queue nope",
                        "agents[0].count: must be between 1 and 200000, got 0")
                    .anyMatch(m -> m.startsWith("queues[0].policy: must be one of"))
                    .anyMatch(m -> m.startsWith("traffic[0].callsPerHour"))
                    .anyMatch(m -> m.startsWith("traffic[0].handleSeconds")));
  }

  @Test
  void shouldRejectUnknownFieldsWithTheLine() {
    String yaml =
        """
        name: x
        durationHours: 1
        queus: []
        """;
    assertThatThrownBy(() -> WhatIfScenarioLoader.parse(yaml, "typo.yaml"))
        .isInstanceOfSatisfying(
            WhatIfScenarioLoader.ScenarioException.class,
            e -> assertThat(e.errors()).singleElement().asString().contains("line ", "queus"));
  }

  @Test
  void shouldBuildOneAgentPerGroupMember() throws Exception {
    String yaml =
        """
        durationHours: 1
        queues: [{id: q, skills: {voice: 1}}]
        traffic: [{queue: q, callsPerHour: 10, handleSeconds: 60}]
        agents: [{name: team, count: 3, skills: {voice: 2}}]
        """;
    WhatIfScenario s = WhatIfScenarioLoader.parse(yaml, "ok.yaml");
    assertThat(WhatIfScenarioLoader.routerConfiguration(s).agents())
        .extracting(a -> a.id())
        .isEqualTo(List.of("team-001", "team-002", "team-003"));
  }
}
