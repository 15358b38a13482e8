package dev.switchboard.ivr;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Opening hours per weekday plus closed days, read in a time zone. Pure: the instant to test comes
 * in as an argument.
 *
 * @param id the calendar's name
 * @param zone the zone the hours are written in, or null to use the entry point's zone
 * @param hours weekday → open ranges; a day without ranges is closed
 * @param holidays dates (in {@code zone}) closed all day
 */
public record BusinessCalendar(
    String id, ZoneId zone, Map<DayOfWeek, List<TimeRange>> hours, Set<LocalDate> holidays) {

  public BusinessCalendar {
    Objects.requireNonNull(id, "id");
    EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
    hours.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
    hours = java.util.Collections.unmodifiableMap(copy);
    holidays = Set.copyOf(holidays);
  }

  /** True when the calendar is open at {@code epochMs}, read in its zone or else {@code zone}. */
  public boolean isOpen(long epochMs, ZoneId fallbackZone) {
    ZonedDateTime local = Instant.ofEpochMilli(epochMs).atZone(zone != null ? zone : fallbackZone);
    if (holidays.contains(local.toLocalDate())) {
      return false;
    }
    LocalTime time = local.toLocalTime();
    for (TimeRange range : hours.getOrDefault(local.getDayOfWeek(), List.of())) {
      if (range.contains(time)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A half-open range of the day, {@code [from, to)}; {@code to} of 24:00 is written as {@link
   * LocalTime#MAX}.
   */
  public record TimeRange(LocalTime from, LocalTime to) {
    public TimeRange {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("range must end after it starts: " + from + "-" + to);
      }
    }

    /** True when {@code time} is inside the range. */
    public boolean contains(LocalTime time) {
      return !time.isBefore(from) && (time.isBefore(to) || to.equals(LocalTime.MAX));
    }
  }
}
