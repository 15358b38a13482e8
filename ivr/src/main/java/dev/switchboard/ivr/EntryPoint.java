package dev.switchboard.ivr;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Where a dialled number enters the menus.
 *
 * @param number the dialled number, as passed in {@code ?entry=} (also the announcement scope)
 * @param start the id of the first node
 * @param language the prompt set callers of this entry start with
 * @param zone the time zone its business hours are read in when a calendar has none
 */
public record EntryPoint(String number, String start, String language, ZoneId zone) {
  public EntryPoint {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(zone, "zone");
  }
}
