package dev.switchboard.sim;

import dev.switchboard.sim.pbx.SimulatorCounters;
import dev.switchboard.sim.traffic.ScenarioLoader;
import dev.switchboard.sim.traffic.SimulationScenario;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario standalone:
 *
 * <pre>
 * java -cp … dev.switchboard.sim.PbxSimulatorMain [--scenario demo|FILE.yaml] [--ami-port 5038]
 *     [--ami-user router] [--agi 127.0.0.1:4573] [--pbx-id pbx1] [--time-scale 1.0] [--seed 42]
 *     [--start-time HH:MM] [--duration-seconds N]
 * </pre>
 *
 * The AMI secret comes from the environment variable {@code SIM_AMI_SECRET} (default {@code
 * secret}), never from the command line.
 */
public final class PbxSimulatorMain {

  private PbxSimulatorMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    String scenarioArg = "demo";
    int amiPort = 5038;
    String user = "router";
    String agi = "";
    String pbxId = "pbx1";
    double timeScale = 1.0;
    long seed = 42;
    LocalTime startTime = null;
    long durationSeconds = 0;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      if (v == null && !a.equals("--help")) {
        usage("missing value for " + a);
      }
      try {
        switch (a) {
          case "--scenario" -> scenarioArg = v;
          case "--ami-port" -> amiPort = Integer.parseInt(v);
          case "--ami-user" -> user = v;
          case "--agi" -> agi = v;
          case "--pbx-id" -> pbxId = v;
          case "--time-scale" -> timeScale = Double.parseDouble(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--start-time" -> startTime = LocalTime.parse(v);
          case "--duration-seconds" -> durationSeconds = Long.parseLong(v);
          case "--help" -> usage(null);
          default -> usage("unknown option " + a);
        }
      } catch (RuntimeException e) {
        usage("bad value for " + a + ": '" + v + "' (" + e.getMessage() + ")");
      }
      i++;
    }
    SimulationScenario scenario =
        scenarioArg.equals("demo")
            ? ScenarioLoader.demo()
            : ScenarioLoader.load(Path.of(scenarioArg));
    String secret = System.getenv().getOrDefault("SIM_AMI_SECRET", "secret");
    PbxSimulator.Builder builder =
        PbxSimulator.builder()
            .scenario(scenario)
            .amiPort(amiPort)
            .amiCredentials(user, secret)
            .pbxId(pbxId)
            .timeScale(timeScale)
            .clockStartTodayAt(startTime)
            .seed(seed);
    if (!agi.isEmpty()) {
      int colon = agi.lastIndexOf(':');
      builder.agiTarget(agi.substring(0, colon), Integer.parseInt(agi.substring(colon + 1)));
    }
    CountDownLatch done = new CountDownLatch(1);
    try (PbxSimulator sim = builder.build()) {
      sim.start();
      Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
      if (durationSeconds > 0) {
        done.await(durationSeconds, TimeUnit.SECONDS);
      } else {
        done.await();
      }
      SimulatorCounters c = sim.counters();
      System.out.printf(
          "calls started %d, answered %d, abandoned %d, overflowed %d, still in progress %d,"
              + " callbacks %d, surveys %d%n",
          c.callsStarted(),
          c.answered(),
          c.abandoned(),
          c.overflowed(),
          c.callsInProgress(),
          c.callbacks(),
          c.surveys());
    }
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println(problem);
    }
    System.err.println(
        "usage: PbxSimulatorMain [--scenario demo|FILE] [--ami-port N] [--ami-user U]"
            + " [--agi HOST:PORT] [--pbx-id ID] [--time-scale X] [--start-time HH:MM] [--seed N]"
            + " [--duration-seconds N]   (AMI secret from $SIM_AMI_SECRET)");
    System.exit(problem == null ? 0 : 2);
  }
}
