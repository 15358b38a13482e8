package dev.switchboard.server.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.engine.RoutingStateMachine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The what-if simulation against queueing theory: one queue, Poisson arrivals, exponential handle
 * times, no abandons, N agents is exactly the M/M/N model, whose service level Erlang C gives in
 * closed form.
 *
 * <p>Why 1 percentage point is a fair tolerance: the simulated service level is a mean of strongly
 * correlated 0/1 outcomes (callers arriving during a busy spell all wait), so its error is
 * estimated by batch means — 40 batches of 10 hours, whose hourly means are close to independent at
 * this load (a busy spell lasts minutes). The test asserts that the standard error is below 0.25
 * points, so the 1-point tolerance is at least four standard errors: a correct engine fails it with
 * a probability well under 1 in 10,000, and an engine that routed wrongly (idle agents while
 * callers wait, or a wrong queue discipline that changes who waits) moves the figure by several
 * points.
 */
class WhatIfErlangCTest {

  private static final int AGENTS = 10;
  private static final double HANDLE_SECONDS = 30;
  private static final double CALLS_PER_HOUR = 840; // 7 erlangs on 10 agents: 70 % occupancy
  private static final int TARGET_SECONDS = 5;
  private static final int HOURS = 600;
  private static final int BATCHES = 40;

  @Test
  void shouldMatchErlangCServiceLevelWithinOnePoint() throws Exception {
    String yaml =
        """
        name: erlang-check
        seed: 7
        startHour: 0
        durationHours: %d
        intervalMinutes: 60
        tickMillis: 5000
        queues:
          - id: q
            skills: {voice: 1}
            serviceLevelPercent: 80
            targetSeconds: %d
            shortAbandonSeconds: 0
        traffic:
          - queue: q
            callsPerHour: %s
            handleSeconds: %s
        agents:
          - name: a
            count: %d
            skills: {voice: 5}
        """
            .formatted(HOURS, TARGET_SECONDS, CALLS_PER_HOUR, HANDLE_SECONDS, AGENTS);
    WhatIfScenario scenario = WhatIfScenarioLoader.parse(yaml, "erlang-check");

    WhatIfReport report = WhatIfSimulation.run(scenario, RoutingStateMachine::new);

    WhatIfReport.QueueResult queue = report.queues().get(0);
    assertThat(queue.total().abandoned()).isZero();
    assertThat(queue.total().answered()).isEqualTo(queue.total().offered());
    double simulated = queue.total().serviceLevelPercent();
    double expected = 100 * erlangCServiceLevel(AGENTS, CALLS_PER_HOUR, HANDLE_SECONDS);

    double standardError = batchStandardError(queue.intervals());
    assertThat(standardError).as("batch-means standard error (points)").isLessThan(0.25);
    assertThat(simulated)
        .as("simulated SL vs Erlang C %.2f", expected)
        .isCloseTo(expected, within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1.0);
  }

  /** The standard error of the service level (in points) from batch means over the hours. */
  private static double batchStandardError(List<WhatIfReport.Interval> hours) {
    int perBatch = HOURS / BATCHES;
    double[] means = new double[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
      long inTarget = 0;
      long answered = 0;
      for (int h = b * perBatch; h < (b + 1) * perBatch; h++) {
        inTarget += hours.get(h).figures().answeredInTarget();
        answered += hours.get(h).figures().answered();
      }
      means[b] = 100.0 * inTarget / answered;
    }
    double mean = 0;
    for (double m : means) {
      mean += m / BATCHES;
    }
    double variance = 0;
    for (double m : means) {
      variance += (m - mean) * (m - mean) / (BATCHES - 1);
    }
    return Math.sqrt(variance / BATCHES);
  }

  /**
   * P(wait ≤ T) in M/M/N: 1 − C(N, A)·e^(−(N − A)·T / AHT), with Erlang C from the Erlang B
   * recursion (written here independently of the statistics module, on purpose).
   */
  static double erlangCServiceLevel(int agents, double callsPerHour, double handleSeconds) {
    double load = callsPerHour * handleSeconds / 3600.0;
    double erlangB = 1.0;
    for (int k = 1; k <= agents; k++) {
      erlangB = load * erlangB / (k + load * erlangB);
    }
    double erlangC = agents * erlangB / (agents - load * (1 - erlangB));
    return 1 - erlangC * Math.exp(-(agents - load) * TARGET_SECONDS / handleSeconds);
  }

  @Test
  void shouldComputeKnownErlangCValue() {
    // Textbook check of the reference formula itself: A = 2 erlangs on 3 agents → C = 4/9.
    double load = 2.0;
    double erlangB = 1.0;
    for (int k = 1; k <= 3; k++) {
      erlangB = load * erlangB / (k + load * erlangB);
    }
    double erlangC = 3 * erlangB / (3 - load * (1 - erlangB));
    assertThat(erlangC).isCloseTo(4.0 / 9.0, org.assertj.core.data.Offset.offset(1e-12));
  }
}
