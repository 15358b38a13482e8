package dev.switchboard.server.whatif;

import dev.switchboard.router.api.QueueConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Counts of one queue over a what-if run, per interval of arrival. */
final class Tally {

  private final QueueConfiguration queue;
  private final long targetMs;
  private final long shortAbandonMs;
  private final long[] offered;
  private final long[] answered;
  private final long[] answeredInTarget;
  private final long[] abandoned;
  private final long[] shortAbandoned;
  private final long[] abandonedAfterTarget;
  private final long[] overflowed;
  private final long[] waitSumMs;
  private final long[] maxWaitMs;
  private final double[] waitingArea;
  private final int[] maxWaiting;
  private int lastInterval;

  Tally(QueueConfiguration queue, int intervals) {
    this.queue = queue;
    this.targetMs = queue.serviceLevel().targetSeconds() * 1000L;
    this.shortAbandonMs = queue.serviceLevel().shortAbandonSeconds() * 1000L;
    offered = new long[intervals];
    answered = new long[intervals];
    answeredInTarget = new long[intervals];
    abandoned = new long[intervals];
    shortAbandoned = new long[intervals];
    abandonedAfterTarget = new long[intervals];
    overflowed = new long[intervals];
    waitSumMs = new long[intervals];
    maxWaitMs = new long[intervals];
    waitingArea = new double[intervals];
    maxWaiting = new int[intervals];
  }

  private int index(long atMs, long startMs, long intervalMs) {
    int i = (int) Math.max(0, (atMs - startMs) / intervalMs);
    i = Math.min(i, offered.length - 1);
    lastInterval = Math.max(lastInterval, i);
    return i;
  }

  void offered(long atMs, long startMs, long intervalMs) {
    offered[index(atMs, startMs, intervalMs)]++;
  }

  void answered(long arrivedMs, long waitedMs, long startMs, long intervalMs) {
    int i = index(arrivedMs, startMs, intervalMs);
    answered[i]++;
    if (waitedMs <= targetMs) {
      answeredInTarget[i]++;
    }
    waitSumMs[i] += waitedMs;
    maxWaitMs[i] = Math.max(maxWaitMs[i], waitedMs);
  }

  void abandoned(long arrivedMs, long waitedMs, long startMs, long intervalMs) {
    int i = index(arrivedMs, startMs, intervalMs);
    abandoned[i]++;
    if (waitedMs < shortAbandonMs) {
      shortAbandoned[i]++;
    } else if (waitedMs > targetMs) {
      abandonedAfterTarget[i]++;
    }
    maxWaitMs[i] = Math.max(maxWaitMs[i], waitedMs);
  }

  void overflowed(long arrivedMs, long startMs, long intervalMs) {
    overflowed[index(arrivedMs, startMs, intervalMs)]++;
  }

  void noteWaiting(long atMs, int count, long startMs, long intervalMs) {
    int i = index(atMs, startMs, intervalMs);
    maxWaiting[i] = Math.max(maxWaiting[i], count);
  }

  /** Adds {@code count × (to − from)} to the intervals the span crosses. */
  void integrateWaiting(long fromMs, long toMs, int count, long startMs, long intervalMs) {
    if (count == 0) {
      return;
    }
    long t = fromMs;
    while (t < toMs) {
      int i = index(t, startMs, intervalMs);
      long intervalEnd = startMs + (i + 1) * intervalMs;
      long until = i == offered.length - 1 ? toMs : Math.min(toMs, intervalEnd);
      waitingArea[i] += (double) count * (until - t);
      t = until;
    }
  }

  WhatIfReport.QueueResult result(long startMs, long intervalMs) {
    List<WhatIfReport.Interval> intervals = new ArrayList<>();
    long[] total = new long[9];
    double totalArea = 0;
    int totalMaxWaiting = 0;
    for (int i = 0; i <= lastInterval; i++) {
      intervals.add(
          new WhatIfReport.Interval(
              clock(startMs + i * intervalMs),
              figures(i, i + 1, waitingArea[i] / intervalMs, maxWaiting[i])));
      totalArea += waitingArea[i];
      totalMaxWaiting = Math.max(totalMaxWaiting, maxWaiting[i]);
    }
    long spanMs = (lastInterval + 1) * intervalMs;
    return new WhatIfReport.QueueResult(
        queue.id(),
        queue.serviceLevel().percent(),
        queue.serviceLevel().targetSeconds(),
        figures(0, lastInterval + 1, totalArea / spanMs, totalMaxWaiting),
        intervals);
  }

  private WhatIfReport.Figures figures(int from, int to, double avgWaiting, int peakWaiting) {
    long off = 0;
    long ans = 0;
    long inTarget = 0;
    long ab = 0;
    long shortAb = 0;
    long abAfter = 0;
    long over = 0;
    long waitSum = 0;
    long maxWait = 0;
    for (int i = from; i < to; i++) {
      off += offered[i];
      ans += answered[i];
      inTarget += answeredInTarget[i];
      ab += abandoned[i];
      shortAb += shortAbandoned[i];
      abAfter += abandonedAfterTarget[i];
      over += overflowed[i];
      waitSum += waitSumMs[i];
      maxWait = Math.max(maxWait, maxWaitMs[i]);
    }
    long denominator = ans + abAfter;
    return new WhatIfReport.Figures(
        off,
        ans,
        inTarget,
        ab,
        shortAb,
        abAfter,
        over,
        denominator == 0 ? null : 100.0 * inTarget / denominator,
        ans == 0 ? null : waitSum / 1000.0 / ans,
        maxWait / 1000.0,
        avgWaiting,
        peakWaiting);
  }

  private static String clock(long epochMs) {
    long minutes = (epochMs / 60_000) % (24 * 60);
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }
}
