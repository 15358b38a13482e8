package dev.switchboard.sim.pbx;

/**
 * What the simulator saw happen, for tests and the load harness.
 *
 * @param callsStarted inbound calls created
 * @param answered inbound calls bridged to an agent (first time)
 * @param abandoned inbound calls the caller hung up before any agent answered
 * @param callsEnded inbound calls whose caller channel has hung up, however the call ended
 * @param callbacks originated callbacks where the agent answered
 * @param surveys survey AGI sessions that ran
 */
public record SimulatorCounters(
    long callsStarted,
    long answered,
    long abandoned,
    long callsEnded,
    long callbacks,
    long surveys) {

  /**
   * Inbound calls still on the PBX: in the IVR, waiting, ringing or talking. Zero once arrivals
   * have stopped and every caller has gone; what a test waits for before it compares totals.
   */
  public long callsInProgress() {
    return callsStarted - callsEnded;
  }
}
