package dev.switchboard.server.whatif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.router.engine.RoutingStateMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code switchboard simulate --scenario FILE}: runs a what-if scenario through the routing engine
 * in virtual time and writes {@code <name>.json} and {@code <name>.html}.
 */
@CommandLine.Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = dev.switchboard.server.cli.VersionProvider.class,
    description =
        "Run a what-if scenario through the routing engine in virtual time and write a report"
            + " (JSON and HTML).")
public final class WhatIfCommand implements Callable<Integer> {

  @CommandLine.Option(
      names = "--scenario",
      required = true,
      paramLabel = "FILE",
      description = "the scenario file (YAML, see docs/whatif.md)")
  Path scenarioFile;

  @CommandLine.Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "where to write the report (default: the current directory)")
  Path outDirectory;

  @CommandLine.Option(
      names = "--seed",
      paramLabel = "N",
      description = "override the scenario's random seed")
  Long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WhatIfScenario scenario;
    try {
      scenario = WhatIfScenarioLoader.load(scenarioFile);
    } catch (WhatIfScenarioLoader.ScenarioException e) {
      err.println(scenarioFile + ": the scenario is not valid:");
      e.errors().forEach(line -> err.println("  " + line));
      return 2;
    } catch (IOException e) {
      err.println(scenarioFile + ": cannot read: " + e.getMessage());
      return 2;
    }
    if (seed != null) {
      scenario =
          new WhatIfScenario(
              scenario.name(),
              seed,
              scenario.startHour(),
              scenario.durationHours(),
              scenario.intervalMinutes(),
              scenario.tickMillis(),
              scenario.selection(),
              scenario.queues(),
              scenario.traffic(),
              scenario.agents());
    }
    WhatIfReport report = WhatIfSimulation.run(scenario, RoutingStateMachine::new);
    Files.createDirectories(outDirectory);
    String base = fileName(report.scenario());
    Path json = outDirectory.resolve(base + ".json");
    Path html = outDirectory.resolve(base + ".html");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
    Files.writeString(html, WhatIfHtmlRenderer.render(report));
    for (WhatIfReport.QueueResult q : report.queues()) {
      WhatIfReport.Figures f = q.total();
      out.printf(
          Locale.ROOT,
          "%-12s offered %6d  answered %6d  abandoned %5d  SL %s (target %d%%/%ds)%n",
          q.id(),
          f.offered(),
          f.answered(),
          f.abandoned(),
          f.serviceLevelPercent() == null
              ? "–"
              : String.format(Locale.ROOT, "%5.1f%%", f.serviceLevelPercent()),
          q.targetPercent(),
          q.targetSeconds());
    }
    out.printf(
        Locale.ROOT,
        "simulated %d s in %d ms (%.0fx real time); report: %s, %s%n",
        report.simulatedSeconds(),
        report.wallMillis(),
        report.speedUp(),
        json,
        html);
    return 0;
  }

  private static String fileName(String name) {
    String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    cleaned = cleaned.replaceAll("^-+|-+$", "");
    return cleaned.isEmpty() ? "what-if" : cleaned;
  }
}
