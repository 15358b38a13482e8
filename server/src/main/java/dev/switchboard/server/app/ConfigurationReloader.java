package dev.switchboard.server.app;

import dev.switchboard.ivr.IvrConfiguration;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.server.config.ConfigurationError;
import dev.switchboard.server.config.ConfigurationException;
import dev.switchboard.server.config.ConfigurationLoader;
import dev.switchboard.server.config.SwitchboardConfiguration;
import dev.switchboard.server.http.ApiBackend.ReloadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration file on request ({@code POST /api/v1/config/reload}, SIGHUP). The file
 * is validated first: a bad one changes nothing and says why. A good one goes to the router as one
 * {@link Command.ConfigurationChanged} (journaled, so a restart replays it) and to the IVR. What
 * cannot change in a running process (listeners, PBX links, the journal) is reported as needing a
 * restart rather than silently ignored.
 */
final class ConfigurationReloader {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigurationReloader.class);

  private final Supplier<ConfigurationLoader> loaders;
  private final Function<SwitchboardConfiguration, SwitchboardConfiguration> adjust;
  private final CommandPublisher publisher;
  private final Consumer<IvrConfiguration> ivr;
  private final Function<SwitchboardConfiguration, IvrConfiguration> ivrConfiguration;
  private volatile SwitchboardConfiguration current;

  /**
   * A reloader.
   *
   * @param loaders a fresh loader per reload (reads the environment as it is then)
   * @param adjust what the application changes in a loaded configuration (the demo's ports)
   * @param publisher the router's publisher
   * @param ivr applies a new IVR configuration
   * @param ivrConfiguration builds the IVR's configuration from a loaded one
   * @param current the running configuration
   */
  ConfigurationReloader(
      Supplier<ConfigurationLoader> loaders,
      Function<SwitchboardConfiguration, SwitchboardConfiguration> adjust,
      CommandPublisher publisher,
      Consumer<IvrConfiguration> ivr,
      Function<SwitchboardConfiguration, IvrConfiguration> ivrConfiguration,
      SwitchboardConfiguration current) {
    this.loaders = loaders;
    this.adjust = adjust;
    this.publisher = publisher;
    this.ivr = ivr;
    this.ivrConfiguration = ivrConfiguration;
    this.current = current;
  }

  SwitchboardConfiguration current() {
    return current;
  }

  synchronized ReloadResult reload() {
    SwitchboardConfiguration next;
    try {
      next = adjust.apply(loaders.get().load(current.source()));
    } catch (ConfigurationException e) {
      List<String> problems = e.errors().stream().map(ConfigurationError::toString).toList();
      LOG.warn(
          "configuration reload refused, the running configuration is unchanged: {} error(s),"
              + " first: {}",
          problems.size(),
          problems.get(0));
      return new ReloadResult.Invalid(problems);
    }
    IvrConfiguration nextIvr;
    try {
      nextIvr = ivrConfiguration.apply(next);
    } catch (IllegalArgumentException e) {
      LOG.warn("configuration reload refused: {}", e.getMessage());
      return new ReloadResult.Invalid(List.of(e.getMessage()));
    }
    CommandPublisher.PublishResult result =
        publisher.publish(new Command.ConfigurationChanged(next.routing()));
    if (!result.accepted()) {
      LOG.warn("configuration reload not applied: the router answered {}", result);
      return new ReloadResult.NotPublished(result);
    }
    ivr.accept(nextIvr);
    List<String> restart = needsRestart(current, next);
    current = next;
    String summary =
        String.format(
            "reloaded %s: %d queues, %d agents%s",
            next.source(),
            next.routing().queues().size(),
            next.routing().agents().size(),
            restart.isEmpty()
                ? ""
                : "; changes to " + String.join(", ", restart) + " apply at the next restart");
    LOG.info("configuration {}", summary);
    return new ReloadResult.Applied(summary);
  }

  /** The sections a running process cannot change. */
  static List<String> needsRestart(
      SwitchboardConfiguration before, SwitchboardConfiguration after) {
    List<String> sections = new ArrayList<>();
    if (!before.pbxs().equals(after.pbxs())) {
      sections.add("pbxs");
    }
    if (!before.http().equals(after.http()) || !before.users().equals(after.users())) {
      sections.add("http/users");
    }
    if (!before.agi().equals(after.agi())) {
      sections.add("agi");
    }
    if (!before.journal().equals(after.journal())) {
      sections.add("journal");
    }
    if (!before.stats().equals(after.stats())) {
      sections.add("stats");
    }
    return sections;
  }
}
