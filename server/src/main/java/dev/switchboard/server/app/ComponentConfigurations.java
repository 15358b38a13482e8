package dev.switchboard.server.app;

import dev.switchboard.cti.PbxConfiguration;
import dev.switchboard.ivr.IvrConfiguration;
import dev.switchboard.ivr.IvrConfigurationException;
import dev.switchboard.ivr.IvrConfigurationLoader;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.server.config.ApiUserConfiguration;
import dev.switchboard.server.config.HttpListenerConfiguration;
import dev.switchboard.server.config.PbxLinkConfiguration;
import dev.switchboard.server.config.StatisticsConfiguration;
import dev.switchboard.server.config.SwitchboardConfiguration;
import dev.switchboard.server.http.HttpConfiguration;
import dev.switchboard.server.security.ApiToken;
import dev.switchboard.server.security.Role;
import dev.switchboard.stats.AlertThresholds;
import dev.switchboard.stats.StatsConfiguration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the one configuration file's records into each component's own settings. Kept apart from
 * the wiring so the mapping (field by field, documented in docs/configuration.md) reads in one
 * place.
 */
final class ComponentConfigurations {

  /** How often the statistics' background thread re-checks time-driven alerts (longest wait). */
  static final long ALERT_CHECK_INTERVAL_MS = 1_000;

  private ComponentConfigurations() {}

  static List<PbxConfiguration> pbxs(SwitchboardConfiguration c) {
    return c.pbxs().stream().map(ComponentConfigurations::pbx).toList();
  }

  static PbxConfiguration pbx(PbxLinkConfiguration p) {
    return new PbxConfiguration(
        p.id(),
        p.host(),
        p.port(),
        p.username(),
        p.secret().reveal(),
        p.waitContext(),
        p.connectContext(),
        p.overflowContext(),
        p.callbackOfferContext(),
        p.reconnectMinMs(),
        p.reconnectMaxMs());
  }

  static HttpConfiguration http(SwitchboardConfiguration c) {
    HttpListenerConfiguration h = c.http();
    List<ApiToken> tokens = c.users().stream().map(ComponentConfigurations::token).toList();
    HttpConfiguration.Tls tls =
        h.certFile() == null
            ? null
            : new HttpConfiguration.Tls(h.certFile().toString(), h.keyFile().toString());
    return new HttpConfiguration(
        h.bindAddress(),
        h.port(),
        tls,
        h.maxBodyBytes(),
        h.maxHeaderBytes(),
        tokens,
        h.streamIntervalMs(),
        h.metricsWithoutToken(),
        HttpConfiguration.DEFAULT_STREAM_MAX_PENDING_BYTES);
  }

  private static ApiToken token(ApiUserConfiguration u) {
    Role role =
        switch (u.role()) {
          case WALLBOARD -> Role.WALLBOARD;
          case AGENT -> Role.AGENT;
          case SUPERVISOR -> Role.SUPERVISOR;
          case ADMIN -> Role.ADMIN;
        };
    return new ApiToken(u.name(), role, u.tokenSha256Hex(), u.agentId());
  }

  static StatsConfiguration stats(SwitchboardConfiguration c, TimeSource clock) {
    StatisticsConfiguration s = c.stats();
    AlertThresholds alerts =
        new AlertThresholds(
            s.windowMinutes(),
            s.serviceLevelMarginPoints(),
            s.serviceLevelHysteresisPoints(),
            s.minContacts(),
            (long) s.longestWaitSeconds().raise(),
            (long) s.longestWaitSeconds().clear(),
            s.abandonRatePercent().raise(),
            s.abandonRatePercent().clear(),
            (int) s.waiting().raise(),
            (int) s.waiting().clear());
    StatsConfiguration stats =
        StatsConfiguration.defaults()
            .withDay(s.zone(), s.dayStart())
            .withAlerts(alerts)
            .withClock(clock, ALERT_CHECK_INTERVAL_MS);
    return s.eventLogFile() == null ? stats : stats.withEventLog(s.eventLogFile());
  }

  /**
   * The IVR's configuration, or empty when the file has no {@code ivr} section. The section was
   * validated when the file was loaded; a failure here means the file changed in between.
   */
  static Optional<IvrConfiguration> ivr(SwitchboardConfiguration c) {
    if (c.ivr().isEmpty()) {
      return Optional.empty();
    }
    Set<String> queues = new LinkedHashSet<>();
    for (QueueConfiguration q : c.routing().queues()) {
      queues.add(q.id());
    }
    try {
      return Optional.of(IvrConfigurationLoader.load(c.ivr(), c.source().toString(), queues));
    } catch (IvrConfigurationException e) {
      throw new IllegalArgumentException("ivr section: " + e.getMessage(), e);
    }
  }
}
