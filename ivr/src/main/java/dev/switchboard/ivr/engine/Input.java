package dev.switchboard.ivr.engine;

import dev.switchboard.ivr.Customer;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.util.Objects;

/** What happened when the glue carried out the engine's last {@link Step}. */
public sealed interface Input {

  /** The step was done (played, said, set). */
  record Ack() implements Input {}

  /** The single acknowledgement. */
  Ack ACK = new Ack();

  /**
   * The digits the caller keyed ({@code #} not included), possibly none; {@code timedOut} when the
   * caller stopped before the maximum.
   */
  record Digits(String digits, boolean timedOut) implements Input {
    public Digits {
      Objects.requireNonNull(digits, "digits");
    }

    /** No digit before the timeout. */
    public static Digits none() {
      return new Digits("", true);
    }
  }

  /** The router took ({@code accepted}) or refused the published command. */
  record Published(boolean accepted) implements Input {}

  /** The wait estimator's answer. */
  record WaitEstimated(WaitEstimate estimate) implements Input {
    public WaitEstimated {
      Objects.requireNonNull(estimate, "estimate");
    }
  }

  /** The directory knows the customer. */
  record CustomerFound(Customer customer) implements Input {
    public CustomerFound {
      Objects.requireNonNull(customer, "customer");
    }
  }

  /** The directory does not know the customer. */
  record CustomerNotFound() implements Input {}
}
