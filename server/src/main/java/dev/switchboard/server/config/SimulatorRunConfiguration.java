package dev.switchboard.server.config;

/**
 * The embedded PBX simulator the demo runs ({@code simulator}); ignored by {@code serve}.
 *
 * @param scenario {@code builtin:demo} or a path to a scenario file (docs/simulator.md)
 * @param timeScale simulated seconds per real second (1.0 = real time)
 * @param seed the random seed, so a run can be repeated
 * @param pbxId the configured PBX the simulator stands in for
 */
public record SimulatorRunConfiguration(
    String scenario, double timeScale, long seed, String pbxId) {}
