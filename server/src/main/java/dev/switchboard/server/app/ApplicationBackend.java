package dev.switchboard.server.app;

import dev.switchboard.cti.CtiAdapter;
import dev.switchboard.cti.LinkState;
import dev.switchboard.cti.PbxLinkStatus;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.server.config.PbxLinkConfiguration;
import dev.switchboard.server.http.ApiBackend;
import dev.switchboard.stats.StatsService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The HTTP API over the real components: figures from the statistics service, PBX links from the
 * CTI adapter, configuration and announcements from the router's events, writes into the router.
 * Every method is safe from any thread and never waits on the router.
 */
final class ApplicationBackend implements ApiBackend {

  private final StatsService stats;
  private final RouterView view;
  private final CtiAdapter cti;
  private final List<PbxLinkConfiguration> pbxs;
  private final CommandPublisher commands;
  private final BooleanSupplier routerRunning;
  private final ConfigurationReloader reloader;
  private final PrometheusMeterRegistry registry;

  ApplicationBackend(
      StatsService stats,
      RouterView view,
      CtiAdapter cti,
      List<PbxLinkConfiguration> pbxs,
      CommandPublisher commands,
      BooleanSupplier routerRunning,
      ConfigurationReloader reloader,
      PrometheusMeterRegistry registry) {
    this.stats = stats;
    this.view = view;
    this.cti = cti;
    this.pbxs = List.copyOf(pbxs);
    this.commands = commands;
    this.routerRunning = routerRunning;
    this.reloader = reloader;
    this.registry = registry;
  }

  @Override
  public Object snapshot(long nowMs) {
    return stats.snapshot(nowMs);
  }

  @Override
  public Optional<?> queue(String queueId, long nowMs) {
    return stats.queue(queueId, nowMs);
  }

  @Override
  public Optional<?> agent(String agentId, long nowMs) {
    return stats.agent(agentId, nowMs);
  }

  @Override
  public List<?> alerts() {
    return stats.alerts();
  }

  @Override
  public Optional<?> contact(String contactId) {
    return stats.contact(contactId);
  }

  @Override
  public Optional<List<?>> intervals(String queueId) {
    boolean known = view.queues().stream().anyMatch(q -> q.id().equals(queueId));
    return known ? Optional.of(List.copyOf(stats.intervals(queueId))) : Optional.empty();
  }

  @Override
  public List<PbxLink> pbxLinks() {
    Map<String, PbxLinkStatus> byId = new HashMap<>();
    if (cti != null) {
      for (PbxLinkStatus status : cti.links()) {
        byId.put(status.pbxId(), status);
      }
    }
    List<PbxLink> links = new ArrayList<>();
    for (PbxLinkConfiguration pbx : pbxs) {
      PbxLinkStatus status = byId.get(pbx.id());
      if (status == null) {
        links.add(new PbxLink(pbx.id(), false, false, 0, "not started"));
      } else {
        links.add(
            new PbxLink(
                pbx.id(),
                status.state() == LinkState.UP,
                false,
                status.sinceMs(),
                status.state().name().toLowerCase(java.util.Locale.ROOT)
                    + ", "
                    + status.reconnects()
                    + " reconnect(s)"));
      }
    }
    return links;
  }

  @Override
  public boolean routerRecovered() {
    return routerRunning.getAsBoolean();
  }

  @Override
  public Set<String> agentIds() {
    return view.agentIds();
  }

  @Override
  public List<QueueConfiguration> queueConfigurations() {
    return view.queues();
  }

  @Override
  public CommandPublisher commands() {
    return commands;
  }

  @Override
  public List<Announcement> announcements() {
    return view.announcements();
  }

  @Override
  public ReloadResult reloadConfiguration() {
    return reloader.reload();
  }

  @Override
  public String metricsScrape() {
    return registry.scrape();
  }
}
