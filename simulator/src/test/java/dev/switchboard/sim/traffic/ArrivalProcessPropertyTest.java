package dev.switchboard.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The Poisson arrival generator produces the configured mean rate. */
class ArrivalProcessPropertyTest {

  @Property(tries = 50)
  void shouldHaveMeanInterArrivalOfOneOverRate(
      @ForAll @DoubleRange(min = 10, max = 5000) double callsPerHour, @ForAll long seed) {
    ArrivalProcess p = new ArrivalProcess(callsPerHour, List.of());
    SplittableRandom r = new SplittableRandom(seed);
    int n = 4000;
    long t = 0;
    for (int i = 0; i < n; i++) {
      t = p.nextArrivalMs(t, r);
    }
    double meanMs = (double) t / n;
    double expectedMs = 3_600_000.0 / callsPerHour;
    // 4000 exponential samples: the mean's relative standard error is 1/sqrt(4000) ~ 1.6 %.
    assertThat(meanMs).isCloseTo(expectedMs, within(expectedMs * 0.08));
  }

  @Property(tries = 30)
  void shouldFollowTheIntradayProfile(
      @ForAll @IntRange(min = 1, max = 22) int peakHour, @ForAll long seed) {
    ArrivalProcess p =
        new ArrivalProcess(
            600,
            List.of(
                new SimulationScenario.IntradayPoint(0, 0.5),
                new SimulationScenario.IntradayPoint(peakHour, 2.0),
                new SimulationScenario.IntradayPoint(peakHour + 1, 0.5)));
    SplittableRandom r = new SplittableRandom(seed);
    long day = 24 * 3_600_000L;
    int[] perHour = new int[24];
    long t = 0;
    for (int d = 0; d < 5; d++) {
      while ((t = p.nextArrivalMs(t, r)) < (d + 1) * day) {
        perHour[(int) ((t % day) / 3_600_000L)]++;
      }
    }
    double peak = perHour[peakHour] / 5.0;
    double other = perHour[(peakHour + 5) % 24] / 5.0;
    assertThat(peak).isCloseTo(1200, within(200.0));
    assertThat(other).isCloseTo(300, within(100.0));
  }

  @Property(tries = 20)
  void shouldNeverArriveWhenTheRateIsZero(@ForAll long seed) {
    ArrivalProcess p = new ArrivalProcess(0, List.of());
    assertThat(p.nextArrivalMs(0, new SplittableRandom(seed))).isEqualTo(Long.MAX_VALUE);
  }
}
