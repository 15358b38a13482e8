package dev.switchboard.sim.agi;

/**
 * The channel side of a FastAGI session, as the {@link AgiClient} sees it. Implemented by the PBX;
 * every method is safe to call from the AGI session's own thread.
 */
public interface AgiChannel {

  /** A command arrived (the PBX emits {@code AGIExecStart}). */
  void commandStarted(int commandId, String command);

  /** A command was answered (the PBX emits {@code AGIExecEnd}). */
  void commandEnded(int commandId, String command, int resultCode, String result);

  /** {@code SET VARIABLE}: sets a channel variable (emits {@code VarSet}). */
  void setVariable(String name, String value);

  /** {@code GET VARIABLE}: reads a channel variable; {@code null} when unset. */
  String getVariable(String name);

  /** The digits the caller presses for this prompt (empty = none). */
  String nextDigits(String prompt);

  /** {@code HANGUP}: the script hangs the caller up. */
  void hangup();

  /** Whether the channel is gone (commands then get {@code 511}). */
  boolean isHungUp();

  /**
   * The session is over.
   *
   * @param status the {@code AGISTATUS}: SUCCESS, FAILURE (could not connect) or HANGUP
   */
  void finished(String status);
}
