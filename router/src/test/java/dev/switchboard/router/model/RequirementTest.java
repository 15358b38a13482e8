package dev.switchboard.router.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.SkillRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementTest {

  private static final QueueConfiguration QUEUE =
      new QueueConfiguration(
          "q",
          "q",
          List.of(new SkillRequirement("en", 8), new SkillRequirement("sales", 3)),
          dev.switchboard.router.api.ServiceLevelTarget.defaults(),
          dev.switchboard.router.api.AgentSelectionPolicy.LONGEST_IDLE,
          0,
          15,
          0,
          0,
          null,
          List.of(
              new EscalationStep(10, new EscalationAction.RelaxLevels(5)),
              new EscalationStep(
                  20, new EscalationAction.AddSkills(List.of(new SkillRequirement("backup", 2))))),
          30,
          0);

  @Test
  void shouldRequireQueueSkillsAndExtrasWithHigherMinimumWinning() {
    Requirement r = Requirement.of(QUEUE, 0, List.of(new SkillRequirement("sales", 6)));
    assertThat(r.qualifies(Map.of("en", 8, "sales", 5))).isFalse();
    assertThat(r.qualifies(Map.of("en", 9, "sales", 6))).isTrue();
    assertThat(r.level(Map.of("en", 9, "sales", 6))).isEqualTo(6);
  }

  @Test
  void shouldCapQueueLevelsButNotExtrasWhenRelaxed() {
    Requirement r = Requirement.of(QUEUE, 1, List.of(new SkillRequirement("fr", 7)));
    assertThat(r.qualifies(Map.of("en", 5, "sales", 3, "fr", 7))).isTrue();
    assertThat(r.qualifies(Map.of("en", 5, "sales", 3, "fr", 6))).isFalse();
  }

  @Test
  void shouldAcceptAlternativeWithExtrasOnceAdded() {
    Map<String, Integer> backup = Map.of("backup", 4, "fr", 7);
    assertThat(Requirement.of(QUEUE, 1, List.of(new SkillRequirement("fr", 7))).qualifies(backup))
        .isFalse();
    Requirement r = Requirement.of(QUEUE, 2, List.of(new SkillRequirement("fr", 7)));
    assertThat(r.qualifies(backup)).isTrue();
    assertThat(r.level(backup)).isEqualTo(4);
    assertThat(r.qualifies(Map.of("backup", 4))).isFalse();
  }

  @Test
  void shouldLetAnyAgentTakeContactWithoutRequirements() {
    QueueConfiguration open = QueueConfiguration.simple("o", List.of());
    assertThat(Requirement.of(open, 0, List.of()).level(Map.of())).isZero();
  }
}
