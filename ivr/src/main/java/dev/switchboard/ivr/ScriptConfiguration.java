package dev.switchboard.ivr;

import java.util.Objects;

/**
 * Prompts and limits of the built-in dialogues: the callback offer (used by queue nodes and by the
 * {@code callback} script) and the 1–5 survey (the {@code survey} script).
 *
 * @param callbackOfferPrompt "press 1 to be called back instead of waiting"
 * @param callbackConfirmPrompt "we will call you back at" (followed by the number, digit by digit)
 * @param callbackConfirmMenuPrompt "press 1 to confirm, 2 to enter another number"
 * @param callbackNumberPrompt "key the number to call, then hash"
 * @param callbackThanksPrompt "thank you, we will call you back"
 * @param callbackNumberMinDigits shortest number accepted
 * @param callbackNumberMaxDigits longest number accepted
 * @param surveyPrompt "rate this call from 1 to 5"
 * @param surveyThanksPrompt "thank you for your feedback"
 * @param invalidPrompt played before a dialogue asks again
 * @param positionPrompt "you are number" (followed by the position)
 * @param waitPrompt "your expected wait is" (followed by the minutes)
 * @param minutesPrompt "minutes"
 * @param retries how many times a dialogue asks again after no or bad input
 * @param timeoutMs how long a dialogue waits for a digit
 */
public record ScriptConfiguration(
    String callbackOfferPrompt,
    String callbackConfirmPrompt,
    String callbackConfirmMenuPrompt,
    String callbackNumberPrompt,
    String callbackThanksPrompt,
    int callbackNumberMinDigits,
    int callbackNumberMaxDigits,
    String surveyPrompt,
    String surveyThanksPrompt,
    String invalidPrompt,
    String positionPrompt,
    String waitPrompt,
    String minutesPrompt,
    int retries,
    long timeoutMs) {

  public ScriptConfiguration {
    Objects.requireNonNull(callbackOfferPrompt, "callbackOfferPrompt");
    Objects.requireNonNull(callbackConfirmPrompt, "callbackConfirmPrompt");
    Objects.requireNonNull(callbackConfirmMenuPrompt, "callbackConfirmMenuPrompt");
    Objects.requireNonNull(callbackNumberPrompt, "callbackNumberPrompt");
    Objects.requireNonNull(callbackThanksPrompt, "callbackThanksPrompt");
    Objects.requireNonNull(surveyPrompt, "surveyPrompt");
    Objects.requireNonNull(surveyThanksPrompt, "surveyThanksPrompt");
    Objects.requireNonNull(invalidPrompt, "invalidPrompt");
    Objects.requireNonNull(positionPrompt, "positionPrompt");
    Objects.requireNonNull(waitPrompt, "waitPrompt");
    Objects.requireNonNull(minutesPrompt, "minutesPrompt");
  }

  /** The default prompt names (documented in docs/ivr.md) and limits. */
  public static ScriptConfiguration defaults() {
    return new ScriptConfiguration(
        "callback-offer",
        "callback-confirm",
        "callback-confirm-menu",
        "callback-number",
        "callback-thanks",
        3,
        15,
        "survey",
        "survey-thanks",
        "invalid",
        "queue-position",
        "queue-wait",
        "minutes",
        2,
        5000);
  }

  /** Every prompt these dialogues may play, to check against the declared prompt lists. */
  public java.util.List<String> prompts() {
    return java.util.List.of(
        callbackOfferPrompt,
        callbackConfirmPrompt,
        callbackConfirmMenuPrompt,
        callbackNumberPrompt,
        callbackThanksPrompt,
        surveyPrompt,
        surveyThanksPrompt,
        invalidPrompt,
        positionPrompt,
        waitPrompt,
        minutesPrompt);
  }
}
