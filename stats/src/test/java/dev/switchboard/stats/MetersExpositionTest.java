package dev.switchboard.stats;

import static dev.switchboard.stats.Events.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetersExpositionTest {

  static final long T0 = StatsServiceTest.T0;

  private final AtomicLong now = new AtomicLong(T0);
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final StatsService stats =
      new StatsService(StatsConfiguration.defaults().withClock(now::get, 0), registry);

  private void on(RouterEvent... events) {
    for (RouterEvent e : events) {
      stats.onEvent(e, false);
    }
  }

  private String scrape() {
    on(
        queueConfigured(T0, "sales", "sales", new ServiceLevelTarget(80, 20, 5)),
        agentConfigured(T0, "a1", Map.of("sales", 3)),
        agentState(T0, "a1", AgentState.LOGGED_OUT, AgentState.READY, ""),
        queued(T0, "c1", "sales", T0, 1),
        answered(T0 + 5_000, "c1", "sales", "a1", 5_000),
        queued(T0 + 10_000, "c2", "sales", T0 + 10_000, 1),
        queued(T0 + 11_000, "c3", "sales", T0 + 11_000, 2),
        abandoned(T0 + 12_000, "c3", "sales", 1_000));
    now.set(T0 + 40_000);
    return registry.scrape();
  }

  @Test
  void shouldExposeCountersWithTotalSuffixAndCounterType() {
    String text = scrape();
    assertThat(text)
        .contains("# TYPE switchboard_contacts_offered_total counter")
        .contains("switchboard_contacts_offered_total{queue=\"sales\"} 3")
        .contains("switchboard_contacts_answered_total{queue=\"sales\"} 1")
        .contains("switchboard_contacts_abandoned_total{queue=\"sales\"} 1")
        .contains("switchboard_contacts_short_abandoned_total{queue=\"sales\"} 1");
  }

  @Test
  void shouldExposeGaugesInBaseUnitsWithQueueAndStateTags() {
    String text = scrape();
    assertThat(text)
        .contains("# TYPE switchboard_queue_waiting gauge")
        .contains("switchboard_queue_waiting{queue=\"sales\"} 1")
        .contains("# TYPE switchboard_queue_longest_wait_seconds gauge")
        .contains("switchboard_queue_longest_wait_seconds{queue=\"sales\"} 30")
        .contains("switchboard_queue_service_level_ratio{queue=\"sales\",window=\"15m\"} 1")
        .contains("switchboard_queue_agents{queue=\"sales\",state=\"ready\"} 1")
        .contains("switchboard_agents{state=\"ready\"} 1")
        .contains("switchboard_alerts_active{kind=\"pbx_link_down\"} 0");
  }

  @Test
  void shouldFollowPrometheusNamingForEverySwitchboardSample() {
    Pattern sample =
        Pattern.compile(
            "switchboard_[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? (-?[0-9.E+-]+|NaN)");
    long samples =
        scrape()
            .lines()
            .filter(l -> l.startsWith("switchboard_"))
            .peek(l -> assertThat(l).matches(sample))
            .count();
    assertThat(samples).isGreaterThan(30);
    assertThat(scrape()).contains("# HELP switchboard_queue_waiting Contacts waiting");
  }
}
