package dev.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class ErlangCPropertyTest {

  @Property(tries = 200)
  void erlangBMatchesTheReferenceAndCIsAtLeastB(
      @ForAll @IntRange(min = 1, max = 1500) int agents,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double load) {
    double a = agents * load;
    double b = ErlangC.erlangB(agents, a);
    double c = ErlangC.probabilityOfWaiting(agents, a);
    assertThat(b).isCloseTo(ErlangCTest.referenceErlangB(agents, a), within(1e-9));
    assertThat(c).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(b - 1e-15);
  }

  @Property(tries = 200)
  void requiredAgentsIsTheFewestThatMeetTheTarget(
      @ForAll @DoubleRange(min = 0.001, max = 2.0) @net.jqwik.api.constraints.Scale(4)
          double arrivalsPerSecond,
      @ForAll @IntRange(min = 10, max = 900) int handleSeconds,
      @ForAll @IntRange(min = 50, max = 99) int targetPercent,
      @ForAll @IntRange(min = 5, max = 120) int targetSeconds) {
    int n =
        ErlangC.requiredAgents(
            arrivalsPerSecond, handleSeconds, targetPercent / 100.0, targetSeconds, 100_000);
    double a = arrivalsPerSecond * handleSeconds;
    assertThat(n).isGreaterThan((int) Math.floor(a));
    assertThat(ErlangC.serviceLevel(n, a, handleSeconds, targetSeconds))
        .isGreaterThanOrEqualTo(targetPercent / 100.0);
    if (n - 1 > a) {
      assertThat(ErlangC.serviceLevel(n - 1, a, handleSeconds, targetSeconds))
          .isLessThan(targetPercent / 100.0);
    }
  }
}
