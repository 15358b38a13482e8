package dev.switchboard.server.app;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.server.http.ApiBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The router's configuration and announcements as its events tell them (replayed ones included), so
 * the application can tell whether the file differs from what the journal recovered, and the API
 * can list queues, agents and announcements without asking the routing thread.
 *
 * <p>Written on the router's dispatch thread, read from HTTP threads: concurrent maps, each entry
 * an immutable record.
 */
final class RouterView implements RouterEventListener {

  private final Map<String, QueueConfiguration> queues = new ConcurrentSkipListMap<>();
  private final Map<String, AgentConfiguration> agents = new ConcurrentSkipListMap<>();
  private final Map<String, ApiBackend.Announcement> announcements = new ConcurrentSkipListMap<>();
  private volatile ContactSelection selection;

  @Override
  public boolean wants(EventKind kind) {
    return kind == EventKind.QUEUE_CONFIGURED
        || kind == EventKind.AGENT_CONFIGURED
        || kind == EventKind.SELECTION_CONFIGURED
        || kind == EventKind.ANNOUNCEMENT_CHANGED;
  }

  @Override
  public void onEvent(RouterEvent event, boolean replay) {
    if (event instanceof RouterEvent.QueueConfigured e) {
      queues.put(e.queue().id(), e.queue());
    } else if (event instanceof RouterEvent.AgentConfigured e) {
      agents.put(e.agent().id(), e.agent());
    } else if (event instanceof RouterEvent.SelectionConfigured e) {
      selection = e.selection();
    } else if (event instanceof RouterEvent.AnnouncementChanged e) {
      announcements.put(
          e.scope(),
          new ApiBackend.Announcement(e.scope(), e.active(), e.prompt(), e.timestampMs()));
    }
  }

  /**
   * Forgets queues and agents that a new configuration no longer has (the router emits events for
   * what it configures; removals are implied by the configuration it was given).
   */
  void retainOnly(RouterConfiguration applied) {
    Set<String> queueIds = new java.util.HashSet<>();
    applied.queues().forEach(q -> queueIds.add(q.id()));
    queues.keySet().retainAll(queueIds);
    Set<String> agentIds = new java.util.HashSet<>();
    applied.agents().forEach(a -> agentIds.add(a.id()));
    agents.keySet().retainAll(agentIds);
  }

  /** True when the router already runs exactly this configuration (queues, agents, selection). */
  boolean runs(RouterConfiguration configuration) {
    if (!Objects.equals(selection, configuration.selection())
        || queues.size() != configuration.queues().size()
        || agents.size() != configuration.agents().size()) {
      return false;
    }
    for (QueueConfiguration q : configuration.queues()) {
      if (!q.equals(queues.get(q.id()))) {
        return false;
      }
    }
    for (AgentConfiguration a : configuration.agents()) {
      if (!a.equals(agents.get(a.id()))) {
        return false;
      }
    }
    return true;
  }

  List<QueueConfiguration> queues() {
    return new ArrayList<>(queues.values());
  }

  Set<String> agentIds() {
    return Set.copyOf(agents.keySet());
  }

  List<ApiBackend.Announcement> announcements() {
    return new ArrayList<>(announcements.values());
  }
}
