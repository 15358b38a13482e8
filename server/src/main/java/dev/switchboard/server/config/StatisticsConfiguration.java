package dev.switchboard.server.config;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Statistics settings ({@code stats}); the alert fields map one to one onto the stats module's
 * {@code AlertThresholds} (docs/statistics.md says what each alert measures).
 *
 * @param zone the time zone of "today" and of the 15-minute intervals
 * @param dayStart local time at which "today" resets
 * @param eventLogFile where the contact/agent event log is appended, or null for none
 * @param windowMinutes the sliding window (15, 30 or 60) SL and abandon-rate alerts look at
 * @param serviceLevelMarginPoints raise when SL is below target minus this many points
 * @param serviceLevelHysteresisPoints clear once SL is this many points above the raise level
 * @param minContacts fewest contacts in the window before SL or abandon rate can raise an alert
 * @param longestWaitSeconds raise above {@code raise} s, clear at or below {@code clear}
 * @param abandonRatePercent raise at {@code raise} %, clear at or below {@code clear}
 * @param waiting raise when {@code raise} contacts wait, clear at or below {@code clear}
 */
public record StatisticsConfiguration(
    ZoneId zone,
    LocalTime dayStart,
    Path eventLogFile,
    int windowMinutes,
    double serviceLevelMarginPoints,
    double serviceLevelHysteresisPoints,
    int minContacts,
    Threshold longestWaitSeconds,
    Threshold abandonRatePercent,
    Threshold waiting) {

  /**
   * An alert threshold with hysteresis: raised when the value crosses {@code raise}, cleared only
   * once it is back past {@code clear}, so an alert does not flap around one value.
   */
  public record Threshold(double raise, double clear) {}
}
