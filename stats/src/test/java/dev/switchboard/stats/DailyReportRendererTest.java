package dev.switchboard.stats;

import static dev.switchboard.stats.Events.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.ServiceLevelTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DailyReportRendererTest {

  static final long T0 = StatsServiceTest.T0;

  @Test
  void shouldRenderASelfContainedPageWithTheIntervalTableAndPlots() {
    StatsService stats = new StatsService(StatsConfiguration.defaults(), new SimpleMeterRegistry());
    stats.onEvent(queueConfigured(T0, "sales", null, new ServiceLevelTarget(80, 20, 5)), false);
    for (int i = 0; i < 4; i++) {
      long t = T0 + i * 60_000L;
      stats.onEvent(queued(t, "c" + i, "sales", t, 1), false);
      stats.onEvent(answered(t + 1_000, "c" + i, "sales", "a1", i == 0 ? 30_000 : 1_000), false);
    }
    stats.onEvent(queued(T0 + 20 * 60_000L, "x", "sales", T0 + 20 * 60_000L, 1), false);
    stats.onEvent(abandoned(T0 + 21 * 60_000L, "x", "sales", 60_000), false);
    stats.onEvent(queued(T0 + 31 * 60_000L, "y", "sales", T0 + 31 * 60_000L, 1), false);

    String html = stats.dailyReport("sales", LocalDate.of(2026, 3, 10)).orElseThrow();

    assertThat(html).startsWith("<!DOCTYPE html>").contains("SALES (sales) 2026-03-10");
    assertThat(html).doesNotContain("<script", "src=", "href=", "http://e", "https://");
    assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(3);
    assertThat(html).contains("<polyline");
    // 96 fifteen-minute rows + the total row.
    assertThat(Pattern.compile("<tr( class=\"total\")?><td>").matcher(html).results().count())
        .isEqualTo(97);
    assertThat(html)
        .contains(
            "<tr><td>09:00</td><td>4</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td>"
                + "<td>75.0</td><td>3/4</td>");
    assertThat(html)
        .contains(
            "<tr><td>09:15</td><td>1</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td>"
                + "<td>0.0</td><td>0/1</td>");
    assertThat(html)
        .contains("<tr class=\"total\"><td>total</td><td>5</td><td>4</td><td>1</td>")
        .contains("<td>60.0</td><td>3/5</td>");
    assertThat(stats.dailyReport("nope", LocalDate.of(2026, 3, 10))).isEmpty();
  }

  @Test
  void shouldFollowTheStatisticsDayOfTheZone() {
    BusinessDay day = new BusinessDay(ZoneId.of("America/New_York"), LocalTime.of(6, 0));
    // New York springs forward at 02:00 on 2026-03-08, so the statistics day named 03-07 (06:00
    // to 06:00) lasts 23 hours: 46 half-hour rows, not 48.
    String html =
        DailyReportRenderer.render("q", "Q <1>", LocalDate.of(2026, 3, 7), day, 30, List.of());
    assertThat(html).contains("Q &lt;1&gt;");
    assertThat(Pattern.compile("<tr><td>").matcher(html).results().count()).isEqualTo(46);
  }
}
