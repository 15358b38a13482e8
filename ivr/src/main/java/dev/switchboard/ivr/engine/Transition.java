package dev.switchboard.ivr.engine;

import java.util.Objects;

/** The engine's answer: the session's new state and the step to carry out. */
public record Transition(SessionState state, Step step) {
  public Transition {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(step, "step");
  }

  /** True when the step ends the session. */
  public boolean terminal() {
    return step.terminal();
  }
}
