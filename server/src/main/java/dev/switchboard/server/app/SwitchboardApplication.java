package dev.switchboard.server.app;

import dev.switchboard.cti.CtiAdapter;
import dev.switchboard.ivr.CsvCustomerDirectory;
import dev.switchboard.ivr.CustomerDirectory;
import dev.switchboard.ivr.IvrConfiguration;
import dev.switchboard.ivr.IvrServer;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.journal.JournalReplayer;
import dev.switchboard.router.journal.RecoveryReport;
import dev.switchboard.router.pipeline.RouterCore;
import dev.switchboard.server.config.ConfigurationLoader;
import dev.switchboard.server.config.PbxLinkConfiguration;
import dev.switchboard.server.config.SwitchboardConfiguration;
import dev.switchboard.server.http.ApiBackend;
import dev.switchboard.server.http.HttpServer;
import dev.switchboard.sim.PbxSimulator;
import dev.switchboard.stats.StatsService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Switchboard: the router core, statistics, the CTI adapter, the IVR, the HTTP server
 * and, for the demo, the PBX simulator, wired in one place.
 *
 * <pre>
 * start-up, in this order (nothing takes calls before the state is recovered):
 *   1. statistics, the router view and the event logger are built; the CTI adapter and the IVR
 *      are built on a deferred publisher (they are router listeners, so they must exist first)
 *   2. the statistics are rebuilt from the WHOLE journal (a snapshot holds routing state, not
 *      figures), then the router core starts: newest snapshot + journal tail replay; listeners
 *      get replay=true, except the statistics, which already saw those events in the rebuild
 *   3. the configuration is applied: ConfigurationChanged (journaled) when it differs from what
 *      the journal recovered
 *   4. the IVR starts; the simulator (demo only) starts, pointed at the IVR's FastAGI port, and
 *      listens for AMI before the CTI links dial it; then the CTI links and the HTTP server start
 * shutdown, reversed: the IVR stops taking calls and HTTP stops taking writes, the router drains,
 * journals and snapshots, then the PBX links, statistics and simulator close.
 * </pre>
 *
 * <p>Start-up and shutdown each log one line saying what they did and how long it took.
 */
public final class SwitchboardApplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardApplication.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How to run.
   *
   * @param configuration the validated configuration
   * @param loaders a fresh configuration loader for each reload
   * @param adjust what to change in every loaded configuration (the demo's ports and directories;
   *     {@code UnaryOperator.identity()} in production)
   * @param simulator true to run the configured PBX simulator (the demo, end-to-end tests)
   * @param simulatorArrivals false to run the simulator's agents only (tests place calls)
   */
  public record Settings(
      SwitchboardConfiguration configuration,
      Supplier<ConfigurationLoader> loaders,
      UnaryOperator<SwitchboardConfiguration> adjust,
      boolean simulator,
      boolean simulatorArrivals) {}

  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<AutoCloseable> started = new ArrayList<>();
  private final DeferredCommandPublisher publisher = new DeferredCommandPublisher();
  private PrometheusMeterRegistry registry;
  private StatsService stats;
  private RouterCore core;
  private CtiAdapter cti;
  private IvrServer ivr;
  private HttpServer http;
  private PbxSimulator simulator;
  private ConfigurationReloader reloader;
  private RecoveryReport recovery;
  private boolean configurationApplied;

  private SwitchboardApplication() {}

  /**
   * Starts everything, or nothing: if a step fails, what already started is closed again and the
   * failure is thrown.
   */
  public static SwitchboardApplication start(Settings settings) {
    SwitchboardApplication app = new SwitchboardApplication();
    try {
      app.startAll(settings);
      return app;
    } catch (Throwable t) {
      // Netty rethrows a failed bind as a checked exception it does not declare: catch it all,
      // close what started, and fail.
      app.closeQuietly();
      if (t instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (t instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("cannot start: " + t, t);
    }
  }

  private void startAll(Settings settings) {
    long startNanos = System.nanoTime();
    SwitchboardConfiguration config = settings.configuration();
    LoggingConfigurator.apply(config.logging());

    // 1. Listeners first, so that replayed events rebuild the statistics.
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    stats = new StatsService(ComponentConfigurations.stats(config, TimeSource.SYSTEM), registry);
    started.add(stats);
    RouterView view = new RouterView();
    Optional<IvrConfiguration> ivrConfig = ComponentConfigurations.ivr(config);
    if (ivrConfig.isPresent()) {
      ivr =
          new IvrServer(
              ivrConfig.get(), publisher, stats, directory(ivrConfig.get()), TimeSource.SYSTEM);
    }
    if (!config.pbxs().isEmpty()) {
      cti = new CtiAdapter(ComponentConfigurations.pbxs(config), publisher);
    }
    RouterCore.Builder builder =
        RouterCore.builder()
            .journalDirectory(config.journal().directory())
            .snapshotDirectory(config.journal().snapshotDirectory())
            // Two engines: the router's, and the snapshot follower's copy that takes the
            // periodic snapshots off the routing thread.
            .engineFactory(RoutingStateMachine::new)
            .timeSource(TimeSource.SYSTEM)
            .tickIntervalMs(config.journal().tickIntervalMs())
            .ringSize(config.journal().ringSize())
            .snapshotEveryCommands(config.journal().snapshotEveryCommands())
            .stageLayout(config.journal().stages())
            .waitStrategy(config.journal().waitMode().strategy())
            .listener(liveOnly(stats))
            .listener(view)
            .listener(new RouterEventLogger())
            .onFailure(
                failure ->
                    LOG.error(
                        "router stopped on an unexpected failure; restart to recover from the"
                            + " journal",
                        failure));
    if (cti != null) {
      builder.listener(cti);
    }
    if (ivr != null) {
      builder.listener(ivr);
    }
    core = builder.build();

    // 2. Recover: today's figures first (every event the journal can give), then routing state.
    rebuildStatistics(config.journal().directory());
    recovery = core.start();
    started.add(core);
    publisher.connect(core.publisher());

    // 3. Apply the file's configuration when the journal's differs. A router recovered from a
    // snapshot replays no configuration events, so the view is empty and the file is applied
    // again: harmless (waiting contacts keep their place), one journaled command per start.
    boolean applied = !view.runs(config.routing());
    configurationApplied = applied;
    if (applied) {
      CommandPublisher.PublishResult result =
          publisher.publish(new Command.ConfigurationChanged(config.routing()));
      if (!result.accepted() || !core.drain(DRAIN_TIMEOUT)) {
        throw new IllegalStateException("the router did not take the configuration: " + result);
      }
      view.retainOnly(config.routing());
    }
    reloader =
        new ConfigurationReloader(
            settings.loaders(),
            settings.adjust(),
            publisher,
            nextIvr -> {
              if (ivr != null && nextIvr != null) {
                ivr.reload(nextIvr);
              }
            },
            next -> ComponentConfigurations.ivr(next).orElse(null),
            config);

    // 4. Take calls and requests.
    if (ivr != null) {
      ivr.start();
      started.add(ivr);
    }
    // The stand-in PBX listens before the CTI link dials it. Its agents and callers start at the
    // link's login, and every AMI session is told the agents' state when it is ready for events, so
    // no login is missed.
    if (settings.simulator() && config.simulator() != null) {
      simulator = DemoSimulator.start(config, ivr == null ? 0 : ivr.port(), settings);
      started.add(simulator);
    }
    if (cti != null) {
      cti.start();
      started.add(cti);
    }
    ApiBackend backend =
        new ApplicationBackend(
            stats, view, cti, config.pbxs(), publisher, () -> core.isRunning(), reloader, registry);
    http = new HttpServer(ComponentConfigurations.http(config), backend, TimeSource.SYSTEM);
    http.start();
    started.add(http);

    LOG.info(
        "switchboard started in {} ms: {}; configuration {} ({} queues, {} agents); {}",
        (System.nanoTime() - startNanos) / 1_000_000,
        recovery.summary(),
        applied ? "applied" : "unchanged since the journal",
        config.routing().queues().size(),
        config.routing().agents().size(),
        endpoints());
  }

  private static CustomerDirectory directory(IvrConfiguration ivr) {
    if (ivr.customerDirectory() == null) {
      return CustomerDirectory.EMPTY;
    }
    try {
      return CsvCustomerDirectory.load(ivr.customerDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ivr.customerDirectory(), e);
    }
  }

  private String endpoints() {
    StringBuilder s = new StringBuilder();
    s.append("HTTP ").append(httpUrl());
    if (ivr != null) {
      s.append(", FastAGI port ").append(ivr.port());
    }
    for (PbxLinkConfiguration pbx : reloader.current().pbxs()) {
      s.append(", PBX ").append(pbx.id()).append(" at ").append(pbx.host()).append(':');
      s.append(pbx.port());
    }
    if (simulator != null) {
      s.append(", simulator AMI port ").append(simulator.amiPort());
    }
    return s.toString();
  }

  /** The HTTP server's base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String httpUrl() {
    SwitchboardConfiguration config = reloader.current();
    String scheme = config.http().certFile() == null ? "http" : "https";
    return scheme + "://" + config.http().bindAddress() + ":" + http.port();
  }

  /** The port the HTTP server listens on. */
  public int httpPort() {
    return http.port();
  }

  /** The FastAGI port, or 0 without an IVR. */
  public int ivrPort() {
    return ivr == null ? 0 : ivr.port();
  }

  /** The running simulator (demo and tests), if any. */
  public Optional<PbxSimulator> simulator() {
    return Optional.ofNullable(simulator);
  }

  /** The statistics (for tests and tools). */
  /** Where commands go (the HTTP API, the IVR and the CTI adapter use the same publisher). */
  public CommandPublisher publisher() {
    return publisher;
  }

  /**
   * Replays the whole journal through a scratch engine into the statistics, so that figures survive
   * a restart even when the router itself recovers from a snapshot (whose events are not replayed).
   * Costs one pass over the journal at start-up (about 1.5 M commands/s, see docs/benchmarks.md). A
   * journal with a damaged entry is replayed up to that entry only.
   */
  private void rebuildStatistics(java.nio.file.Path journalDirectory) {
    if (!java.nio.file.Files.isDirectory(journalDirectory)) {
      return;
    }
    JournalReplayer.Summary summary =
        JournalReplayer.replay(journalDirectory, new RoutingStateMachine(), stats);
    if (summary.commands() > 0) {
      LOG.info(
          "statistics rebuilt from {} journaled commands in {} ms",
          summary.commands(),
          summary.elapsedNanos() / 1_000_000);
    }
  }

  /** The statistics get live events from the router; replayed ones came from the rebuild. */
  private static RouterEventListener liveOnly(StatsService stats) {
    return (event, replay) -> {
      if (!replay) {
        stats.onEvent(event, false);
      }
    };
  }

  public StatsService stats() {
    return stats;
  }

  /** The configuration running now. */
  public SwitchboardConfiguration configuration() {
    return reloader.current();
  }

  /** What recovery found at start-up. */
  public RecoveryReport recovery() {
    return recovery;
  }

  /** True when start-up sent the file's configuration to the router (it differed). */
  public boolean configurationApplied() {
    return configurationApplied;
  }

  /** Re-reads the configuration file (SIGHUP does this). */
  public ApiBackend.ReloadResult reload() {
    return reloader.reload();
  }

  /** True while the router runs (false after a fail-stop or close). */
  public boolean isRunning() {
    return !closed.get() && core.isRunning();
  }

  /**
   * Stops gracefully: the IVR stops taking calls and HTTP stops taking requests, the router
   * journals and applies everything it accepted and writes a snapshot, then the PBX links,
   * statistics and the simulator close. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    long lastIndex = core == null ? -1 : core.statistics().lastJournalIndex();
    closeQuietly();
    LOG.info(
        "switchboard stopped in {} ms: journal closed at index {} after a final snapshot",
        (System.nanoTime() - startNanos) / 1_000_000,
        core == null ? -1 : Math.max(lastIndex, core.statistics().lastJournalIndex()));
  }

  private void closeQuietly() {
    closed.set(true);
    // Stop taking calls and requests first (the demo's PBX places no new calls and expects the IVR
    // to go), then let the router finish, then the links.
    if (simulator != null && started.contains(simulator)) {
      simulator.windDown();
    }
    for (AutoCloseable c : new AutoCloseable[] {ivr, http}) {
      closeOne(c);
    }
    closeOne(core);
    publisher.disconnect();
    for (AutoCloseable c : new AutoCloseable[] {cti, stats, simulator}) {
      closeOne(c);
    }
  }

  private void closeOne(AutoCloseable c) {
    if (c == null || !started.contains(c)) {
      return;
    }
    started.remove(c);
    try {
      c.close();
    } catch (Exception | Error e) {
      LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
