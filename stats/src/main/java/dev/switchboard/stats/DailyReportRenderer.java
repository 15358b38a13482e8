package dev.switchboard.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders a queue's daily report: one self-contained HTML page (inline CSS and SVG, no script, no
 * external resource) with plots of offered contacts, service level and abandons per interval, and
 * the interval table with a total row. Pure: the intervals and the day come in as arguments.
 */
public final class DailyReportRenderer {

  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final int PLOT_WIDTH = 960;
  private static final int PLOT_HEIGHT = 160;

  private DailyReportRenderer() {}

  /**
   * The report page.
   *
   * @param history closed intervals of the queue (any days; those of {@code date} are used)
   */
  public static String render(
      String queueId,
      String queueName,
      LocalDate date,
      BusinessDay day,
      int intervalMinutes,
      List<IntervalStats> history) {
    long start = day.startOfDate(date);
    long end = day.startOfDate(date.plusDays(1));
    long step = intervalMinutes * 60_000L;
    Map<Long, IntervalStats> byStart = new HashMap<>();
    for (IntervalStats s : history) {
      byStart.put(s.startMs(), s);
    }
    List<IntervalStats> rows = new ArrayList<>();
    for (long t = start; t < end; t += step) {
      IntervalStats s = byStart.get(t);
      rows.add(s != null ? s : IntervalStats.empty(queueId, t, Math.min(t + step, end)));
    }

    StringBuilder h = new StringBuilder(64_000);
    String title = "Daily report: " + queueName + " (" + queueId + ") " + date;
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(esc(title))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;font-size:13px}")
        .append("th,td{border:1px solid #ccc;padding:2px 6px;text-align:right}")
        .append("th{background:#eee}tr.total td{font-weight:bold;background:#f6f6f6}")
        .append("svg{display:block;margin:0.5em 0 1.5em 0;background:#fafafa}")
        .append("</style></head><body>\n<h1>")
        .append(esc(title))
        .append("</h1>\n<p>Statistics day from ")
        .append(esc(Instant.ofEpochMilli(start).atZone(day.zone()).toString()))
        .append(", ")
        .append(intervalMinutes)
        .append(
            "-minute intervals. Service level by the default definition: answered within T"
                + " / (answered + abandoned after T), short abandons excluded.</p>\n");

    h.append("<h2>Offered</h2>\n");
    bars(h, rows, s -> s.offered(), "#3b6ea5", "offered");
    h.append("<h2>Service level (%)</h2>\n");
    line(h, rows);
    h.append("<h2>Abandoned</h2>\n");
    bars(h, rows, s -> s.abandoned(), "#b5473a", "abandoned");

    h.append("<h2>Intervals</h2>\n<table><thead><tr>")
        .append("<th>start</th><th>offered</th><th>answered</th><th>abandoned</th>")
        .append("<th>short abandoned</th><th>overflowed</th><th>callbacks</th>")
        .append("<th>SL %</th><th>SL num/den</th><th>ASA s</th><th>AHT s</th>")
        .append("<th>avg abandon wait s</th><th>CSAT</th></tr></thead><tbody>\n");
    Tally total = new Tally();
    long num = 0;
    long den = 0;
    for (IntervalStats s : rows) {
      row(h, HM.format(Instant.ofEpochMilli(s.startMs()).atZone(day.zone())), s, "");
      num += s.serviceLevelNumerator();
      den += s.serviceLevelDenominator();
      total.add(Tally.OFFERED, s.offered());
      total.add(Tally.ANSWERED, s.answered());
      total.add(Tally.ABANDONED, s.abandoned());
      total.add(Tally.SHORT_ABANDONED, s.shortAbandoned());
      total.add(Tally.OVERFLOWED, s.overflowed());
      total.add(Tally.CALLBACKS_COMPLETED, s.callbacksCompleted());
    }
    IntervalStats sum =
        new IntervalStats(
            queueId,
            start,
            end,
            total.get(Tally.OFFERED),
            total.get(Tally.ANSWERED),
            total.get(Tally.ABANDONED),
            total.get(Tally.SHORT_ABANDONED),
            total.get(Tally.OVERFLOWED),
            total.get(Tally.CALLBACKS_COMPLETED),
            den == 0 ? null : 100.0 * num / den,
            num,
            den,
            null,
            null,
            null,
            null);
    row(h, "total", sum, " class=\"total\"");
    h.append("</tbody></table>\n</body></html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String label, IntervalStats s, String cls) {
    h.append("<tr").append(cls).append("><td>").append(esc(label)).append("</td>");
    cell(h, Long.toString(s.offered()));
    cell(h, Long.toString(s.answered()));
    cell(h, Long.toString(s.abandoned()));
    cell(h, Long.toString(s.shortAbandoned()));
    cell(h, Long.toString(s.overflowed()));
    cell(h, Long.toString(s.callbacksCompleted()));
    cell(h, fmt(s.serviceLevelPercent()));
    cell(h, s.serviceLevelNumerator() + "/" + s.serviceLevelDenominator());
    cell(h, fmt(s.asaSeconds()));
    cell(h, fmt(s.ahtSeconds()));
    cell(h, fmt(s.avgAbandonWaitSeconds()));
    cell(h, fmt(s.csatAverage()));
    h.append("</tr>\n");
  }

  private static void cell(StringBuilder h, String v) {
    h.append("<td>").append(esc(v)).append("</td>");
  }

  private static String fmt(Double d) {
    return d == null ? "–" : String.format(Locale.ROOT, "%.1f", d);
  }

  private static void bars(
      StringBuilder h,
      List<IntervalStats> rows,
      ToDoubleFunction<IntervalStats> value,
      String colour,
      String what) {
    double max = 1;
    for (IntervalStats s : rows) {
      max = Math.max(max, value.applyAsDouble(s));
    }
    double w = (double) PLOT_WIDTH / rows.size();
    svgOpen(h, what, max);
    for (int i = 0; i < rows.size(); i++) {
      double v = value.applyAsDouble(rows.get(i));
      if (v <= 0) {
        continue;
      }
      double bh = v / max * (PLOT_HEIGHT - 20);
      h.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                  + "<title>%s %s</title></rect>",
              40 + i * w,
              PLOT_HEIGHT - bh,
              Math.max(1, w - 1),
              bh,
              colour,
              (long) v,
              what));
    }
    h.append("</svg>\n");
  }

  private static void line(StringBuilder h, List<IntervalStats> rows) {
    double w = (double) PLOT_WIDTH / rows.size();
    svgOpen(h, "service level", 100);
    StringBuilder pts = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      Double sl = rows.get(i).serviceLevelPercent();
      if (sl == null) {
        continue;
      }
      double x = 40 + i * w + w / 2;
      double y = PLOT_HEIGHT - sl / 100 * (PLOT_HEIGHT - 20);
      pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      h.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#2f7d32\"><title>%.1f %%</title></circle>",
              x,
              y,
              sl));
    }
    if (pts.length() > 0) {
      h.append("<polyline fill=\"none\" stroke=\"#2f7d32\" stroke-width=\"1.5\" points=\"")
          .append(pts.toString().trim())
          .append("\"/>");
    }
    h.append("</svg>\n");
  }

  private static void svgOpen(StringBuilder h, String what, double max) {
    h.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"%s per interval\">"
                + "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                + "<text x=\"2\" y=\"24\" font-size=\"11\">%s</text>"
                + "<text x=\"2\" y=\"%d\" font-size=\"11\">0</text>",
            PLOT_WIDTH + 40,
            PLOT_HEIGHT + 4,
            esc(what),
            PLOT_HEIGHT,
            PLOT_WIDTH + 40,
            PLOT_HEIGHT,
            (long) max,
            PLOT_HEIGHT));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
