package dev.switchboard.sim.pbx;

/**
 * What the simulator saw happen, for tests and the load harness.
 *
 * @param callsStarted inbound calls created
 * @param answered inbound calls bridged to an agent (first time)
 * @param abandoned inbound calls the caller hung up before any agent answered
 * @param callbacks originated callbacks where the agent answered
 * @param surveys survey AGI sessions that ran
 */
public record SimulatorCounters(
    long callsStarted, long answered, long abandoned, long callbacks, long surveys) {}
