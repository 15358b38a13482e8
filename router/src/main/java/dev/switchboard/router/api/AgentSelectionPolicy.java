package dev.switchboard.router.api;

/** How a queue picks among several ready agents that qualify for a contact. */
public enum AgentSelectionPolicy implements Coded {
  /** The agent that has been ready the longest (the default). */
  LONGEST_IDLE(1),
  /** The agent with the least talk time since login, so work is spread evenly. */
  LEAST_OCCUPIED(2),
  /** The agent with the highest level in the queue's skills; longest idle among equals. */
  MOST_SKILLED(3),
  /** The agent offered a contact least recently. */
  ROUND_ROBIN(4);

  private final int code;

  AgentSelectionPolicy(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
