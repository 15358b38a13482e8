package dev.switchboard.stats;

import dev.switchboard.router.api.TimeSource;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How statistics are kept.
 *
 * @param zone the zone the statistics day and intervals follow
 * @param dayStart the local time "today" starts (and its counters reset)
 * @param intervalMinutes length of history intervals (divides a day: 5, 10, 15, 30, 60)
 * @param historyIntervals closed intervals kept per queue (empty intervals are not stored)
 * @param contactHistoryLimit finished contacts whose history is kept (oldest forgotten first)
 * @param alerts alert thresholds
 * @param alertCheckIntervalMs how often time-driven alerts (longest wait…) are checked by a
 *     background thread; 0 = only when events arrive or {@link StatsService#tick} is called
 * @param eventLogFile where the event log is appended (JSON lines), or null for none
 * @param clock what gauges and the alert checker read "now" from (tests pass a virtual clock)
 */
public record StatsConfiguration(
    ZoneId zone,
    LocalTime dayStart,
    int intervalMinutes,
    int historyIntervals,
    int contactHistoryLimit,
    AlertThresholds alerts,
    long alertCheckIntervalMs,
    Path eventLogFile,
    TimeSource clock) {

  public StatsConfiguration {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(dayStart, "dayStart");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(clock, "clock");
    if (intervalMinutes < 1 || intervalMinutes > 60 || 1440 % intervalMinutes != 0) {
      throw new IllegalArgumentException(
          "intervalMinutes must divide a day and be 1-60, got " + intervalMinutes);
    }
    if (historyIntervals < 1) {
      throw new IllegalArgumentException("historyIntervals must be >= 1, got " + historyIntervals);
    }
    if (contactHistoryLimit < 0) {
      throw new IllegalArgumentException(
          "contactHistoryLimit must be >= 0, got " + contactHistoryLimit);
    }
    if (alertCheckIntervalMs < 0) {
      throw new IllegalArgumentException(
          "alertCheckIntervalMs must be >= 0, got " + alertCheckIntervalMs);
    }
  }

  /**
   * UTC, day from midnight, 15-minute intervals kept 8 days, 10,000 finished contacts, default
   * alerts, no background checker, no event log, the wall clock.
   */
  public static StatsConfiguration defaults() {
    return new StatsConfiguration(
        ZoneId.of("UTC"),
        LocalTime.MIDNIGHT,
        15,
        8 * 96,
        10_000,
        AlertThresholds.defaults(),
        0,
        null,
        TimeSource.SYSTEM);
  }

  /** This configuration with another zone and day start. */
  public StatsConfiguration withDay(ZoneId newZone, LocalTime newDayStart) {
    return new StatsConfiguration(
        newZone,
        newDayStart,
        intervalMinutes,
        historyIntervals,
        contactHistoryLimit,
        alerts,
        alertCheckIntervalMs,
        eventLogFile,
        clock);
  }

  /** This configuration with other alert thresholds. */
  public StatsConfiguration withAlerts(AlertThresholds newAlerts) {
    return new StatsConfiguration(
        zone,
        dayStart,
        intervalMinutes,
        historyIntervals,
        contactHistoryLimit,
        newAlerts,
        alertCheckIntervalMs,
        eventLogFile,
        clock);
  }

  /** This configuration writing the event log to {@code file}. */
  public StatsConfiguration withEventLog(Path file) {
    return new StatsConfiguration(
        zone,
        dayStart,
        intervalMinutes,
        historyIntervals,
        contactHistoryLimit,
        alerts,
        alertCheckIntervalMs,
        file,
        clock);
  }

  /** This configuration reading time from {@code newClock}, checking alerts every {@code ms}. */
  public StatsConfiguration withClock(TimeSource newClock, long checkIntervalMs) {
    return new StatsConfiguration(
        zone,
        dayStart,
        intervalMinutes,
        historyIntervals,
        contactHistoryLimit,
        alerts,
        checkIntervalMs,
        eventLogFile,
        newClock);
  }
}
