package dev.switchboard.router.api;

/** The state of an agent as the router sees it. */
public enum AgentState implements Coded {
  /** Not working; never offered a contact. */
  LOGGED_OUT(0),
  /** Waiting for a contact. */
  READY(1),
  /** A contact has been offered (the agent's phone rings); not offered anything else meanwhile. */
  RESERVED(2),
  /** Talking (or chatting) with a contact. */
  BUSY(3),
  /** After-call work; offered again when wrap-up ends. */
  WRAP_UP(4),
  /** Not ready, with a reason (break, training, "no answer" after a ring-no-answer…). */
  PAUSED(5);

  private final int code;

  AgentState(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
