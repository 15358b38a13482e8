package dev.switchboard.sim.traffic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A Poisson arrival process with an optional piecewise-constant intraday profile, sampled by
 * thinning (candidates at the peak rate, each kept with probability rate(t) / peak). Pure: time and
 * randomness are arguments.
 */
public final class ArrivalProcess {

  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  private final double callsPerHour;
  private final double[] multiplierByHour = new double[24];
  private final double peakMultiplier;

  /**
   * @param callsPerHour base rate
   * @param intraday profile points (hour, multiplier); empty = flat
   */
  public ArrivalProcess(double callsPerHour, List<SimulationScenario.IntradayPoint> intraday) {
    this.callsPerHour = callsPerHour;
    double peak = 0;
    for (int h = 0; h < 24; h++) {
      double m = 1.0;
      int best = -1;
      for (SimulationScenario.IntradayPoint p : intraday) {
        if (p.hour() <= h && p.hour() > best) {
          best = p.hour();
          m = p.multiplier();
        }
      }
      multiplierByHour[h] = m;
      peak = Math.max(peak, m);
    }
    this.peakMultiplier = peak;
  }

  /** The rate multiplier in force at an epoch-ms time (hour of day in UTC). */
  public double multiplierAt(long epochMs) {
    int hour = (int) (Math.floorMod(epochMs, DAY_MS) / HOUR_MS);
    return multiplierByHour[hour];
  }

  /**
   * The time of the next arrival after {@code nowMs}, or {@code Long.MAX_VALUE} if the rate is zero
   * all day.
   */
  public long nextArrivalMs(long nowMs, SplittableRandom random) {
    double peakRatePerMs = callsPerHour * peakMultiplier / HOUR_MS;
    if (peakRatePerMs <= 0) {
      return Long.MAX_VALUE;
    }
    double t = nowMs;
    for (int guard = 0; guard < 1_000_000; guard++) {
      t += Distributions.exponential(random, 1.0 / peakRatePerMs);
      double accept = multiplierAt((long) t) / peakMultiplier;
      if (random.nextDouble() < accept) {
        return (long) Math.ceil(t);
      }
    }
    return Long.MAX_VALUE;
  }
}
