package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.CommandPublisher.PublishResult;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A backend for tests: figures in the JSON shape of the statistics views, kept in plain trees that
 * tests change; a command publisher that records what it gets and applies agent commands to the
 * figures the way the router and statistics would, so a page sees the effect.
 */
final class FakeApiBackend implements ApiBackend {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final List<Command> published = new CopyOnWriteArrayList<>();
  final AtomicReference<PublishResult> nextResult = new AtomicReference<>(PublishResult.ACCEPTED);
  volatile boolean recovered = true;

  /** When set, every snapshot changes every agent (a stream with a large delta each tick). */
  volatile boolean churn;

  private long churnCounter;
  volatile ReloadResult reloadResult = new ReloadResult.Applied("2 queues, 3 agents");
  final List<PbxLink> links = new CopyOnWriteArrayList<>();

  private final Map<String, ObjectNode> queues = new LinkedHashMap<>();
  private final Map<String, ObjectNode> agents = new LinkedHashMap<>();
  private final Map<String, QueueConfiguration> queueConfigs = new LinkedHashMap<>();
  private final List<ObjectNode> alerts = new ArrayList<>();
  private final Map<String, Announcement> announcements = new LinkedHashMap<>();
  private final Map<String, ObjectNode> contacts = new LinkedHashMap<>();

  /** Two queues, three agents, one PBX, one contact history. */
  static FakeApiBackend standard() {
    FakeApiBackend b = new FakeApiBackend();
    b.addQueue("sales", "Sales");
    b.addQueue("support", "Support");
    b.addAgent("a1", "Alice", "READY");
    b.addAgent("a2", "Bob", "BUSY");
    b.addAgent("a3", "Chen", "LOGGED_OUT");
    b.links.add(new PbxLink("pbx1", true, false, 1_000, ""));
    ObjectNode contact = NODES.objectNode();
    contact.put("contactId", "c1").put("queueId", "sales").put("state", "ANSWERED");
    contact.put("arrivedAtMs", 1_000);
    contact.putArray("events").addObject().put("timeMs", 1_000).put("type", "queued");
    ObjectNode decision = contact.putArray("decisions").addObject();
    decision.put("timeMs", 2_000).put("agentId", "a1");
    decision.putObject("reason").put("trigger", "agent-available").put("eligibleAgents", 1);
    b.contacts.put("c1", contact);
    return b;
  }

  synchronized void addQueue(String id, String name) {
    ObjectNode q = NODES.objectNode();
    q.put("id", id).put("name", name).put("waiting", 0).put("longestWaitSeconds", 0);
    q.put("offered", 0).put("answered", 0).put("abandoned", 0).put("shortAbandoned", 0);
    q.put("overflowed", 0).put("callbacksPending", 0).put("callbacksCompleted", 0);
    ObjectNode sl = q.putObject("serviceLevel");
    sl.putNull("percent");
    sl.put("targetPercent", 80).put("targetSeconds", 20).put("numerator", 0).put("denominator", 0);
    sl.putArray("definitions");
    ObjectNode windows = q.putObject("windows");
    for (String w : List.of("today", "last15m", "last30m", "last60m")) {
      windows.putObject(w).put("offered", 0).put("answered", 0).put("abandoned", 0);
    }
    q.putNull("asaSeconds");
    q.putNull("ahtSeconds");
    q.putNull("avgAbandonWaitSeconds");
    q.putNull("csatAverage");
    q.put("csatCount", 0);
    q.putObject("agents")
        .put("loggedIn", 2)
        .put("ready", 1)
        .put("busy", 1)
        .put("wrapUp", 0)
        .put("paused", 0)
        .putObject("pausedByReason");
    q.put("requiredAgents", 2);
    q.put("expectedWaitSeconds", 0);
    q.putArray("trend");
    queues.put(id, q);
    queueConfigs.put(id, QueueConfiguration.simple(id, List.of(new SkillRequirement(id, 1))));
  }

  synchronized void addAgent(String id, String name, String state) {
    ObjectNode a = NODES.objectNode();
    a.put("id", id).put("name", name).put("state", state).put("reason", "");
    a.put("stateSinceMs", System.currentTimeMillis() - 65_000)
        .put("secondsInState", 0)
        .put("contactId", "");
    a.putObject("skills").put("sales", 5);
    a.put("handled", 0).putNull("ahtSeconds").put("occupancyPercent", 0);
    a.putObject("pausesByReason");
    a.putNull("csatAverage");
    agents.put(id, a);
  }

  /** Changes a queue's figures (under the lock the readers use). */
  synchronized void updateQueue(String id, java.util.function.Consumer<ObjectNode> change) {
    change.accept(queues.get(id));
  }

  synchronized void updateAgent(String id, java.util.function.Consumer<ObjectNode> change) {
    change.accept(agents.get(id));
  }

  synchronized void addAlert(String id, String severity, String message) {
    ObjectNode alert = NODES.objectNode();
    alert.put("id", id).put("kind", "SL_BELOW_TARGET").put("queueId", "sales");
    alert.put("severity", severity).put("message", message).put("raisedAtMs", 5_000);
    alert.put("active", true);
    alerts.add(alert);
  }

  @Override
  public synchronized Object snapshot(long nowMs) {
    ObjectNode out = NODES.objectNode();
    out.put("timeMs", nowMs);
    ArrayNode q = out.putArray("queues");
    queues.values().forEach(n -> q.add(n.deepCopy()));
    ArrayNode a = out.putArray("agents");
    long generation = churn ? ++churnCounter : 0;
    agents.values().forEach(n -> a.add(n.deepCopy().put("churn", generation)));
    ArrayNode al = out.putArray("alerts");
    alerts.forEach(n -> al.add(n.deepCopy()));
    return out;
  }

  @Override
  public synchronized Optional<?> queue(String queueId, long nowMs) {
    return Optional.ofNullable(queues.get(queueId)).map(ObjectNode::deepCopy);
  }

  @Override
  public synchronized Optional<?> agent(String agentId, long nowMs) {
    return Optional.ofNullable(agents.get(agentId)).map(ObjectNode::deepCopy);
  }

  @Override
  public synchronized List<?> alerts() {
    return alerts.stream().map(ObjectNode::deepCopy).toList();
  }

  @Override
  public synchronized Optional<?> contact(String contactId) {
    return Optional.ofNullable(contacts.get(contactId));
  }

  @Override
  public synchronized Optional<List<?>> intervals(String queueId) {
    if (!queues.containsKey(queueId)) {
      return Optional.empty();
    }
    ObjectNode interval = NODES.objectNode();
    interval.put("queueId", queueId).put("startMs", 0).put("offered", 3).put("answered", 2);
    return Optional.of(List.of(interval));
  }

  @Override
  public List<PbxLink> pbxLinks() {
    return List.copyOf(links);
  }

  @Override
  public boolean routerRecovered() {
    return recovered;
  }

  @Override
  public synchronized Set<String> agentIds() {
    return Set.copyOf(agents.keySet());
  }

  @Override
  public synchronized List<QueueConfiguration> queueConfigurations() {
    return List.copyOf(queueConfigs.values());
  }

  @Override
  public CommandPublisher commands() {
    return this::publish;
  }

  private PublishResult publish(Command command) {
    PublishResult result = nextResult.get();
    if (result.accepted()) {
      published.add(command);
      apply(command);
    }
    return result;
  }

  private synchronized void apply(Command command) {
    if (command instanceof Command.AgentPause p) {
      setState(p.agentId(), "PAUSED", p.reason());
    } else if (command instanceof Command.AgentReady r) {
      setState(r.agentId(), "READY", "");
    } else if (command instanceof Command.AgentLogin l) {
      setState(l.agentId(), "PAUSED", "login");
    } else if (command instanceof Command.AgentLogout l) {
      setState(l.agentId(), "LOGGED_OUT", "");
    } else if (command instanceof Command.AgentSkillsChanged s) {
      ObjectNode skills = agents.get(s.agentId()).putObject("skills");
      s.skills().forEach(skills::put);
    } else if (command instanceof Command.AnnouncementChanged a) {
      announcements.put(a.scope(), new Announcement(a.scope(), a.active(), a.prompt(), 9_000));
    } else if (command instanceof Command.QueueChanged q) {
      queueConfigs.put(q.queue().id(), q.queue());
      ObjectNode sl = (ObjectNode) queues.get(q.queue().id()).get("serviceLevel");
      sl.put("targetPercent", q.queue().serviceLevel().percent());
      sl.put("targetSeconds", q.queue().serviceLevel().targetSeconds());
    }
  }

  private void setState(String agentId, String state, String reason) {
    ObjectNode agent = agents.get(agentId);
    agent.put("state", state).put("reason", reason).put("stateSinceMs", System.currentTimeMillis());
  }

  @Override
  public synchronized List<Announcement> announcements() {
    return List.copyOf(announcements.values());
  }

  @Override
  public ReloadResult reloadConfiguration() {
    return reloadResult;
  }

  @Override
  public String metricsScrape() {
    return "# HELP switchboard_queue_waiting Contacts waiting\n"
        + "# TYPE switchboard_queue_waiting gauge\n"
        + "switchboard_queue_waiting{queue=\"sales\"} 0.0\n";
  }
}
