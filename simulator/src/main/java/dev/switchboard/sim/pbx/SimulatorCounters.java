package dev.switchboard.sim.pbx;

/**
 * What the simulator saw happen, for tests and the load harness.
 *
 * @param callsStarted inbound calls created
 * @param answered inbound calls bridged to an agent (first time); an overflow destination that
 *     answers (voicemail, a number outside) is not an agent
 * @param abandoned inbound calls the caller hung up before any agent answered
 * @param overflowed inbound calls the router sent to the overflow context (to a number or to be
 *     hung up); an overflow to another queue never reaches the PBX and is not counted
 * @param callsEnded inbound calls whose caller channel has hung up, however the call ended
 * @param callbacks originated callbacks where the agent answered
 * @param surveys survey AGI sessions that ran
 */
public record SimulatorCounters(
    long callsStarted,
    long answered,
    long abandoned,
    long overflowed,
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
