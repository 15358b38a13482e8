package dev.switchboard.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Where "today" begins: the statistics day starts at a configured local time in a configured zone
 * (e.g. 06:00 Europe/Paris), so a night shift is not split at midnight. Pure: time is an argument.
 */
public final class BusinessDay {

  private final ZoneId zone;
  private final LocalTime dayStart;

  /** A day that starts at {@code dayStart} local time in {@code zone}. */
  public BusinessDay(ZoneId zone, LocalTime dayStart) {
    this.zone = zone;
    this.dayStart = dayStart;
  }

  /** The start (epoch ms) of the statistics day that contains {@code timeMs}. */
  public long startOf(long timeMs) {
    ZonedDateTime at = Instant.ofEpochMilli(timeMs).atZone(zone);
    LocalDate date = at.toLocalDate();
    long start = date.atTime(dayStart).atZone(zone).toInstant().toEpochMilli();
    if (start > timeMs) {
      start = date.minusDays(1).atTime(dayStart).atZone(zone).toInstant().toEpochMilli();
    }
    return start;
  }

  /** The start (epoch ms) of the statistics day after the one that contains {@code timeMs}. */
  public long endOf(long timeMs) {
    LocalDate next = dateOf(timeMs).plusDays(1);
    return next.atTime(dayStart).atZone(zone).toInstant().toEpochMilli();
  }

  /** The start (epoch ms) of the statistics day named {@code date}. */
  public long startOfDate(LocalDate date) {
    return date.atTime(dayStart).atZone(zone).toInstant().toEpochMilli();
  }

  /** The local date the statistics day containing {@code timeMs} is named after. */
  public LocalDate dateOf(long timeMs) {
    return Instant.ofEpochMilli(startOf(timeMs)).atZone(zone).toLocalDate();
  }

  /** The zone. */
  public ZoneId zone() {
    return zone;
  }
}
