package dev.switchboard.bench.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.server.http.ApiBackend;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A synthetic backend for the stream benchmark: {@code queueCount} queues and {@code agentCount}
 * agents in the statistics JSON shape. The benchmark changes one number ({@code offered} of queue
 * {@code q0}) and remembers when, so a client can tell how long the change took to reach it.
 */
final class BenchApiBackend implements ApiBackend {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final int queueCount;
  private final int agentCount;
  private volatile long marker;

  /** marker value → System.nanoTime() when it was set. */
  final ConcurrentHashMap<Long, Long> changedAtNanos = new ConcurrentHashMap<>();

  BenchApiBackend(int queueCount, int agentCount) {
    this.queueCount = queueCount;
    this.agentCount = agentCount;
  }

  /** Changes the marker; returns its new value. */
  long change() {
    long next = marker + 1;
    changedAtNanos.put(next, System.nanoTime());
    marker = next;
    return next;
  }

  @Override
  public Object snapshot(long nowMs) {
    ObjectNode out = NODES.objectNode();
    out.put("timeMs", nowMs);
    ArrayNode queues = out.putArray("queues");
    for (int i = 0; i < queueCount; i++) {
      ObjectNode q = queues.addObject();
      q.put("id", "q" + i).put("name", "Queue " + i).put("waiting", i % 4);
      q.put("longestWaitSeconds", 3 * i).put("offered", i == 0 ? marker : 100 + i);
      q.put("answered", 90 + i).put("abandoned", 3);
      ObjectNode sl = q.putObject("serviceLevel");
      sl.put("percent", 85.5).put("targetPercent", 80).put("targetSeconds", 20);
      q.putObject("agents").put("loggedIn", 10).put("ready", 3).put("busy", 6).put("paused", 1);
      q.put("requiredAgents", 9);
    }
    ArrayNode agents = out.putArray("agents");
    for (int i = 0; i < agentCount; i++) {
      ObjectNode a = agents.addObject();
      a.put("id", "a" + i).put("name", "Agent " + i).put("state", "BUSY").put("reason", "");
      a.put("stateSinceMs", 1_000).put("secondsInState", nowMs / 1000).put("handled", i);
    }
    out.putArray("alerts");
    return out;
  }

  @Override
  public Optional<?> queue(String queueId, long nowMs) {
    return Optional.empty();
  }

  @Override
  public Optional<?> agent(String agentId, long nowMs) {
    return Optional.empty();
  }

  @Override
  public List<?> alerts() {
    return List.of();
  }

  @Override
  public Optional<?> contact(String contactId) {
    return Optional.empty();
  }

  @Override
  public Optional<List<?>> intervals(String queueId) {
    return Optional.empty();
  }

  @Override
  public List<PbxLink> pbxLinks() {
    return List.of();
  }

  @Override
  public boolean routerRecovered() {
    return true;
  }

  @Override
  public Set<String> agentIds() {
    return Set.of();
  }

  @Override
  public List<QueueConfiguration> queueConfigurations() {
    return List.of();
  }

  @Override
  public CommandPublisher commands() {
    return command -> CommandPublisher.PublishResult.CLOSED;
  }

  @Override
  public List<Announcement> announcements() {
    return List.of();
  }

  @Override
  public ReloadResult reloadConfiguration() {
    return new ReloadResult.Invalid(List.of("the benchmark has no configuration file"));
  }

  @Override
  public String metricsScrape() {
    return "";
  }
}
