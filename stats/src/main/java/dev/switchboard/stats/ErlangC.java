package dev.switchboard.stats;

/**
 * Erlang C queueing maths (M/M/N): probability of waiting, service level, average speed of answer
 * and the agents needed for a service-level target. Pure: every input is an argument.
 *
 * <p>Numerically stable at hundreds or thousands of agents: Erlang B is computed with the
 * recurrence {@code B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1))}, whose terms stay in [0, 1], and
 * Erlang C is derived from it as {@code C = N·B / (N − A·(1 − B))}. No factorial or power of A is
 * ever formed.
 */
public final class ErlangC {

  private ErlangC() {}

  /**
   * Erlang B blocking probability for {@code agents} servers offered {@code erlangs} of traffic.
   */
  public static double erlangB(int agents, double erlangs) {
    requireValid(agents, erlangs);
    double b = 1.0;
    for (int n = 1; n <= agents; n++) {
      b = erlangs * b / (n + erlangs * b);
    }
    return b;
  }

  /**
   * Probability that a contact has to wait (Erlang C). 1 when the agents cannot keep up ({@code
   * agents <= erlangs}).
   */
  public static double probabilityOfWaiting(int agents, double erlangs) {
    requireValid(agents, erlangs);
    if (erlangs == 0) {
      return 0;
    }
    if (agents <= erlangs) {
      return 1;
    }
    return waitingFromBlocking(agents, erlangs, erlangB(agents, erlangs));
  }

  private static double waitingFromBlocking(int agents, double erlangs, double b) {
    return agents * b / (agents - erlangs * (1 - b));
  }

  /**
   * The fraction of contacts answered within {@code targetSeconds}: {@code 1 − C·e^(−(N−A)·T/AHT)}.
   * 0 when the agents cannot keep up.
   */
  public static double serviceLevel(
      int agents, double erlangs, double handleSeconds, double targetSeconds) {
    requireValid(agents, erlangs);
    if (erlangs == 0) {
      return 1;
    }
    if (agents <= erlangs) {
      return 0;
    }
    double c = probabilityOfWaiting(agents, erlangs);
    return serviceLevelFrom(c, agents, erlangs, handleSeconds, targetSeconds);
  }

  private static double serviceLevelFrom(
      double c, int agents, double erlangs, double handleSeconds, double targetSeconds) {
    double sl = 1 - c * Math.exp(-(agents - erlangs) * targetSeconds / handleSeconds);
    return Math.max(0, Math.min(1, sl));
  }

  /**
   * Average speed of answer in seconds: {@code C·AHT / (N − A)}; infinite when the agents cannot
   * keep up.
   */
  public static double averageSpeedOfAnswer(int agents, double erlangs, double handleSeconds) {
    requireValid(agents, erlangs);
    if (erlangs == 0) {
      return 0;
    }
    if (agents <= erlangs) {
      return Double.POSITIVE_INFINITY;
    }
    return probabilityOfWaiting(agents, erlangs) * handleSeconds / (agents - erlangs);
  }

  /**
   * The fewest agents that meet a service-level target.
   *
   * @param arrivalsPerSecond the arrival rate
   * @param handleSeconds the average handle time
   * @param targetFraction the share to answer within {@code targetSeconds}, in (0, 1]
   * @param maxAgents give up above this (returns {@code maxAgents + 1})
   * @return the agents needed; 0 when nothing arrives
   */
  public static int requiredAgents(
      double arrivalsPerSecond,
      double handleSeconds,
      double targetFraction,
      double targetSeconds,
      int maxAgents) {
    if (arrivalsPerSecond < 0 || handleSeconds < 0 || !Double.isFinite(arrivalsPerSecond)) {
      throw new IllegalArgumentException("rates must be finite and non-negative");
    }
    double erlangs = arrivalsPerSecond * handleSeconds;
    if (erlangs == 0) {
      return 0;
    }
    // One pass: B(n) for increasing n is exactly the recurrence, so each candidate costs O(1).
    double b = 1.0;
    for (int n = 1; n <= maxAgents; n++) {
      b = erlangs * b / (n + erlangs * b);
      if (n > erlangs) {
        double c = waitingFromBlocking(n, erlangs, b);
        if (serviceLevelFrom(c, n, erlangs, handleSeconds, targetSeconds) >= targetFraction) {
          return n;
        }
      }
    }
    return maxAgents + 1;
  }

  private static void requireValid(int agents, double erlangs) {
    if (agents < 0) {
      throw new IllegalArgumentException("agents must be >= 0, got " + agents);
    }
    if (!(erlangs >= 0) || !Double.isFinite(erlangs)) {
      throw new IllegalArgumentException("traffic must be finite and >= 0, got " + erlangs);
    }
  }
}
