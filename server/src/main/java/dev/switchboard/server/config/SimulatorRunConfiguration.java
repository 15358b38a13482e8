package dev.switchboard.server.config;

import java.time.LocalTime;

/**
 * The embedded PBX simulator the demo runs ({@code simulator}); ignored by {@code serve}.
 *
 * @param scenario {@code builtin:demo} or a path to a scenario file (docs/simulator.md)
 * @param timeScale simulated seconds per real second (1.0 = real time)
 * @param seed the random seed, so a run can be repeated
 * @param pbxId the configured PBX the simulator stands in for
 * @param startTime the UTC time of day the simulated clock starts at, today; {@code null} = now.
 *     The scenario's intraday profile follows this clock, so a fixed start shows the same traffic
 *     at any hour of the real day
 */
public record SimulatorRunConfiguration(
    String scenario, double timeScale, long seed, String pbxId, LocalTime startTime) {

  /** The slowest time scale the file and the demo's {@code --time-scale} accept. */
  public static final double MIN_TIME_SCALE = 0.01;

  /** The fastest. */
  public static final double MAX_TIME_SCALE = 1_000;

  /** A copy at another speed. */
  public SimulatorRunConfiguration withTimeScale(double scale) {
    return new SimulatorRunConfiguration(scenario, scale, seed, pbxId, startTime);
  }

  /** A copy whose simulated clock starts at another time of day ({@code null} = now). */
  public SimulatorRunConfiguration withStartTime(LocalTime start) {
    return new SimulatorRunConfiguration(scenario, timeScale, seed, pbxId, start);
  }
}
