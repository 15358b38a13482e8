package dev.switchboard.sim;

import dev.switchboard.sim.agi.AgiClient;
import dev.switchboard.sim.ami.AmiServer;
import dev.switchboard.sim.ami.AmiServerConfiguration;
import dev.switchboard.sim.pbx.CallerScript;
import dev.switchboard.sim.pbx.PbxActionHandler;
import dev.switchboard.sim.pbx.PbxConfiguration;
import dev.switchboard.sim.pbx.RealTimeScheduler;
import dev.switchboard.sim.pbx.SimScheduler;
import dev.switchboard.sim.pbx.SimulatedPbx;
import dev.switchboard.sim.pbx.SimulatorCounters;
import dev.switchboard.sim.traffic.SimulationScenario;
import dev.switchboard.sim.traffic.TrafficModel;
import dev.switchboard.sim.traffic.VirtualCaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in Asterisk for the demo, the end-to-end tests and the load harness: an AMI server on
 * 127.0.0.1, a FastAGI client toward Switchboard's IVR and a traffic model of callers and agents.
 *
 * <pre>{@code
 * try (PbxSimulator sim = PbxSimulator.builder()
 *         .scenario(ScenarioLoader.demo())
 *         .amiPort(0).amiCredentials("router", "secret")
 *         .agiTarget("127.0.0.1", 4573)
 *         .pbxId("pbx1").timeScale(1.0).seed(42)
 *         .build()) {
 *   sim.start();
 *   int port = sim.amiPort();
 *   ...
 *   SimulatorCounters c = sim.counters();
 * }
 * }</pre>
 */
public final class PbxSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PbxSimulator.class);

  private final Builder b;
  private SimScheduler scheduler;
  private AgiClient agiClient;
  private SimulatedPbx pbx;
  private AmiServer ami;
  private TrafficModel traffic;
  private boolean started;
  private boolean closed;

  private PbxSimulator(Builder b) {
    this.b = b;
  }

  /** A builder with defaults: empty scenario, port 0, no AGI target, time scale 1, seed 1. */
  public static Builder builder() {
    return new Builder();
  }

  /** Binds the AMI port, registers and logs in the agents, starts the callers. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    SplittableRandom random = new SplittableRandom(b.seed);
    long startMs = b.clockStart != null ? b.clockStart.toEpochMilli() : System.currentTimeMillis();
    scheduler = new RealTimeScheduler(b.timeScale, startMs * 1000);
    agiClient = b.agiPort > 0 ? new AgiClient(2000, 60_000) : null;
    PbxConfiguration cfg =
        new PbxConfiguration(b.pbxId, b.scenario.trunkEndpoint(), b.agiHost, b.agiPort, 15, 500);
    AmiServer[] holder = new AmiServer[1];
    pbx =
        new SimulatedPbx(
            scheduler,
            cfg,
            event -> {
              if (holder[0] != null) {
                holder[0].broadcast(event);
              }
            },
            agiClient,
            random.split());
    ami =
        new AmiServer(
            new AmiServerConfiguration(
                b.amiPort,
                b.amiUser,
                b.amiSecret,
                AmiServerConfiguration.ASTERISK_22_BANNER,
                b.sessionQueueCapacity,
                1000),
            new PbxActionHandler(pbx),
            scheduler::nowMicros);
    holder[0] = ami;
    try {
      ami.start();
    } catch (IOException e) {
      scheduler.shutdown();
      throw new UncheckedIOException("cannot bind AMI port " + b.amiPort, e);
    }
    traffic = new TrafficModel(b.scenario, pbx, scheduler, random.split());
    // A router that connects (or reconnects) after the agents logged in missed their feature
    // codes; a real agent would dial them again, so each new client gets the current state.
    ami.onSessionReady(session -> traffic.announceAgentsTo(session::sendEvent));
    if (b.waitForClient) {
      // Agents announce their login with UserEvents; started before the router listens, those
      // events would be lost, so the traffic starts with the first AMI login.
      ami.onFirstLogin(
          () -> scheduler.execute(() -> traffic.start(b.autoTraffic, b.agentLoginDelayMs)));
    } else {
      traffic.start(b.autoTraffic, b.agentLoginDelayMs);
    }
    LOG.info(
        "PBX simulator '{}' up: scenario {}, AMI 127.0.0.1:{}, AGI {}:{}, time x{}",
        b.pbxId,
        b.scenario.name(),
        ami.port(),
        b.agiHost,
        b.agiPort,
        b.timeScale);
  }

  /** The bound AMI port (after {@link #start()}). */
  public int amiPort() {
    requireStarted();
    return ami.port();
  }

  /** What the simulator saw so far. */
  public SimulatorCounters counters() {
    requireStarted();
    return pbx.counters();
  }

  /**
   * Places one call by hand (for tests that want a specific caller).
   *
   * @param entry dialled number
   * @param callerIdNum caller number
   * @param dtmf digits for successive IVR prompts
   */
  public void placeCall(String entry, String callerIdNum, List<String> dtmf) {
    placeCall(entry, callerIdNum, "caller", new VirtualCaller(dtmf, -1, -1, false, false, 5));
  }

  /** Places one call with a full caller script. */
  public void placeCall(String entry, String callerIdNum, String callerName, CallerScript script) {
    requireStarted();
    pbx.startInboundCall(entry, callerIdNum, callerName, script);
  }

  /** Stops new calls; calls in progress continue until {@link #close()}. */
  public synchronized void stop() {
    if (traffic != null) {
      traffic.stop();
    }
  }

  /**
   * The system this PBX stands in for is shutting down: no new calls, and the IVR going away before
   * this PBX does is expected (logged at INFO, not WARN). Calls in progress continue until {@link
   * #close()}.
   */
  public synchronized void windDown() {
    stop();
    if (agiClient != null) {
      agiClient.windDown();
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    if (ami != null) {
      ami.close();
    }
    if (scheduler != null) {
      scheduler.shutdown();
    }
    if (agiClient != null) {
      agiClient.close();
    }
  }

  private void requireStarted() {
    if (!started) {
      throw new IllegalStateException("simulator not started");
    }
  }

  /** Options of a {@link PbxSimulator}. */
  public static final class Builder {
    private SimulationScenario scenario = new SimulationScenario(null, null, null, null, null);
    private int amiPort;
    private String amiUser = "router";
    private String amiSecret = "secret";
    private String agiHost = "127.0.0.1";
    private int agiPort;
    private String pbxId = "pbx1";
    private double timeScale = 1.0;
    private Instant clockStart;
    private long seed = 1;
    private boolean autoTraffic = true;
    private long agentLoginDelayMs = 50;
    private int sessionQueueCapacity = 50_000;
    private boolean waitForClient = true;

    /** The traffic scenario. */
    public Builder scenario(SimulationScenario s) {
      this.scenario = Objects.requireNonNull(s, "scenario");
      return this;
    }

    /** AMI port on 127.0.0.1 (0 = ephemeral). */
    public Builder amiPort(int port) {
      this.amiPort = port;
      return this;
    }

    /** The manager user and its secret. */
    public Builder amiCredentials(String user, String secret) {
      this.amiUser = Objects.requireNonNull(user, "user");
      this.amiSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /** Where Switchboard's FastAGI server listens (port 0 = none: AGISTATUS=FAILURE). */
    public Builder agiTarget(String host, int port) {
      this.agiHost = Objects.requireNonNull(host, "host");
      this.agiPort = port;
      return this;
    }

    /** The PBX id (added to AGI URLs as {@code &pbx=}). */
    public Builder pbxId(String id) {
      this.pbxId = Objects.requireNonNull(id, "pbxId");
      return this;
    }

    /** Simulated seconds per real second (1.0 = real time). */
    public Builder timeScale(double scale) {
      this.timeScale = scale;
      return this;
    }

    /**
     * Where the simulated clock starts (default: now). The scenario's intraday profile reads the
     * hour of this clock, so a fixed start gives the same arrival rates at any hour of the real
     * day: the morning peak can be shown in the evening, and a test runs as long at night as by
     * day.
     */
    public Builder clockStart(Instant start) {
      this.clockStart = start;
      return this;
    }

    /** The simulated clock starts today (UTC) at this time of day; {@code null} = now. */
    public Builder clockStartTodayAt(LocalTime timeOfDayUtc) {
      return clockStart(
          timeOfDayUtc == null
              ? null
              : LocalDate.now(ZoneOffset.UTC).atTime(timeOfDayUtc).toInstant(ZoneOffset.UTC));
    }

    /** Seed of all randomness. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether the scenario's arrivals run (false: agents only; use placeCall). */
    public Builder autoTraffic(boolean on) {
      this.autoTraffic = on;
      return this;
    }

    /** Gap between agent logins at start, simulated ms. */
    public Builder agentLoginDelayMs(long ms) {
      this.agentLoginDelayMs = ms;
      return this;
    }

    /**
     * Whether agents and callers start only when the first AMI client has logged in (default true,
     * so the router sees the agents' login events); false starts them at {@link #start()}.
     */
    public Builder waitForClient(boolean wait) {
      this.waitForClient = wait;
      return this;
    }

    /** Messages buffered per AMI client before a stuck client is dropped. */
    public Builder sessionQueueCapacity(int capacity) {
      this.sessionQueueCapacity = capacity;
      return this;
    }

    /** Validates and builds (not started). */
    public PbxSimulator build() {
      if (!(timeScale > 0)) {
        throw new IllegalArgumentException("timeScale must be > 0");
      }
      if (agiPort < 0 || agiPort > 65535 || amiPort < 0 || amiPort > 65535) {
        throw new IllegalArgumentException("port out of range");
      }
      return new PbxSimulator(this);
    }
  }
}
