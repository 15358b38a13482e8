package dev.switchboard.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench}: says how to run the benchmarks. They live in the {@code bench} module
 * and are not part of the server: a benchmark on a loaded machine measures the machine, so it is
 * run on purpose, not from the server's command line.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Prints how to build and run the benchmarks in bench/.")
public final class BenchCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        """
        The benchmarks live in the bench/ module (JMH benchmarks and an open-loop load harness);
        they are not run by the tests. From the repository root:

          mvn -B -q install -DskipTests                      # the modules the benchmarks use
          mvn -B -q -pl bench package dependency:build-classpath \\
              -Dmdep.outputFile=target/classpath.txt         # compiles them, lists their classpath
          CP=bench/target/classes:$(cat bench/target/classpath.txt)

          # JMH, e.g. every pipeline benchmark, one fork (-h lists JMH's options):
          java $(./switchboard jvm-flags) -cp "$CP" org.openjdk.jmh.Main pipeline -f 1

          # the open-loop latency harness (intended send time -> dispatched event):
          java $(./switchboard jvm-flags) -cp "$CP" dev.switchboard.bench.harness.OpenLoopHarness

        Figures, with the machine and the exact command, are in docs/benchmarks.md. Run them on an
        otherwise idle machine: a shared or noisy one gives noisy figures.""");
    out.flush();
    return ExitCodes.OK;
  }
}
