package dev.switchboard.server.config;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Statistics settings ({@code stats}).
 *
 * @param zone the time zone of "today" and of the 15-minute intervals
 * @param dayStart local time at which "today" resets
 * @param serviceLevelPercent alert when a queue's SL falls below {@code raise} %, clear above
 *     {@code clear} %
 * @param longestWaitSeconds alert when the longest wait passes {@code raise} s, clear below {@code
 *     clear}
 * @param abandonRatePercent alert when the abandon rate passes {@code raise} %, clear below
 * @param waiting alert when more than {@code raise} contacts wait, clear below
 */
public record StatisticsConfiguration(
    ZoneId zone,
    LocalTime dayStart,
    Threshold serviceLevelPercent,
    Threshold longestWaitSeconds,
    Threshold abandonRatePercent,
    Threshold waiting) {

  /**
   * An alert threshold with hysteresis: raised when the value crosses {@code raise}, cleared only
   * once it is back past {@code clear}, so an alert does not flap around one value.
   */
  public record Threshold(double raise, double clear) {}
}
