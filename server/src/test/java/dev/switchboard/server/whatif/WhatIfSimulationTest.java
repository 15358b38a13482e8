package dev.switchboard.server.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.engine.RoutingStateMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WhatIfSimulationTest {

  private static final String SMALL =
      """
      name: small
      seed: 11
      startHour: 9
      durationHours: 2
      queues:
        - {id: sales, skills: {sales: 3}, targetSeconds: 20, wrapUpSeconds: 5}
        - id: vip
          skills: {sales: 6}
          targetSeconds: 10
          escalation: [{afterSeconds: 15, relaxLevelsTo: 3}]
      traffic:
        - {queue: sales, callsPerHour: 300, handleSeconds: 120, patienceSeconds: 60}
        - {queue: vip, callsPerHour: 40, handleSeconds: 120, patienceSeconds: 200, vipShare: 0.5}
      agents:
        - {name: juniors, count: 8, skills: {sales: 4}}
        - {name: seniors, count: 3, skills: {sales: 8}, endHour: 10}
      """;

  @Test
  void shouldAccountForEveryCaller() throws Exception {
    WhatIfReport report = run(SMALL);

    for (WhatIfReport.QueueResult q : report.queues()) {
      WhatIfReport.Figures f = q.total();
      assertThat(f.offered()).isPositive();
      assertThat(f.answered() + f.abandoned() + f.overflowed()).isEqualTo(f.offered());
      assertThat(f.answeredInTarget()).isLessThanOrEqualTo(f.answered());
    }
    assertThat(report.queues().get(0).intervals()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(report.queues().get(0).intervals().get(0).start()).isEqualTo("09:00");
  }

  @Test
  void shouldGiveTheSameReportForTheSameSeed() throws Exception {
    WhatIfReport first = run(SMALL);
    WhatIfReport second = run(SMALL);

    assertThat(second.queues()).isEqualTo(first.queues());
    assertThat(second.commandsApplied()).isEqualTo(first.commandsApplied());
  }

  @Test
  void shouldServeBetterWithMoreAgents() throws Exception {
    WhatIfReport few = run(SMALL);
    WhatIfReport many = run(SMALL.replace("count: 8,", "count: 14,"));

    assertThat(many.queues().get(0).total().serviceLevelPercent())
        .isGreaterThan(few.queues().get(0).total().serviceLevelPercent());
    assertThat(many.queues().get(0).total().abandoned())
        .isLessThan(few.queues().get(0).total().abandoned());
  }

  @Test
  void shouldRenderTheShippedExampleAsHtml() throws Exception {
    Path example = Path.of("..", "docs", "examples", "whatif-day.yaml");
    WhatIfScenario scenario = WhatIfScenarioLoader.load(example);
    WhatIfReport report = WhatIfSimulation.run(scenario, RoutingStateMachine::new);

    String html = WhatIfHtmlRenderer.render(report);
    assertThat(report.agents()).isEqualTo(200);
    assertThat(html).contains("<svg", "tuesday-200-agents", "sales", "support", "vip");
    assertThat(Files.exists(example)).isTrue();
  }

  private static WhatIfReport run(String yaml) throws Exception {
    return WhatIfSimulation.run(
        WhatIfScenarioLoader.parse(yaml, "test.yaml"), RoutingStateMachine::new);
  }
}
