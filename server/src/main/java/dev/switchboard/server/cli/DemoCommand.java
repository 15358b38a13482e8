package dev.switchboard.server.cli;

import dev.switchboard.server.app.SwitchboardApplication;
import dev.switchboard.server.config.ConfigurationError;
import dev.switchboard.server.config.ConfigurationException;
import dev.switchboard.server.config.ConfigurationLoader;
import dev.switchboard.server.config.IvrSectionValidator;
import dev.switchboard.server.config.PbxLinkConfiguration;
import dev.switchboard.server.config.SimulatorRunConfiguration;
import dev.switchboard.server.config.SwitchboardConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.LocalTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard demo}: everything on loopback with the built-in PBX simulator (3 queues, 30
 * agents, VIP callers), a fresh data directory, and freshly generated secrets and tokens, which it
 * prints (for the demo only: a production configuration takes them from the environment or files).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the demo: Switchboard plus the built-in PBX simulator on loopback, until Ctrl-C.",
      "Prints the wallboard and console URLs and the demo's tokens.",
      "Exit codes: 0 stopped, 1 failed at run time, 2 usage."
    })
public final class DemoCommand implements Callable<Integer> {

  /** The demo configuration on the classpath (the documented example). */
  static final String DEMO_CONFIGURATION = "demo/switchboard.yaml";

  /** How far past the wanted HTTP port the demo looks for a free one. */
  private static final int PORT_SEARCH = 20;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "HTTP port, or the next free one after it (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--agents",
      paramLabel = "N",
      description = "Staff only the first N of the 30 demo agents (the others stay unconfigured).")
  Integer agents;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      description = "Stop after N seconds (for tests and recordings); default: until Ctrl-C.")
  Long seconds;

  @Option(
      names = "--time-scale",
      paramLabel = "X",
      description = "Simulated seconds per real second (default: the configuration's, 1.0).")
  Double timeScale;

  @Option(
      names = "--start-time",
      paramLabel = "HH:MM",
      description =
          "Start the simulated clock at this UTC time of day, e.g. 10:00 for the morning peak"
              + " (default: the configuration's, or now).")
  LocalTime startTime;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory for the journal and event log (default: a new temporary one).")
  Path data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (agents != null && (agents < 1 || agents > 30)) {
      err.println("switchboard demo: --agents must be between 1 and 30");
      err.flush();
      return ExitCodes.USAGE;
    }
    if (timeScale != null
        && !(timeScale >= SimulatorRunConfiguration.MIN_TIME_SCALE
            && timeScale <= SimulatorRunConfiguration.MAX_TIME_SCALE)) {
      // Worded as the configuration file's check words it.
      err.println(
          "switchboard demo: --time-scale must be between "
              + SimulatorRunConfiguration.MIN_TIME_SCALE
              + " and "
              + SimulatorRunConfiguration.MAX_TIME_SCALE);
      err.flush();
      return ExitCodes.USAGE;
    }
    Path dir = data != null ? Files.createDirectories(data) : Files.createTempDirectory("sb-demo-");
    Path file = dir.resolve("switchboard.yaml");
    try (InputStream in =
        DemoCommand.class.getClassLoader().getResourceAsStream(DEMO_CONFIGURATION)) {
      if (in == null) {
        throw new IOException(DEMO_CONFIGURATION + " is missing from the classpath");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    Map<String, String> secrets = new HashMap<>();
    for (String name :
        List.of(
            "SWITCHBOARD_PBX1_SECRET",
            "SWITCHBOARD_WALLBOARD_TOKEN",
            "SWITCHBOARD_SUPERVISOR_TOKEN",
            "SWITCHBOARD_ADMIN_TOKEN",
            "SWITCHBOARD_AGENT01_TOKEN")) {
      secrets.put(name, randomToken());
    }
    java.util.function.Supplier<ConfigurationLoader> loaders =
        () ->
            new ConfigurationLoader(
                name -> secrets.containsKey(name) ? secrets.get(name) : System.getenv(name),
                new IvrSectionValidator());
    int httpPort = freePortFrom(port);
    int amiPort = freePortFrom(0);
    UnaryOperator<SwitchboardConfiguration> adjust = c -> adjust(c, httpPort, amiPort);
    SwitchboardConfiguration configuration;
    try {
      configuration = adjust.apply(loaders.get().load(file));
    } catch (ConfigurationException e) {
      e.errors().stream().map(ConfigurationError::toString).forEach(err::println);
      err.flush();
      return ExitCodes.USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    ProcessSignals signals = ProcessSignals.install(stopped);
    SwitchboardApplication app =
        SwitchboardApplication.start(
            new SwitchboardApplication.Settings(configuration, loaders, adjust, true, true));
    String url = app.httpUrl();
    out.printf(
        """

        Switchboard demo is running (Ctrl-C to stop).
          wallboard:  %s/wallboard?token=%s
          console:    %s/console   (supervisor token: %s)
          API:        curl -H 'Authorization: Bearer %s' %s/api/v1/queues
          metrics:    curl -H 'Authorization: Bearer %s' %s/metrics
          data:       %s (journal, event log, the configuration used)
        These tokens and the AMI secret were generated for this run only.

        """,
        url,
        secrets.get("SWITCHBOARD_WALLBOARD_TOKEN"),
        url,
        secrets.get("SWITCHBOARD_SUPERVISOR_TOKEN"),
        secrets.get("SWITCHBOARD_WALLBOARD_TOKEN"),
        url,
        secrets.get("SWITCHBOARD_WALLBOARD_TOKEN"),
        url,
        dir);
    out.flush();
    signals.attach(app);
    if (seconds != null) {
      if (!stopped.await(seconds, TimeUnit.SECONDS)) {
        app.close();
      }
    } else {
      stopped.await();
    }
    return ExitCodes.OK;
  }

  private SwitchboardConfiguration adjust(SwitchboardConfiguration c, int httpPort, int amiPort) {
    // Port 0 in the file: the simulator stands in for that PBX on the free port picked here.
    List<PbxLinkConfiguration> pbxs =
        c.pbxs().stream().map(p -> p.port() == 0 ? p.withPort(amiPort) : p).toList();
    SwitchboardConfiguration adjusted = c.withPbxs(pbxs).withHttp(c.http().withPort(httpPort));
    if (timeScale != null) {
      adjusted = adjusted.withSimulator(s -> s.withTimeScale(timeScale));
    }
    if (startTime != null) {
      adjusted = adjusted.withSimulator(s -> s.withStartTime(startTime));
    }
    if (agents != null) {
      adjusted = adjusted.withFirstAgents(agents);
    }
    return adjusted;
  }

  private static String randomToken() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The first port from {@code wanted} on that is free on loopback (0: any free port). The port is
   * released before use, so another process could take it in between; on loopback, for a demo, that
   * risk is accepted.
   */
  static int freePortFrom(int wanted) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    if (wanted > 0) {
      for (int candidate = wanted; candidate < wanted + PORT_SEARCH; candidate++) {
        try (ServerSocket socket = new ServerSocket(candidate, 1, loopback)) {
          return socket.getLocalPort();
        } catch (IOException taken) {
          // In use: try the next one.
        }
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
      return socket.getLocalPort();
    }
  }
}
