package dev.switchboard.router.api;

import java.util.Objects;

/** Where a contact goes when it leaves a queue for good (maximum wait or length exceeded). */
public sealed interface OverflowAction {

  /** Move to another queue, keeping the original arrival time; the contact stays routed. */
  record ToQueue(String queueId) implements OverflowAction {
    public ToQueue {
      Objects.requireNonNull(queueId, "queueId");
    }
  }

  /** Transfer out of Switchboard to a number or dialplan extension (voicemail, another site). */
  record ToNumber(String number) implements OverflowAction {
    public ToNumber {
      Objects.requireNonNull(number, "number");
    }
  }

  /** Play the closing announcement and hang up. */
  record Disconnect() implements OverflowAction {}
}
