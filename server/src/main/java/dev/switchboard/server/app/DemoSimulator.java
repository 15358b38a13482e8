package dev.switchboard.server.app;

import dev.switchboard.server.config.PbxLinkConfiguration;
import dev.switchboard.server.config.SimulatorRunConfiguration;
import dev.switchboard.server.config.SwitchboardConfiguration;
import dev.switchboard.sim.PbxSimulator;
import dev.switchboard.sim.traffic.ScenarioLoader;
import dev.switchboard.sim.traffic.SimulationScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Starts the configured PBX simulator as the stand-in for one configured PBX: same AMI user and
 * secret, the AMI port the PBX entry names (the demo picks a free one), and the IVR's FastAGI port
 * as its AGI target.
 */
final class DemoSimulator {

  /** The built-in scenario's name in {@code simulator.scenario}. */
  static final String BUILTIN_DEMO = "builtin:demo";

  /** Real-time gap between the virtual agents' logins, so the wallboard fills up visibly. */
  private static final long AGENT_LOGIN_GAP_MS = 300;

  private DemoSimulator() {}

  static PbxSimulator start(
      SwitchboardConfiguration config, int agiPort, SwitchboardApplication.Settings settings) {
    SimulatorRunConfiguration run = config.simulator();
    PbxLinkConfiguration pbx = config.pbx(run.pbxId());
    PbxSimulator simulator =
        PbxSimulator.builder()
            .scenario(scenario(run.scenario(), config.source()))
            .amiPort(pbx.port())
            .amiCredentials(pbx.username(), pbx.secret().reveal())
            .agiTarget(config.agi().bindAddress(), agiPort)
            .pbxId(pbx.id())
            .timeScale(run.timeScale())
            .clockStartTodayAt(run.startTime())
            .seed(run.seed())
            .autoTraffic(settings.simulatorArrivals())
            .agentLoginDelayMs(Math.round(AGENT_LOGIN_GAP_MS * run.timeScale()))
            .build();
    simulator.start();
    return simulator;
  }

  private static SimulationScenario scenario(String name, Path configFile) {
    try {
      if (BUILTIN_DEMO.equals(name)) {
        return ScenarioLoader.demo();
      }
      Path base = configFile.toAbsolutePath().getParent();
      return ScenarioLoader.load(base == null ? Path.of(name) : base.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the simulator scenario " + name, e);
    }
  }
}
