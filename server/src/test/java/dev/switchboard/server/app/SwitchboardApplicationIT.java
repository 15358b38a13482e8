package dev.switchboard.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.Command;
import dev.switchboard.server.cli.Main;
import dev.switchboard.server.config.ConfigurationLoader;
import dev.switchboard.server.config.IvrSectionValidator;
import dev.switchboard.server.config.SwitchboardConfiguration;
import dev.switchboard.server.http.ApiBackend;
import dev.switchboard.stats.QueueStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real wiring, without a PBX: start, restart on the same journal, reload, fail cleanly. */
class SwitchboardApplicationIT {

  static final Map<String, String> ENV =
      Map.of(
          "SWITCHBOARD_PBX1_SECRET", "it-secret",
          "SWITCHBOARD_WALLBOARD_TOKEN", "it-wallboard",
          "SWITCHBOARD_SUPERVISOR_TOKEN", "it-supervisor",
          "SWITCHBOARD_ADMIN_TOKEN", "it-admin",
          "SWITCHBOARD_AGENT01_TOKEN", "it-agent");

  @TempDir Path dir;

  Supplier<ConfigurationLoader> loaders =
      () -> new ConfigurationLoader(ENV::get, new IvrSectionValidator());

  /** The demo configuration on ephemeral ports; its PBX is simply not there (link down). */
  SwitchboardApplication.Settings settings(UnaryOperator<SwitchboardConfiguration> more)
      throws Exception {
    Path file = dir.resolve("switchboard.yaml");
    if (!Files.exists(file)) {
      DemoConfigurationFile.copyInto(dir);
    }
    UnaryOperator<SwitchboardConfiguration> adjust =
        c ->
            more.apply(
                c.withPbxs(c.pbxs().stream().map(p -> p.withPort(1)).toList())
                    .withHttp(c.http().withPort(0)));
    return new SwitchboardApplication.Settings(
        adjust.apply(loaders.get().load(file)), loaders, adjust, false, false);
  }

  static HttpResponse<String> get(SwitchboardApplication app, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(app.httpUrl() + path))
                .header("Authorization", "Bearer it-admin")
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRecoverFromTheJournalOnRestart() throws Exception {
    try (SwitchboardApplication first = SwitchboardApplication.start(settings(c -> c))) {
      assertThat(first.configurationApplied()).isTrue();
      assertThat(get(first, "/api/v1/queues").body()).contains("\"sales\"", "\"vip\"");
      assertThat(get(first, "/api/v1/health").statusCode()).isIn(200, 503);
    }

    try (SwitchboardApplication second = SwitchboardApplication.start(settings(c -> c))) {
      assertThat(second.recovery().snapshotUsed())
          .as("the first run's final snapshot")
          .isNotEmpty();
      assertThat(second.recovery().lastJournalIndex()).isGreaterThanOrEqualTo(0);
      assertThat(get(second, "/api/v1/queues").body()).contains("\"support\"");
    }
  }

  @Test
  void shouldKeepTodaysFiguresAcrossARestartFromASnapshot() throws Exception {
    try (SwitchboardApplication first = SwitchboardApplication.start(settings(c -> c))) {
      first.publisher().publish(Command.ContactArrived.call("it:1", "sales", 0));
      first.publisher().publish(Command.ContactArrived.call("it:2", "sales", 0));
      first
          .publisher()
          .publish(new Command.ContactAbandoned("it:1", AbandonReason.CALLER_HANGUP, 16));
      awaitUntil(
          () -> {
            QueueStats q = sales(first);
            return q.offered() == 2 && q.abandoned() == 1 && q.waiting() == 1;
          });
    }

    try (SwitchboardApplication second = SwitchboardApplication.start(settings(c -> c))) {
      assertThat(second.recovery().snapshotUsed())
          .as("routing state came from the first run's final snapshot, not from replayed events")
          .isNotEmpty();
      QueueStats sales = sales(second);
      assertThat(sales.offered()).isEqualTo(2);
      assertThat(sales.abandoned()).isEqualTo(1);
      assertThat(sales.waiting()).isEqualTo(1);
    }
  }

  private static QueueStats sales(SwitchboardApplication app) {
    return app.stats().queue("sales", System.currentTimeMillis()).orElseThrow();
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
      Thread.sleep(5); // polling a condition against a deadline, not waiting for it to happen
    }
  }

  @Test
  void shouldReloadAGoodFileAndRefuseABadOne() throws Exception {
    try (SwitchboardApplication app = SwitchboardApplication.start(settings(c -> c))) {
      Path file = dir.resolve("switchboard.yaml");
      String good = Files.readString(file);

      Files.writeString(file, good.replace("    wrapUpSeconds: 8\n", "    wrapUpSeconds: 9\n"));
      assertThat(app.reload()).isInstanceOf(ApiBackend.ReloadResult.Applied.class);
      assertThat(app.configuration().routing().queue("support").wrapUpSeconds()).isEqualTo(9);

      Files.writeString(file, good.replace("    wrapUpSeconds: 8\n", "    wrapUpSeconds: -8\n"));
      HttpResponse<String> refused =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(app.httpUrl() + "/api/v1/config/reload"))
                      .header("Authorization", "Bearer it-admin")
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isBetween(400, 499);
      assertThat(refused.body()).contains("wrapUpSeconds: must be between 0 and 3600, got -8");
      assertThat(app.configuration().routing().queue("support").wrapUpSeconds()).isEqualTo(9);
    }
  }

  @Test
  void shouldStartNothingWhenAPartCannotStart() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  SwitchboardApplication.start(settings(c -> c.withHttp(c.http().withPort(port)))))
          .isInstanceOf(RuntimeException.class);
    }
    // The failed start released the journal: the same directory starts again.
    try (SwitchboardApplication app = SwitchboardApplication.start(settings(c -> c))) {
      assertThat(app.isRunning()).isTrue();
    }
  }

  @Test
  void shouldReplayTheJournalOfflineWithTheCommandLine() throws Exception {
    SwitchboardConfiguration used;
    try (SwitchboardApplication app = SwitchboardApplication.start(settings(c -> c))) {
      used = app.configuration();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "replay",
            "--journal",
            used.journal().directory().toString(),
            "--report-dir",
            dir.resolve("reports").toString(),
            "--date",
            "2026-11-25");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("commands replayed", "state hash", "QueueConfigured", "sales", "support", "vip");
    Path report = dir.resolve("reports").resolve("sales-2026-11-25.html");
    assertThat(out.toString()).contains("report: " + report);
    assertThat(Files.readString(report)).contains("<html", "<svg");
  }
}
