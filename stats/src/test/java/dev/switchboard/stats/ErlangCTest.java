package dev.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

  /** Erlang B by summing Poisson terms in log space: independent of the recurrence under test. */
  static double referenceErlangB(int n, double a) {
    double[] logTerms = new double[n + 1];
    double max = 0;
    for (int k = 1; k <= n; k++) {
      logTerms[k] = logTerms[k - 1] + Math.log(a) - Math.log(k);
      max = Math.max(max, logTerms[k]);
    }
    double sum = 0;
    for (double lt : logTerms) {
      sum += Math.exp(lt - max);
    }
    return Math.exp(logTerms[n] - max) / sum;
  }

  @Test
  void shouldMatchPublishedErlangBTableValues() {
    // Erlang B tables: 10 trunks at 10 Erlangs block 21.46 %; 5 trunks at 2 Erlangs 3.67 %.
    assertThat(ErlangC.erlangB(10, 10)).isCloseTo(0.2146, within(1e-4));
    assertThat(ErlangC.erlangB(5, 2)).isCloseTo(0.0367, within(1e-4));
  }

  @Test
  void shouldMatchTheTextbookCallCentreExample() {
    // 100 calls per 30 minutes, 180 s AHT = 10 Erlangs, target 80 % in 20 s.
    double a = 100.0 / 1800 * 180;
    assertThat(a).isCloseTo(10, within(1e-12));
    assertThat(ErlangC.probabilityOfWaiting(11, a)).isCloseTo(0.6821, within(1e-4));
    assertThat(ErlangC.serviceLevel(11, a, 180, 20)).isCloseTo(0.3896, within(1e-4));
    assertThat(ErlangC.serviceLevel(12, a, 180, 20)).isCloseTo(0.6402, within(1e-4));
    assertThat(ErlangC.serviceLevel(13, a, 180, 20)).isCloseTo(0.7956, within(1e-4));
    assertThat(ErlangC.serviceLevel(14, a, 180, 20)).isCloseTo(0.8884, within(1e-4));
    assertThat(ErlangC.averageSpeedOfAnswer(11, a, 180)).isCloseTo(122.8, within(0.1));
    assertThat(ErlangC.requiredAgents(100.0 / 1800, 180, 0.8, 20, 1000)).isEqualTo(14);
  }

  @Test
  void shouldAgreeWithTheLogSpaceReferenceAtTenHundredAndFiveHundredAgents() {
    int[][] cases = {{10, 8}, {100, 90}, {100, 100}, {500, 480}, {500, 520}};
    for (int[] c : cases) {
      double b = ErlangC.erlangB(c[0], c[1]);
      assertThat(b)
          .as("B(%d, %d)", c[0], c[1])
          .isCloseTo(referenceErlangB(c[0], c[1]), within(1e-12));
    }
    assertThat(ErlangC.erlangB(100, 100)).isCloseTo(0.0757, within(1e-4));
  }

  @Test
  void shouldStayFiniteAndMonotoneAtHundredsOfAgents() {
    double a = 480;
    double previousWait = 1.0;
    double previousSl = 0.0;
    for (int n = 481; n <= 560; n++) {
      double c = ErlangC.probabilityOfWaiting(n, a);
      double sl = ErlangC.serviceLevel(n, a, 300, 20);
      assertThat(c).isFinite().isBetween(0.0, 1.0).isLessThanOrEqualTo(previousWait);
      assertThat(sl).isFinite().isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previousSl);
      previousWait = c;
      previousSl = sl;
    }
    int n = ErlangC.requiredAgents(480.0 / 300, 300, 0.8, 20, 100_000);
    assertThat(n).isBetween(481, 520);
    assertThat(ErlangC.serviceLevel(n, a, 300, 20)).isGreaterThanOrEqualTo(0.8);
    assertThat(ErlangC.serviceLevel(n - 1, a, 300, 20)).isLessThan(0.8);
  }

  @Test
  void shouldNeedMoreAgentsAsLoadGrows() {
    int previous = 0;
    for (int callsPerHour = 0; callsPerHour <= 5000; callsPerHour += 250) {
      int n = ErlangC.requiredAgents(callsPerHour / 3600.0, 240, 0.9, 15, 100_000);
      assertThat(n).isGreaterThanOrEqualTo(previous);
      previous = n;
    }
    assertThat(ErlangC.requiredAgents(0, 240, 0.9, 15, 100)).isZero();
  }

  @Test
  void shouldTreatOverloadAsAlwaysWaiting() {
    assertThat(ErlangC.probabilityOfWaiting(5, 5)).isEqualTo(1.0);
    assertThat(ErlangC.serviceLevel(5, 6, 180, 20)).isZero();
    assertThat(ErlangC.averageSpeedOfAnswer(5, 6, 180)).isInfinite();
    assertThat(ErlangC.requiredAgents(10, 180, 0.8, 20, 100)).isEqualTo(101);
    assertThatThrownBy(() -> ErlangC.erlangB(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErlangC.erlangB(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
