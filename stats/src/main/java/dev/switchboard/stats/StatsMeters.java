package dev.switchboard.stats;

import dev.switchboard.router.api.AgentState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters in Prometheus conventions: base units (seconds, ratios), counters that become
 * {@code _total}, tags {@code queue}, {@code state}, {@code window}, {@code kind}. Counters are
 * incremented as events are applied; gauges read the service (under its lock) when scraped.
 * Per-agent meters are left out on purpose: an {@code agent} tag on 100,000 agents would swamp
 * Prometheus; per-agent figures are in the JSON API.
 */
final class StatsMeters {

  /** What a per-queue gauge reads. */
  enum QueueGauge {
    WAITING,
    LONGEST_WAIT_SECONDS,
    CALLBACKS_PENDING,
    SL_TODAY,
    SL_15M,
    SL_30M,
    SL_60M,
    ASA_30M_SECONDS,
    REQUIRED_AGENTS
  }

  /** Reads the service for gauges. */
  interface Source {
    double queueGauge(String queueId, QueueGauge gauge);

    double queueAgents(String queueId, AgentState state);

    double agents(AgentState state);

    double alertsActive(AlertKind kind);
  }

  private final MeterRegistry registry;
  private final Source source;
  private final Map<String, Counter[]> countersByQueue = new HashMap<>();
  private final DistributionSummary estimateError;
  private final Counter eventLogDropped;

  StatsMeters(MeterRegistry registry, Source source) {
    this.registry = registry;
    this.source = source;
    for (AgentState state : AgentState.values()) {
      Gauge.builder("switchboard.agents", source, s -> s.agents(state))
          .description("Agents by state")
          .tags("state", tag(state))
          .strongReference(true)
          .register(registry);
    }
    for (AlertKind kind : AlertKind.values()) {
      Gauge.builder("switchboard.alerts.active", source, s -> s.alertsActive(kind))
          .description("Alerts active now")
          .tags("kind", kind.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(registry);
    }
    estimateError =
        DistributionSummary.builder("switchboard.wait.estimate.error")
            .description("Absolute error of the expected wait told to callers who were answered")
            .baseUnit("seconds")
            .register(registry);
    eventLogDropped =
        Counter.builder("switchboard.eventlog.dropped")
            .description("Event-log lines dropped because the writer fell behind")
            .register(registry);
  }

  private static String tag(AgentState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  void queueCreated(String queueId) {
    Tags tags = Tags.of("queue", queueId);
    Counter[] c = new Counter[Tally.FIELDS];
    c[Tally.OFFERED] = counter("switchboard.contacts.offered", "Contacts entering the queue", tags);
    c[Tally.ANSWERED] = counter("switchboard.contacts.answered", "Contacts answered", tags);
    c[Tally.ABANDONED] =
        counter("switchboard.contacts.abandoned", "Contacts abandoned, short ones included", tags);
    c[Tally.SHORT_ABANDONED] =
        counter("switchboard.contacts.short.abandoned", "Abandons under the short threshold", tags);
    c[Tally.OVERFLOWED] =
        counter("switchboard.contacts.overflowed", "Contacts that left by overflow or move", tags);
    c[Tally.CALLBACKS_REQUESTED] =
        counter("switchboard.callbacks.requested", "Callbacks registered", tags);
    c[Tally.CALLBACKS_COMPLETED] =
        counter("switchboard.callbacks.completed", "Callbacks answered", tags);
    c[Tally.HANDLED] = counter("switchboard.contacts.handled", "Conversations ended", tags);
    countersByQueue.put(queueId, c);

    gauge("switchboard.queue.waiting", "Contacts waiting", null, queueId, QueueGauge.WAITING);
    gauge(
        "switchboard.queue.longest.wait",
        "Longest current wait",
        "seconds",
        queueId,
        QueueGauge.LONGEST_WAIT_SECONDS);
    gauge(
        "switchboard.queue.callbacks.pending",
        "Callbacks waiting",
        null,
        queueId,
        QueueGauge.CALLBACKS_PENDING);
    gauge(
        "switchboard.queue.asa",
        "Average speed of answer over 30 minutes",
        "seconds",
        queueId,
        QueueGauge.ASA_30M_SECONDS);
    gauge(
        "switchboard.queue.required.agents",
        "Agents Erlang C needs for the target",
        null,
        queueId,
        QueueGauge.REQUIRED_AGENTS);
    slGauge(queueId, "today", QueueGauge.SL_TODAY);
    slGauge(queueId, "15m", QueueGauge.SL_15M);
    slGauge(queueId, "30m", QueueGauge.SL_30M);
    slGauge(queueId, "60m", QueueGauge.SL_60M);
    for (AgentState state : AgentState.values()) {
      ToDoubleFunction<Source> f = s -> s.queueAgents(queueId, state);
      Gauge.builder("switchboard.queue.agents", source, f)
          .description("Agents serving the queue by state")
          .tags(Tags.of("queue", queueId, "state", tag(state)))
          .strongReference(true)
          .register(registry);
    }
  }

  private Counter counter(String name, String description, Tags tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private void gauge(String name, String description, String unit, String queueId, QueueGauge g) {
    Gauge.builder(name, source, s -> s.queueGauge(queueId, g))
        .description(description)
        .baseUnit(unit)
        .tags("queue", queueId)
        .strongReference(true)
        .register(registry);
  }

  private void slGauge(String queueId, String window, QueueGauge g) {
    Gauge.builder("switchboard.queue.service.level", source, s -> s.queueGauge(queueId, g))
        .description("Service level (default definition) as a ratio; NaN without data")
        .baseUnit("ratio")
        .tags(Tags.of("queue", queueId, "window", window))
        .strongReference(true)
        .register(registry);
  }

  void counted(String queueId, int field, long amount) {
    Counter[] c = countersByQueue.get(queueId);
    if (c != null && c[field] != null) {
      c[field].increment(amount);
    }
  }

  void waitEstimateError(double errorSeconds) {
    estimateError.record(Math.abs(errorSeconds));
  }

  void eventLogDropped() {
    eventLogDropped.increment();
  }
}
