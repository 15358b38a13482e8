package dev.switchboard.stats;

import static dev.switchboard.stats.Events.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertsTest {

  static final long T0 = StatsServiceTest.T0;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StatsService stats =
      new StatsService(
          StatsConfiguration.defaults()
              .withAlerts(new AlertThresholds(15, 0, 5, 4, 60, 30, 50, 20, 3, 1)),
          registry);
  private final List<Alert> heard = new ArrayList<>();

  AlertsTest() {
    stats.addAlertListener(heard::add);
    on(
        queueConfigured(T0, "q", null, new ServiceLevelTarget(80, 20, 5)),
        agentConfigured(T0, "a1", Map.of("x", 1)),
        agentState(T0, "a1", AgentState.LOGGED_OUT, AgentState.READY, ""));
  }

  private void on(RouterEvent... events) {
    for (RouterEvent e : events) {
      stats.onEvent(e, false);
    }
  }

  private List<String> activeIds() {
    return stats.alerts().stream().filter(Alert::active).map(Alert::id).toList();
  }

  private double activeGauge(String kind) {
    return registry.get("switchboard.alerts.active").tag("kind", kind).gauge().value();
  }

  @Test
  void shouldRaiseLongestWaitOnTickAndClearBelowTheClearLevel() {
    on(queued(T0, "c1", "q", T0, 1));
    stats.tick(T0 + 60_000);
    assertThat(activeIds()).isEmpty();
    stats.tick(T0 + 61_000);
    stats.tick(T0 + 90_000);
    assertThat(activeIds()).containsExactly("LONGEST_WAIT:q");
    assertThat(activeGauge("longest_wait")).isEqualTo(1.0);

    on(answered(T0 + 95_000, "c1", "q", "a1", 95_000));
    assertThat(activeIds()).isEmpty();
    assertThat(heard)
        .extracting(Alert::id, Alert::active)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("LONGEST_WAIT:q", true),
            org.assertj.core.groups.Tuple.tuple("LONGEST_WAIT:q", false));
    assertThat(heard.get(1).clearedAtMs()).isEqualTo(T0 + 95_000);
    assertThat(activeGauge("longest_wait")).isZero();
  }

  @Test
  void shouldKeepTheWaitingAlertBetweenRaiseAndClearLevels() {
    on(queued(T0, "c1", "q", T0, 1), queued(T0, "c2", "q", T0, 2));
    assertThat(activeIds()).isEmpty();
    on(queued(T0, "c3", "q", T0, 3));
    assertThat(activeIds()).containsExactly("WAITING:q");
    on(answered(T0 + 1_000, "c1", "q", "a1", 1_000));
    assertThat(activeIds()).as("2 waiting is above the clear level 1").containsExactly("WAITING:q");
    on(queued(T0 + 1_500, "c4", "q", T0 + 1_500, 3));
    on(answered(T0 + 2_000, "c2", "q", "a1", 2_000));
    assertThat(activeIds()).containsExactly("WAITING:q");
    on(abandoned(T0 + 3_000, "c3", "q", 3_000));
    assertThat(activeIds()).as("1 waiting is the clear level").isEmpty();
    assertThat(heard).hasSize(2);
  }

  @Test
  void shouldRaiseNoAgentsAsCriticalWhileContactsWaitWithNobodyLoggedIn() {
    on(agentState(T0 + 1, "a1", AgentState.READY, AgentState.LOGGED_OUT, ""));
    on(queued(T0 + 2, "c1", "q", T0 + 2, 1));
    assertThat(stats.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.NO_AGENTS);
              assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
              assertThat(a.queueId()).isEqualTo("q");
            });
    on(agentState(T0 + 3, "a1", AgentState.LOGGED_OUT, AgentState.PAUSED, "login"));
    assertThat(activeIds()).isEmpty();
  }

  @Test
  void shouldRaiseAndClearServiceLevelWithHysteresis() {
    for (int i = 0; i < 4; i++) {
      on(queued(T0, "slow" + i, "q", T0, 1), answered(T0 + 30_000, "slow" + i, "q", "a1", 30_000));
    }
    assertThat(activeIds()).containsExactly("SERVICE_LEVEL:q");
    // 16 fast of 20 = 80 %: at target but below target + 5 → stays raised.
    for (int i = 0; i < 16; i++) {
      on(
          queued(T0 + 40_000, "f" + i, "q", T0 + 40_000, 1),
          answered(T0 + 41_000, "f" + i, "q", "a1", 1_000));
    }
    assertThat(activeIds()).containsExactly("SERVICE_LEVEL:q");
    // 23 fast of 27 = 85.2 % → clears.
    for (int i = 16; i < 23; i++) {
      on(
          queued(T0 + 40_000, "f" + i, "q", T0 + 40_000, 1),
          answered(T0 + 41_000, "f" + i, "q", "a1", 1_000));
    }
    assertThat(activeIds()).isEmpty();
  }

  @Test
  void shouldRaiseAbandonRateOnlyWithEnoughContacts() {
    on(queued(T0, "c1", "q", T0, 1), abandoned(T0 + 30_000, "c1", "q", 30_000));
    on(queued(T0, "c2", "q", T0, 1), abandoned(T0 + 30_000, "c2", "q", 30_000));
    assertThat(activeIds()).as("2 contacts < minContacts 4").isEmpty();
    on(queued(T0, "c3", "q", T0, 1), answered(T0 + 30_000, "c3", "q", "a1", 1_000));
    on(queued(T0, "c4", "q", T0, 1), answered(T0 + 30_000, "c4", "q", "a1", 1_000));
    assertThat(activeIds()).contains("ABANDON_RATE:q");
    for (int i = 0; i < 6; i++) {
      on(queued(T0, "g" + i, "q", T0, 1), answered(T0 + 31_000, "g" + i, "q", "a1", 1_000));
    }
    assertThat(activeIds()).doesNotContain("ABANDON_RATE:q");
  }

  @Test
  void shouldRaiseAndClearPbxLinkDown() {
    on(new RouterEvent.PbxLinkChanged(T0 + 1, "pbx1", false));
    assertThat(activeIds()).containsExactly("PBX_LINK_DOWN:pbx1");
    assertThat(stats.alerts().get(0).pbxId()).isEqualTo("pbx1");
    stats.pbxLinkChanged("pbx1", true);
    assertThat(activeIds()).isEmpty();
    assertThat(stats.alerts()).extracting(Alert::active).containsExactly(false);
  }

  @Test
  void shouldRaiseNothingDuringReplay() {
    stats.onEvent(new RouterEvent.PbxLinkChanged(T0 + 1, "pbx1", false), true);
    assertThat(stats.alerts()).isEmpty();
    assertThat(heard).isEmpty();
  }
}
