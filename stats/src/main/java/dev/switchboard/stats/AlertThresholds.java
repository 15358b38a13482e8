package dev.switchboard.stats;

/**
 * When alerts are raised and cleared. Each has a raise level and a clear level so that a figure
 * hovering at the threshold does not flap.
 *
 * @param windowMinutes the sliding window (15, 30 or 60) service level and abandon rate are taken
 *     over
 * @param serviceLevelRaiseMarginPoints raise when SL &lt; target − this
 * @param serviceLevelHysteresisPoints clear when SL ≥ target − raise margin + this
 * @param minContacts fewest contacts in the window before SL or abandon rate can raise an alert
 * @param longestWaitRaiseSeconds raise when the longest wait exceeds this
 * @param longestWaitClearSeconds clear when it is at or below this
 * @param abandonRaisePercent raise when abandons (short ones excluded) / (answered + those
 *     abandons) reach this
 * @param abandonClearPercent clear when it is at or below this
 * @param waitingRaise raise when this many contacts wait or more
 * @param waitingClear clear when this many or fewer wait
 */
public record AlertThresholds(
    int windowMinutes,
    double serviceLevelRaiseMarginPoints,
    double serviceLevelHysteresisPoints,
    int minContacts,
    long longestWaitRaiseSeconds,
    long longestWaitClearSeconds,
    double abandonRaisePercent,
    double abandonClearPercent,
    int waitingRaise,
    int waitingClear) {

  public AlertThresholds {
    if (windowMinutes != 15 && windowMinutes != 30 && windowMinutes != 60) {
      throw new IllegalArgumentException(
          "windowMinutes must be 15, 30 or 60, got " + windowMinutes);
    }
    if (serviceLevelHysteresisPoints < 0) {
      throw new IllegalArgumentException("serviceLevelHysteresisPoints must be >= 0");
    }
    if (longestWaitClearSeconds > longestWaitRaiseSeconds) {
      throw new IllegalArgumentException("longestWaitClearSeconds must be <= raise level");
    }
    if (abandonClearPercent > abandonRaisePercent) {
      throw new IllegalArgumentException("abandonClearPercent must be <= raise level");
    }
    if (waitingClear > waitingRaise) {
      throw new IllegalArgumentException("waitingClear must be <= waitingRaise");
    }
  }

  /**
   * 30-minute window; SL below target raises, 5 points above clears; at least 10 contacts; longest
   * wait 120 s / 90 s; abandons 15 % / 10 %; 20 / 15 waiting.
   */
  public static AlertThresholds defaults() {
    return new AlertThresholds(30, 0, 5, 10, 120, 90, 15, 10, 20, 15);
  }
}
