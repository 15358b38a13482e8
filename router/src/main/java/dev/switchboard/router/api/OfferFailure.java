package dev.switchboard.router.api;

/** Why an offer to an agent was not taken. */
public enum OfferFailure implements Coded {
  /** The agent's phone rang out (ring-no-answer). */
  NO_ANSWER(1, "no answer"),
  /** The agent's phone was busy. */
  BUSY(2, "busy"),
  /** The PBX action that should have rung the agent failed. */
  ACTION_FAILED(3, "offer failed"),
  /** The agent's device is unreachable. */
  UNAVAILABLE(4, "unavailable");

  private final int code;
  private final String pauseReason;

  OfferFailure(int code, String pauseReason) {
    this.code = code;
    this.pauseReason = pauseReason;
  }

  @Override
  public int code() {
    return code;
  }

  /** The pause reason the agent gets. */
  public String pauseReason() {
    return pauseReason;
  }
}
