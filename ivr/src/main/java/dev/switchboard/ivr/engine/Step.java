package dev.switchboard.ivr.engine;

import dev.switchboard.router.api.Command;
import java.util.List;
import java.util.Objects;

/**
 * What the menu engine wants done next. The FastAGI glue carries it out and answers with an {@link
 * Input}. Prompt names here are already resolved to the caller's language ({@code fr/welcome}).
 */
public sealed interface Step {

  /** True for the steps that end the session (nothing more is asked of the engine). */
  default boolean terminal() {
    return false;
  }

  /** Play prompts in order; answered by {@link Input.Ack}. */
  record Play(List<String> prompts) implements Step {
    public Play {
      prompts = List.copyOf(prompts);
    }
  }

  /**
   * Play a prompt and collect up to {@code maxDigits} digits (ended early by {@code #}); answered
   * by {@link Input.Digits}.
   */
  record PromptAndCollect(String prompt, int maxDigits, long timeoutMs) implements Step {
    public PromptAndCollect {
      Objects.requireNonNull(prompt, "prompt");
    }
  }

  /** Say a number ("twelve"); answered by {@link Input.Ack}. */
  record SayNumber(long number) implements Step {}

  /** Say digits one by one ("zero six one two"); answered by {@link Input.Ack}. */
  record SayDigits(String digits) implements Step {
    public SayDigits {
      Objects.requireNonNull(digits, "digits");
    }
  }

  /** Set a channel variable; answered by {@link Input.Ack}. */
  record SetVariable(String name, String value) implements Step {
    public SetVariable {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** Hand a command to the router; answered by {@link Input.Published}. */
  record Publish(Command command) implements Step {
    public Publish {
      Objects.requireNonNull(command, "command");
    }
  }

  /** Ask the wait estimator about a queue; answered by {@link Input.WaitEstimated}. */
  record EstimateWait(String queueId) implements Step {
    public EstimateWait {
      Objects.requireNonNull(queueId, "queueId");
    }
  }

  /**
   * Look a customer up by phone number ({@code byPhone}) or by account; answered by {@link
   * Input.CustomerFound} or {@link Input.CustomerNotFound}.
   */
  record LookupCustomer(boolean byPhone, String key) implements Step {
    public LookupCustomer {
      Objects.requireNonNull(key, "key");
    }
  }

  /** Send the caller out of Switchboard to this number, then end the session. */
  record Transfer(String number) implements Step {
    public Transfer {
      Objects.requireNonNull(number, "number");
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** Hang the caller up and end the session. */
  record Hangup() implements Step {
    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** End the session and let the dialplan continue (to the wait context). */
  record Return() implements Step {
    @Override
    public boolean terminal() {
      return true;
    }
  }
}
