package dev.switchboard.sim.pbx;

/**
 * What a simulated caller does: the digits it presses in the FastAGI scripts, when it gives up
 * waiting and when it hangs up in a conversation. Decided when the call is created (from the seeded
 * random source), so a run is reproducible.
 */
public interface CallerScript {

  /**
   * The digits pressed for the next prompt of an AGI script.
   *
   * @param script the script name from the AGI URL ({@code ivr}, {@code callback}, {@code survey})
   * @param prompt the prompt file (or empty) the script played
   * @return the digits, or empty when the caller presses nothing (timeout)
   */
  String nextDigits(String script, String prompt);

  /**
   * Ms after the answer when the caller hangs up unless connected to an agent; negative = never.
   */
  long abandonAfterMs();

  /** Ms after being bridged when the caller hangs up first; negative = waits for the agent. */
  long talkLimitMs();

  /** A script for tests: presses nothing, never abandons, never hangs up first. */
  static CallerScript patient() {
    return new CallerScript() {
      @Override
      public String nextDigits(String script, String prompt) {
        return "";
      }

      @Override
      public long abandonAfterMs() {
        return -1;
      }

      @Override
      public long talkLimitMs() {
        return -1;
      }
    };
  }
}
