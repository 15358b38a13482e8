package dev.switchboard.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static long utc(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  static BusinessCalendar weekdays(ZoneId zone, Set<LocalDate> holidays) {
    BusinessCalendar.TimeRange day =
        new BusinessCalendar.TimeRange(LocalTime.of(9, 0), LocalTime.of(17, 0));
    return new BusinessCalendar(
        "c",
        zone,
        Map.of(
            DayOfWeek.MONDAY, List.of(day),
            DayOfWeek.TUESDAY, List.of(day),
            DayOfWeek.WEDNESDAY, List.of(day),
            DayOfWeek.THURSDAY, List.of(day),
            DayOfWeek.FRIDAY, List.of(day)),
        holidays);
  }

  @Test
  void shouldUseTheEntryZoneWhenTheCalendarHasNone() {
    BusinessCalendar c = weekdays(null, Set.of());
    long monday15Utc = utc("2026-11-23T15:00:00Z"); // 16:00 Paris, 10:00 New York
    assertThat(c.isOpen(monday15Utc, PARIS)).isTrue();
    assertThat(c.isOpen(monday15Utc, NEW_YORK)).isTrue();
    long monday20Utc = utc("2026-11-23T20:00:00Z"); // 21:00 Paris, 15:00 New York
    assertThat(c.isOpen(monday20Utc, PARIS)).isFalse();
    assertThat(c.isOpen(monday20Utc, NEW_YORK)).isTrue();
  }

  @Test
  void shouldPreferItsOwnZoneOverTheFallback() {
    BusinessCalendar c = weekdays(NEW_YORK, Set.of());
    assertThat(c.isOpen(utc("2026-11-23T20:00:00Z"), PARIS)).isTrue();
  }

  @Test
  void shouldReadHolidaysAsLocalDates() {
    BusinessCalendar c = weekdays(PARIS, Set.of(LocalDate.parse("2026-12-25")));
    // Friday 25 December 08:30 UTC = 09:30 in Paris: a holiday there.
    assertThat(c.isOpen(utc("2026-12-25T08:30:00Z"), PARIS)).isFalse();
    // Thursday 24 December 15:00 UTC = 16:00 in Paris: open.
    assertThat(c.isOpen(utc("2026-12-24T15:00:00Z"), PARIS)).isTrue();
  }

  @Test
  void shouldTreatRangesAsHalfOpenAndAllowEndOfDay() {
    BusinessCalendar.TimeRange r =
        new BusinessCalendar.TimeRange(LocalTime.of(9, 0), LocalTime.of(17, 0));
    assertThat(r.contains(LocalTime.of(9, 0))).isTrue();
    assertThat(r.contains(LocalTime.of(16, 59, 59))).isTrue();
    assertThat(r.contains(LocalTime.of(17, 0))).isFalse();
    BusinessCalendar.TimeRange late =
        new BusinessCalendar.TimeRange(LocalTime.of(20, 0), LocalTime.MAX);
    assertThat(late.contains(LocalTime.of(23, 59, 59))).isTrue();
  }

  @Test
  void shouldFollowDaylightSavingTime() {
    BusinessCalendar c = weekdays(PARIS, Set.of());
    // 08:30 UTC is 09:30 in Paris in winter (UTC+1) but 10:30 in summer (UTC+2); 07:30 UTC is
    // 08:30 in winter (closed) and 09:30 in summer (open).
    assertThat(c.isOpen(utc("2026-01-05T07:30:00Z"), PARIS)).isFalse();
    assertThat(c.isOpen(utc("2026-07-06T07:30:00Z"), PARIS)).isTrue();
  }
}
