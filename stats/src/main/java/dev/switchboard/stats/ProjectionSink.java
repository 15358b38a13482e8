package dev.switchboard.stats;

/** Where {@link StatsProjection} reports what it counted, for meters and the event log. */
interface ProjectionSink {

  /** A queue was seen for the first time. */
  void queueCreated(QueueFigures queue);

  /** {@code amount} was added to {@code field} of {@code queue}. */
  void counted(QueueFigures queue, int field, long amount);

  /** An event-log line. */
  void log(EventLogRecord logRecord);

  /** A caller was answered; its wait differed from the estimate it was given by this. */
  void waitEstimateError(QueueFigures queue, double errorSeconds);
}
