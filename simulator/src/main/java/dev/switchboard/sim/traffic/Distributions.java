package dev.switchboard.sim.traffic;

import java.util.List;
import java.util.SplittableRandom;

/** Random draws used by the traffic model. Pure: the random source is always passed in. */
public final class Distributions {

  private Distributions() {}

  /** An exponential draw with the given mean. */
  public static double exponential(SplittableRandom random, double mean) {
    return -mean * Math.log(1.0 - random.nextDouble());
  }

  /** A lognormal draw with the given mean and shape sigma. */
  public static double lognormal(SplittableRandom random, double mean, double sigma) {
    double mu = Math.log(mean) - sigma * sigma / 2;
    return Math.exp(mu + sigma * gaussian(random));
  }

  /** A standard normal draw (Box–Muller). */
  public static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** True with probability p. */
  public static boolean chance(SplittableRandom random, double p) {
    return p > 0 && random.nextDouble() < p;
  }

  /** An index chosen with the given (non-negative, not all zero) weights. */
  public static int weighted(SplittableRandom random, List<Double> weights) {
    double total = 0;
    for (double w : weights) {
      total += Math.max(0, w);
    }
    if (total <= 0) {
      return 0;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.size(); i++) {
      x -= Math.max(0, weights.get(i));
      if (x < 0) {
        return i;
      }
    }
    return weights.size() - 1;
  }

  /** Replaces each {@code #} of a pattern with a random digit. */
  public static String digits(SplittableRandom random, String pattern) {
    StringBuilder sb = new StringBuilder(pattern.length());
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      sb.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
    }
    return sb.toString();
  }
}
