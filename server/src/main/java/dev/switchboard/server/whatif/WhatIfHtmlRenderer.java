package dev.switchboard.server.whatif;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Renders a {@link WhatIfReport} as one self-contained HTML page with inline SVG plots. */
public final class WhatIfHtmlRenderer {

  private static final int WIDTH = 760;
  private static final int HEIGHT = 180;
  private static final int PAD = 36;

  private WhatIfHtmlRenderer() {}

  /** The page. */
  public static String render(WhatIfReport report) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>What-if: ")
        .append(escape(report.scenario()))
        .append("</title><style>")
        .append("body{font:15px system-ui,sans-serif;margin:2rem;color:#1b1f24;background:#fafafa}")
        .append("h1{font-size:1.6rem}h2{margin-top:2.5rem}table{border-collapse:collapse}")
        .append("td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:right}")
        .append(
            "th:first-child,td:first-child{text-align:left}.miss{color:#b3261e;font-weight:600}")
        .append(".hit{color:#1e7b34;font-weight:600}svg{background:#fff;border:1px solid #ddd}")
        .append("</style></head><body>");
    html.append("<h1>What-if: ").append(escape(report.scenario())).append("</h1>");
    html.append(
        String.format(
            Locale.ROOT,
            "<p>%d agents, %d h from %02d:00, seed %d. Simulated %s of traffic in %.2f s"
                + " (%.0f× real time, %,d routing commands).</p>",
            report.agents(),
            report.durationHours(),
            report.startHour(),
            report.seed(),
            duration(report.simulatedSeconds()),
            report.wallMillis() / 1000.0,
            report.speedUp(),
            report.commandsApplied()));
    html.append("<table><tr><th>queue</th><th>target</th><th>offered</th><th>answered</th>")
        .append("<th>abandoned</th><th>overflowed</th><th>service level</th><th>ASA s</th>")
        .append("<th>max wait s</th></tr>");
    for (WhatIfReport.QueueResult q : report.queues()) {
      WhatIfReport.Figures f = q.total();
      boolean hit = f.serviceLevelPercent() == null || f.serviceLevelPercent() >= q.targetPercent();
      html.append("<tr><td>")
          .append(escape(q.id()))
          .append("</td><td>")
          .append(q.targetPercent())
          .append("/")
          .append(q.targetSeconds())
          .append("</td><td>")
          .append(f.offered())
          .append("</td><td>")
          .append(f.answered())
          .append("</td><td>")
          .append(f.abandoned())
          .append("</td><td>")
          .append(f.overflowed())
          .append("</td><td class=\"")
          .append(hit ? "hit" : "miss")
          .append("\">")
          .append(percent(f.serviceLevelPercent()))
          .append("</td><td>")
          .append(number(f.asaSeconds()))
          .append("</td><td>")
          .append(number(f.maxWaitSeconds()))
          .append("</td></tr>");
    }
    html.append("</table>");
    for (WhatIfReport.QueueResult q : report.queues()) {
      html.append("<h2>").append(escape(q.id())).append("</h2>");
      html.append("<h3>Service level per interval (target ")
          .append(q.targetPercent())
          .append(" % in ")
          .append(q.targetSeconds())
          .append(" s)</h3>");
      html.append(
          chart(
              q.intervals(),
              i ->
                  i.figures().serviceLevelPercent() == null
                      ? Double.NaN
                      : i.figures().serviceLevelPercent(),
              100,
              q.targetPercent(),
              "#1f6feb"));
      double maxWaiting = 1;
      for (WhatIfReport.Interval i : q.intervals()) {
        maxWaiting = Math.max(maxWaiting, i.figures().avgWaiting());
      }
      html.append("<h3>Callers waiting (time-weighted mean per interval)</h3>");
      html.append(
          chart(
              q.intervals(),
              i -> i.figures().avgWaiting(),
              Math.ceil(maxWaiting),
              Double.NaN,
              "#8250df"));
    }
    html.append("</body></html>\n");
    return html.toString();
  }

  private static String chart(
      List<WhatIfReport.Interval> intervals,
      ToDoubleFunction<WhatIfReport.Interval> value,
      double max,
      double reference,
      String colour) {
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    double plotWidth = WIDTH - 2.0 * PAD;
    double plotHeight = HEIGHT - 2.0 * PAD;
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>"
                + "<text x=\"4\" y=\"%d\" font-size=\"11\">0</text>",
            PAD + 4,
            number(max),
            HEIGHT - PAD));
    if (!Double.isNaN(reference)) {
      double y = PAD + plotHeight * (1 - reference / max);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#b3261e\""
                  + " stroke-dasharray=\"4 3\"/>",
              PAD,
              WIDTH - PAD,
              y,
              y));
    }
    StringBuilder path = new StringBuilder();
    int n = intervals.size();
    for (int i = 0; i < n; i++) {
      double v = value.applyAsDouble(intervals.get(i));
      double x = PAD + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
      if (i % Math.max(1, n / 10) == 0) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                x,
                HEIGHT - PAD + 14,
                intervals.get(i).start()));
      }
      if (Double.isNaN(v)) {
        continue;
      }
      double y = PAD + plotHeight * (1 - Math.min(v, max) / max);
      path.append(path.isEmpty() ? "M" : "L")
          .append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
    }
    svg.append("<path fill=\"none\" stroke-width=\"2\" stroke=\"")
        .append(colour)
        .append("\" d=\"")
        .append(path)
        .append("\"/></svg>");
    return svg.toString();
  }

  private static String duration(long seconds) {
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds / 60) % 60);
  }

  private static String percent(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.1f %%", value);
  }

  private static String number(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
