package dev.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.router.api.RouterEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StatsConfigurationTest {

  @Test
  void shouldRejectIntervalsThatDoNotDivideADay() {
    StatsConfiguration d = StatsConfiguration.defaults();
    assertThatThrownBy(
            () ->
                new StatsConfiguration(
                    d.zone(), d.dayStart(), 7, 96, 10, d.alerts(), 0, null, d.clock()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intervalMinutes");
    assertThat(
            new StatsConfiguration(
                    d.zone(), d.dayStart(), 30, 96, 10, d.alerts(), 0, null, d.clock())
                .intervalMinutes())
        .isEqualTo(30);
  }

  @Test
  void shouldRejectAlertClearLevelsBeyondRaiseLevels() {
    assertThatThrownBy(() -> new AlertThresholds(30, 0, 5, 10, 60, 90, 15, 10, 20, 15))
        .hasMessageContaining("longestWaitClearSeconds");
    assertThatThrownBy(() -> new AlertThresholds(30, 0, 5, 10, 120, 90, 10, 15, 20, 15))
        .hasMessageContaining("abandonClearPercent");
    assertThatThrownBy(() -> new AlertThresholds(20, 0, 5, 10, 120, 90, 15, 10, 20, 15))
        .hasMessageContaining("windowMinutes");
  }

  @Test
  void shouldComputeTheStatisticsDayAcrossMidnightAndDst() {
    BusinessDay day = new BusinessDay(ZoneId.of("Europe/Paris"), LocalTime.of(6, 0));
    long t = java.time.Instant.parse("2026-03-29T03:30:00Z").toEpochMilli(); // 05:30 CEST
    assertThat(day.dateOf(t)).isEqualTo(java.time.LocalDate.of(2026, 3, 28));
    // Paris springs forward on 2026-03-29: the day named 03-28 lasts 23 hours.
    assertThat(day.endOf(t) - day.startOf(t)).isEqualTo(23 * 3_600_000L);
  }

  @Test
  void shouldIgnoreOfferEventsForContactsItNeverSaw() {
    StatsService stats = new StatsService(StatsConfiguration.defaults(), new SimpleMeterRegistry());
    stats.onEvent(new RouterEvent.OfferRevoked(1_000, "ghost", "a1", "logout"), false);
    assertThat(stats.snapshot(2_000).queues()).isEmpty();
    assertThat(stats.contact("ghost")).isEmpty();
  }
}
