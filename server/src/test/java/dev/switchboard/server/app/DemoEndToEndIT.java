package dev.switchboard.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.config.ConfigurationLoader;
import dev.switchboard.server.config.IvrSectionValidator;
import dev.switchboard.server.config.PbxLinkConfiguration;
import dev.switchboard.server.config.SwitchboardConfiguration;
import dev.switchboard.sim.PbxSimulator;
import dev.switchboard.sim.pbx.SimulatorCounters;
import dev.switchboard.sim.traffic.VirtualCaller;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product over real sockets: the simulator's callers reach the IVR over FastAGI, wait,
 * and are routed to the simulator's agents through the CTI adapter over AMI; the router journals
 * everything; the statistics are read back over HTTP. After a few hundred calls, arrivals stop, the
 * system drains, and every call must be accounted for, in the API's figures and against the
 * simulator's own counters; so must every satisfaction score of the callers who opted in.
 */
class DemoEndToEndIT {

  /** Simulated seconds per real second: talk times of minutes become seconds. */
  static final double TIME_SCALE = 20;

  static final int CALLS = 200;

  /**
   * The simulated clock starts at the demo scenario's morning peak, so arrivals come as fast at any
   * real hour (at night the profile halves them and the test would take twice as long).
   */
  static final LocalTime SIMULATED_START = LocalTime.of(10, 0);

  static final String ADMIN_TOKEN = "e2e-admin-token";

  @TempDir Path dir;

  SwitchboardApplication app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void shouldAccountForEveryCallFromArrivalToAnswerAbandonOrOverflow() throws Exception {
    PbxSimulator simulator = start(true, yaml -> yaml);
    await(
        () -> simulator.counters().callsStarted() >= CALLS,
        Duration.ofSeconds(80),
        state(simulator));
    simulator.stop();
    Totals totals = drained(simulator);

    SimulatorCounters sim = simulator.counters();
    assertThat(totals.offered()).isGreaterThan(CALLS / 2);
    // Callers who opted in at the IVR rated the call after it, and every score reached the figures.
    assertThat(sim.surveys()).isPositive();
    assertThat(totals.csatCount()).isEqualTo(sim.surveys());
  }

  @Test
  void shouldCallBackTheCallersWhoAskedForItWhenTheWaitWasLong() throws Exception {
    // More sales callers at once than the sales agents: the router's clock is real time while the
    // simulator's runs 20 times faster (a talk of 80 s lasts 4 s), so the test's sales queue offers
    // a callback after 2 s of waiting instead of the demo's 120. Those still waiting then accept
    // it with their own number (E.164, as carriers present caller ids) and hang up; the router
    // keeps their place and calls them back through an agent (Originate, then the customer) when
    // their turn comes. Every caller ends answered: on the first call or on the callback.
    String steps =
        "      - {afterSeconds: 20, relaxLevels: 3}\n"
            + "      - {afterSeconds: 60, addSkills: {support: 5}}\n"
            + "      - {afterSeconds: 120, offerCallback: true}\n";
    PbxSimulator simulator =
        start(
            false,
            yaml -> {
              assertThat(yaml).as("the demo's sales escalation").contains(steps);
              return yaml.replace(steps, "      - {afterSeconds: 2, offerCallback: true}\n");
            });
    int callers = 50;
    for (int i = 0; i < callers; i++) {
      simulator.placeCall(
          "600",
          String.format("+1555%07d", i),
          "Caller " + i,
          new VirtualCaller(List.of("1", "3"), -1, -1, true, false, 5));
    }
    // Placing a call only hands it to the PBX thread: wait until every caller is through the IVR
    // and in the router, or an idle system would look drained before the first call exists.
    await(() -> totals(queues()).offered() == callers, Duration.ofSeconds(30), state(simulator));
    Totals totals = drained(simulator);

    SimulatorCounters sim = simulator.counters();
    assertThat(totals.offered()).isEqualTo(callers);
    assertThat(totals.abandoned()).isZero();
    assertThat(totals.callbacksCompleted()).isPositive();
    assertThat(sim.callbacks()).isGreaterThanOrEqualTo(totals.callbacksCompleted());
    assertThat(totals.answered()).isEqualTo(callers);
  }

  /**
   * Starts Switchboard on the demo configuration (edited by {@code edit}) with its simulator;
   * {@code arrivals}: the scenario's callers, or none (the test places its own).
   */
  private PbxSimulator start(boolean arrivals, UnaryOperator<String> edit) throws Exception {
    Path file = DemoConfigurationFile.copyInto(dir, edit);
    Map<String, String> env =
        Map.of(
            "SWITCHBOARD_PBX1_SECRET", "e2e-ami-secret",
            "SWITCHBOARD_WALLBOARD_TOKEN", "e2e-wallboard-token",
            "SWITCHBOARD_SUPERVISOR_TOKEN", "e2e-supervisor-token",
            "SWITCHBOARD_ADMIN_TOKEN", ADMIN_TOKEN,
            "SWITCHBOARD_AGENT01_TOKEN", "e2e-agent-token");
    Supplier<ConfigurationLoader> loaders =
        () -> new ConfigurationLoader(env::get, new IvrSectionValidator());
    int amiPort = freePort();
    UnaryOperator<SwitchboardConfiguration> adjust =
        c ->
            c.withPbxs(
                    c.pbxs().stream().map((PbxLinkConfiguration p) -> p.withPort(amiPort)).toList())
                .withHttp(c.http().withPort(0))
                .withSimulator(s -> s.withTimeScale(TIME_SCALE).withStartTime(SIMULATED_START));
    SwitchboardConfiguration configuration = adjust.apply(loaders.get().load(file));
    app =
        SwitchboardApplication.start(
            new SwitchboardApplication.Settings(configuration, loaders, adjust, true, arrivals));
    return app.simulator().orElseThrow();
  }

  private Supplier<String> state(PbxSimulator simulator) {
    return () -> "simulator " + simulator.counters() + ", router " + totals(queues());
  }

  /**
   * Waits until the system has drained and returns the figures, which account for every call.
   * Drained: every caller the simulator placed has hung up, surveys included (arrivals stop, but a
   * caller already in the IVR reaches a queue after that, so an idle router alone is not drained);
   * nothing waits, rings or waits for its callback; every contact the router took in has ended one
   * way; and the statistics have caught up with the simulator.
   */
  private Totals drained(PbxSimulator simulator) {
    await(
        () -> {
          SimulatorCounters s = simulator.counters();
          Totals t = totals(queues());
          return s.callsInProgress() == 0
              && t.waiting() == 0
              && t.callbacksPending() == 0
              && t.offered() == t.answered() + t.abandoned() + t.overflowed()
              && t.answered() - t.callbacksCompleted() == s.answered()
              && t.csatCount() == s.surveys();
        },
        Duration.ofSeconds(60),
        state(simulator));
    Totals totals = totals(queues());
    SimulatorCounters sim = simulator.counters();
    assertThat(totals.answered() + totals.abandoned() + totals.overflowed())
        .isEqualTo(totals.offered());
    // The router counts a callback answered too; the simulator counts inbound calls only.
    assertThat(totals.answered() - totals.callbacksCompleted())
        .isPositive()
        .isEqualTo(sim.answered());
    assertThat(totals.callbacksCompleted()).isLessThanOrEqualTo(sim.callbacks());
    assertThat(totals.offered()).isLessThanOrEqualTo(sim.callsStarted());
    // The PBX sees the overflows to a number or to a hangup; those to another queue stay inside.
    assertThat(sim.overflowed()).isLessThanOrEqualTo(totals.overflowed());
    return totals;
  }

  /** Sums over every queue of GET /api/v1/queues. */
  record Totals(
      long offered,
      long answered,
      long abandoned,
      long overflowed,
      long waiting,
      long callbacksPending,
      long callbacksCompleted,
      long csatCount) {}

  static Totals totals(JsonNode queues) {
    long offered = 0;
    long answered = 0;
    long abandoned = 0;
    long overflowed = 0;
    long waiting = 0;
    long callbacksPending = 0;
    long callbacksCompleted = 0;
    long csatCount = 0;
    for (JsonNode q : queues.path("queues")) {
      offered += q.path("offered").asLong();
      answered += q.path("answered").asLong();
      abandoned += q.path("abandoned").asLong();
      overflowed += q.path("overflowed").asLong();
      waiting += q.path("waiting").asLong();
      callbacksPending += q.path("callbacksPending").asLong();
      callbacksCompleted += q.path("callbacksCompleted").asLong();
      csatCount += q.path("csatCount").asLong();
    }
    return new Totals(
        offered,
        answered,
        abandoned,
        overflowed,
        waiting,
        callbacksPending,
        callbacksCompleted,
        csatCount);
  }

  JsonNode queues() {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(app.httpUrl() + "/api/v1/queues"))
                      .header("Authorization", "Bearer " + ADMIN_TOKEN)
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Polls a condition every 20 ms until it holds; fails at the deadline, saying where things are.
   */
  static void await(BooleanSupplier condition, Duration timeout, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + ": " + state.get());
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
