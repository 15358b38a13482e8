package dev.switchboard.stats;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.api.WaitEstimator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real-time and interval statistics from the router's events: per-queue and per-agent figures,
 * service level by several definitions, Erlang C, expected waits, alerts, Micrometer meters, an
 * event log and daily reports.
 *
 * <p>Threads: {@link #onEvent} runs on the router's dispatch thread and holds a lock only while it
 * applies the event (no I/O: event-log lines are handed to the {@link EventLogAgent}'s thread).
 * Reads ({@link #snapshot}, {@link #queue}, {@link #estimate}…) may come from any thread; they take
 * the same lock briefly and return immutable records. Alert listeners are called after the lock is
 * released, on the thread that caused the change.
 *
 * <p>Replayed events ({@code replay = true}) rebuild the figures after a restart; they are not
 * written to the event log again and raise no alert (the next live event or check does).
 */
public final class StatsService implements RouterEventListener, WaitEstimator, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatsService.class);
  private static final int EVENT_LOG_BUFFER = 65_536;

  /** The longest a snapshot holds the lock at a time (it may overrun by one queue's view). */
  static final long SLICE_NANOS = 200_000;

  private final StatsConfiguration cfg;
  // Fair, so a busy reader (a wallboard polling snapshots) cannot starve the dispatch thread: it
  // waits at most for the read in progress.
  private final ReentrantLock lock = new ReentrantLock(true);
  private final StatsProjection projection;
  private final AlertEvaluator alerts;

  /** The alert changes of the current event, reused (filled under the lock). */
  private final List<Alert> alertChanges = new ArrayList<>();

  private final StatsMeters meters;
  private final EventLogAgent eventLog;
  private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService checker;
  private boolean replaying;

  /** Statistics as configured, with meters in {@code registry}. */
  public StatsService(StatsConfiguration cfg, MeterRegistry registry) {
    this.cfg = cfg;
    this.alerts = new AlertEvaluator(cfg.alerts());
    this.meters = new StatsMeters(registry, new GaugeSource());
    this.eventLog =
        cfg.eventLogFile() == null
            ? null
            : new EventLogAgent(cfg.eventLogFile(), EVENT_LOG_BUFFER, meters::eventLogDropped);
    this.projection = new StatsProjection(cfg, new Sink());
    if (cfg.alertCheckIntervalMs() > 0) {
      checker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "stats-alert-check");
                t.setDaemon(true);
                return t;
              });
      checker.scheduleWithFixedDelay(
          this::checkNow,
          cfg.alertCheckIntervalMs(),
          cfg.alertCheckIntervalMs(),
          TimeUnit.MILLISECONDS);
    } else {
      checker = null;
    }
  }

  private void checkNow() {
    try {
      tick(cfg.clock().currentTimeMs());
    } catch (RuntimeException e) {
      LOG.error("alert check failed", e);
    }
  }

  @Override
  public void onEvent(RouterEvent event, boolean replay) {
    List<Alert> changes;
    lock.lock();
    try {
      replaying = replay;
      projection.apply(event);
      changes = replay ? List.of() : evaluateAfter(event);
    } finally {
      lock.unlock();
    }
    publish(changes);
  }

  /**
   * The alerts the event raised or cleared: an empty shared list when none (nearly always), else a
   * copy of the evaluator's changes.
   */
  private List<Alert> evaluateAfter(RouterEvent event) {
    long t = projection.lastTimeMs;
    if (event instanceof RouterEvent.PbxLinkChanged e) {
      return alerts.pbx(e.pbxId(), e.up(), t);
    }
    List<Alert> out = alertChanges;
    out.clear();
    if (event instanceof RouterEvent.AgentStateChanged e) {
      // NO_AGENTS depends on agents: re-check the queues this agent serves.
      AgentFigures a = projection.agents.get(e.agentId());
      for (String qid : a.queueIds()) {
        QueueFigures q = projection.queues.get(qid);
        if (q != null) {
          alerts.evaluateAgents(out, projection, q, t);
        }
      }
    } else {
      String qid = queueOf(event);
      QueueFigures q = qid == null ? null : projection.queues.get(qid);
      if (q != null) {
        alerts.evaluate(out, projection, q, t);
      }
      if (event instanceof RouterEvent.ContactMoved m) {
        // The target queue gained a waiting contact too.
        alerts.evaluate(out, projection, projection.queues.get(m.toQueueId()), t);
      }
    }
    return out.isEmpty() ? List.of() : List.copyOf(out);
  }

  /** The queue whose figures an event changes, or null when it changes no queue's counts. */
  private static String queueOf(RouterEvent event) {
    if (event instanceof RouterEvent.ContactQueued e) {
      return e.queueId();
    } else if (event instanceof RouterEvent.ContactOffered e) {
      return e.queueId();
    } else if (event instanceof RouterEvent.OfferNotTaken e) {
      return e.queueId();
    } else if (event instanceof RouterEvent.ContactMoved e) {
      return e.fromQueueId();
    } else if (event instanceof RouterEvent.ContactOverflowed e) {
      return e.queueId();
    } else if (event instanceof RouterEvent.CallbackRegistered e) {
      return e.queueId();
    } else if (event instanceof RouterEvent.ContactAnswered e) {
      return e.queueId();
    } else if (event instanceof RouterEvent.ContactAbandoned e) {
      return e.queueId();
    } else if (event instanceof RouterEvent.ContactEnded e) {
      return e.queueId();
    } else if (event instanceof RouterEvent.QueueConfigured e) {
      return e.queue().id();
    }
    return null;
  }

  /**
   * Re-checks every queue's alerts at {@code nowMs} (longest wait grows without events). Called by
   * the background checker when configured, or by the caller's own timer.
   */
  public void tick(long nowMs) {
    List<Alert> changes = new ArrayList<>();
    lock.lock();
    try {
      long t = Math.max(nowMs, projection.lastTimeMs);
      for (QueueFigures q : projection.queues.values()) {
        alerts.evaluate(changes, projection, q, t);
      }
    } finally {
      lock.unlock();
    }
    publish(changes);
  }

  /** A PBX link went down or came back (also arrives as {@link RouterEvent.PbxLinkChanged}). */
  public void pbxLinkChanged(String pbxId, boolean up) {
    List<Alert> changes;
    lock.lock();
    try {
      long t = Math.max(cfg.clock().currentTimeMs(), projection.lastTimeMs);
      replaying = false;
      projection.pbxLinkChanged(t, pbxId, up);
      changes = alerts.pbx(pbxId, up, t);
    } finally {
      lock.unlock();
    }
    publish(changes);
  }

  private void publish(List<Alert> changes) {
    for (Alert a : changes) {
      if (eventLog != null) {
        eventLog.offer(
            new EventLogRecord(
                a.active() ? a.raisedAtMs() : a.clearedAtMs(),
                "Alert",
                "",
                a.queueId(),
                "",
                (a.active() ? "raised " : "cleared ") + a.id() + ": " + a.message(),
                "",
                "",
                "",
                ""));
      }
      for (Consumer<Alert> l : listeners) {
        try {
          l.accept(a);
        } catch (RuntimeException e) {
          LOG.error("alert listener failed on {}", a.id(), e);
        }
      }
    }
  }

  /** Calls {@code listener} with every alert raised or cleared from now on. */
  public void addAlertListener(Consumer<Alert> listener) {
    listeners.add(listener);
  }

  /**
   * Every queue, agent and alert at {@code nowMs}.
   *
   * <p>Built in slices: the lock is held for at most {@link #SLICE_NANOS} at a time, then released
   * so the dispatch thread (in the fused layout, the routing thread) can apply the events waiting
   * for it. A full snapshot at 5,000 queues and 100,000 agents takes hundreds of milliseconds to
   * build, which routing must not wait for. Each queue's and agent's figures are consistent in
   * themselves; between slices the router may have moved on, so two queues can be a few events
   * apart, as on any live wallboard.
   */
  public StatsSnapshot snapshot(long nowMs) {
    return snapshot(nowMs, SLICE_NANOS);
  }

  /** {@link #snapshot(long)} with another slice length (tests). */
  StatsSnapshot snapshot(long nowMs, long sliceNanos) {
    long dayStart;
    List<String> queueIds;
    List<String> agentIds;
    List<Alert> alertList;
    lock.lock();
    try {
      dayStart = projection.day.startOf(nowMs);
      queueIds = new ArrayList<>(projection.queues.keySet());
      agentIds = new ArrayList<>(projection.agents.keySet());
      alertList = List.copyOf(alerts.all());
    } finally {
      lock.unlock();
    }
    queueIds.sort(null);
    agentIds.sort(null);
    List<QueueStats> qs =
        sliced(
            queueIds,
            sliceNanos,
            id -> {
              QueueFigures q = projection.queues.get(id);
              return q == null ? null : StatsViews.queue(projection, q, nowMs, dayStart);
            });
    List<AgentStats> as =
        sliced(
            agentIds,
            sliceNanos,
            id -> {
              AgentFigures a = projection.agents.get(id);
              return a == null ? null : StatsViews.agent(a, nowMs, dayStart);
            });
    return new StatsSnapshot(nowMs, List.copyOf(qs), List.copyOf(as), alertList);
  }

  /**
   * The views of {@code ids} in order, built under the lock for at most {@code sliceNanos} at a
   * time; an id whose figures went away meanwhile (null view) is left out.
   */
  private <T> List<T> sliced(List<String> ids, long sliceNanos, Function<String, T> view) {
    List<T> out = new ArrayList<>(ids.size());
    for (int next = 0; next < ids.size(); ) {
      lock.lock();
      try {
        long sliceEnd = System.nanoTime() + sliceNanos;
        do {
          T built = view.apply(ids.get(next++));
          if (built != null) {
            out.add(built);
          }
        } while (next < ids.size() && System.nanoTime() < sliceEnd);
      } finally {
        lock.unlock();
      }
    }
    return out;
  }

  /** One queue at {@code nowMs}. */
  public Optional<QueueStats> queue(String id, long nowMs) {
    lock.lock();
    try {
      QueueFigures q = projection.queues.get(id);
      return q == null ? Optional.empty() : Optional.of(StatsViews.queue(projection, q, nowMs));
    } finally {
      lock.unlock();
    }
  }

  /** One agent at {@code nowMs}. */
  public Optional<AgentStats> agent(String id, long nowMs) {
    lock.lock();
    try {
      AgentFigures a = projection.agents.get(id);
      return a == null ? Optional.empty() : Optional.of(StatsViews.agent(projection, a, nowMs));
    } finally {
      lock.unlock();
    }
  }

  /** Active alerts, then recently cleared ones. */
  public List<Alert> alerts() {
    lock.lock();
    try {
      return List.copyOf(alerts.all());
    } finally {
      lock.unlock();
    }
  }

  /** What happened to a contact (active, or among the most recently finished). */
  public Optional<ContactHistory> contact(String id) {
    lock.lock();
    try {
      ContactRecord c = projection.findContact(id);
      return c == null ? Optional.empty() : Optional.of(StatsViews.contact(c));
    } finally {
      lock.unlock();
    }
  }

  /** Closed intervals of a queue, oldest first (intervals without any event are not stored). */
  public List<IntervalStats> intervals(String queueId) {
    lock.lock();
    try {
      QueueFigures q = projection.queues.get(queueId);
      return q == null ? List.of() : List.copyOf(q.closed);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The daily report of a queue for one statistics day: a self-contained HTML page with the
   * interval table and plots. Empty if the queue is unknown.
   */
  public Optional<String> dailyReport(String queueId, LocalDate date) {
    String name;
    List<IntervalStats> history;
    lock.lock();
    try {
      QueueFigures q = projection.queues.get(queueId);
      if (q == null) {
        return Optional.empty();
      }
      name = q.name;
      history = List.copyOf(q.closed);
    } finally {
      lock.unlock();
    }
    return Optional.of(
        DailyReportRenderer.render(
            queueId, name, date, projection.day, cfg.intervalMinutes(), history));
  }

  @Override
  public WaitEstimate estimate(String queueId, String contactId) {
    lock.lock();
    try {
      QueueFigures q = projection.queues.get(queueId);
      if (q == null) {
        return WaitEstimate.unknown();
      }
      int position = q.waiting + 1;
      ContactRecord c = contactId.isEmpty() ? null : projection.findContact(contactId);
      if (c != null
          && c.countedAs == ContactRecord.COUNTED_WAITING
          && queueId.equals(c.countedIn)) {
        position = q.positionOf(c.arrivedAtMs);
      }
      return new WaitEstimate(position, q.waiting, projection.expectedWaitSeconds(q, position));
    } finally {
      lock.unlock();
    }
  }

  /** The event-log writer, or null when no event log is configured. */
  public EventLogAgent eventLog() {
    return eventLog;
  }

  /** Stops the alert checker and flushes the event log. */
  @Override
  public void close() {
    if (checker != null) {
      checker.shutdownNow();
    }
    if (eventLog != null) {
      eventLog.close();
    }
  }

  /** Meters and the event log, fed by the projection (under the lock). */
  private final class Sink implements ProjectionSink {
    @Override
    public void queueCreated(QueueFigures queue) {
      meters.queueCreated(queue.id);
    }

    @Override
    public void counted(QueueFigures queue, int field, long amount) {
      meters.counted(queue.id, field, amount);
    }

    @Override
    public void log(EventLogRecord logRecord) {
      if (eventLog != null && !replaying) {
        eventLog.offer(logRecord);
      }
    }

    @Override
    public void waitEstimateError(QueueFigures queue, double errorSeconds) {
      meters.waitEstimateError(errorSeconds);
    }
  }

  /** Gauges read here when scraped, under the lock, at the configured clock's now. */
  private final class GaugeSource implements StatsMeters.Source {
    @Override
    public double queueGauge(String queueId, StatsMeters.QueueGauge gauge) {
      lock.lock();
      try {
        QueueFigures q = projection.queues.get(queueId);
        if (q == null) {
          return Double.NaN;
        }
        long now = Math.max(cfg.clock().currentTimeMs(), projection.lastTimeMs);
        return switch (gauge) {
          case WAITING -> q.waiting;
          case LONGEST_WAIT_SECONDS -> q.longestWaitMs(now) / 1000.0;
          case CALLBACKS_PENDING -> q.callbacksPending;
          case SL_TODAY -> ratio(StatsViews.today(projection, q, now));
          case SL_15M -> ratio(StatsViews.window(q, now, 15));
          case SL_30M -> ratio(StatsViews.window(q, now, 30));
          case SL_60M -> ratio(StatsViews.window(q, now, 60));
          case ASA_30M_SECONDS -> orNaN(StatsViews.window(q, now, 30).asaSeconds());
          case REQUIRED_AGENTS -> {
            Integer n =
                StatsViews.requiredAgents(projection, q, StatsViews.window(q, now, 30), now);
            yield n == null ? Double.NaN : n;
          }
        };
      } finally {
        lock.unlock();
      }
    }

    private static double ratio(Tally t) {
      Double p = ServiceLevelDefinition.DEFAULT.percent(t);
      return p == null ? Double.NaN : p / 100.0;
    }

    private static double orNaN(Double d) {
      return d == null ? Double.NaN : d;
    }

    @Override
    public double queueAgents(String queueId, AgentState state) {
      lock.lock();
      try {
        QueueFigures q = projection.queues.get(queueId);
        return q == null ? 0 : projection.agentsByState(q)[state.ordinal()];
      } finally {
        lock.unlock();
      }
    }

    @Override
    public double agents(AgentState state) {
      lock.lock();
      try {
        return projection.membership.allAgentsByState[state.ordinal()];
      } finally {
        lock.unlock();
      }
    }

    @Override
    public double alertsActive(AlertKind kind) {
      lock.lock();
      try {
        return alerts.activeCount(kind);
      } finally {
        lock.unlock();
      }
    }
  }
}
