package dev.switchboard.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.ivr.IvrConfiguration;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.server.config.ConfigurationLoader;
import dev.switchboard.server.config.SwitchboardConfiguration;
import dev.switchboard.server.http.ApiBackend.ReloadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConfigurationReloaderTest {

  static final String CONFIG =
      """
      pbxs:
        - {id: pbx1, username: u, secret: ami-password-123}
      skills: [sales]
      queues:
        - {id: sales, skills: {sales: 3}, wrapUpSeconds: 5}
      agents:
        - {id: a1, skills: {sales: 5}}
      """;

  @TempDir Path dir;
  Path file;
  final List<Command> published = new ArrayList<>();
  CommandPublisher.PublishResult answer = CommandPublisher.PublishResult.ACCEPTED;
  final List<IvrConfiguration> ivrApplied = new ArrayList<>();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  ConfigurationReloader reloader;

  static ConfigurationLoader loader() {
    return new ConfigurationLoader(Map.<String, String>of()::get, (s, q, f, p) -> List.of());
  }

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("switchboard.yaml");
    Files.writeString(file, CONFIG);
    SwitchboardConfiguration initial = loader().load(file);
    reloader =
        new ConfigurationReloader(
            ConfigurationReloaderTest::loader,
            UnaryOperator.identity(),
            command -> {
              if (answer.accepted()) {
                published.add(command);
              }
              return answer;
            },
            ivrApplied::add,
            c -> null,
            initial);
    logs.start();
    ((Logger) LoggerFactory.getLogger(ConfigurationReloader.class)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(ConfigurationReloader.class)).detachAppender(logs);
  }

  @Test
  void shouldApplyAValidFileThroughTheRouter() throws Exception {
    Files.writeString(file, CONFIG.replace("wrapUpSeconds: 5", "wrapUpSeconds: 30"));

    ReloadResult result = reloader.reload();

    assertThat(result).isInstanceOf(ReloadResult.Applied.class);
    assertThat(published)
        .singleElement()
        .isInstanceOfSatisfying(
            Command.ConfigurationChanged.class,
            c -> assertThat(c.configuration().queue("sales").wrapUpSeconds()).isEqualTo(30));
    assertThat(reloader.current().routing().queue("sales").wrapUpSeconds()).isEqualTo(30);
  }

  @Test
  void shouldLeaveTheRunningConfigurationUntouchedWhenTheFileIsInvalid() throws Exception {
    SwitchboardConfiguration before = reloader.current();
    Files.writeString(file, CONFIG.replace("wrapUpSeconds: 5", "wrapUpSeconds: -1, colour: red"));

    ReloadResult result = reloader.reload();

    assertThat(result)
        .isInstanceOfSatisfying(
            ReloadResult.Invalid.class,
            invalid ->
                assertThat(invalid.problems())
                    .containsExactly(
                        "switchboard.yaml:5: queues[0].colour: unknown field (allowed: id, name,"
                            + " skills, serviceLevel, policy, wrapUpSeconds, ringTimeoutSeconds,"
                            + " maxWaitSeconds, maxLength, overflow, escalation,"
                            + " agingSecondsPerPriority, callbackOfferSeconds)",
                        "switchboard.yaml:5: queues[0].wrapUpSeconds: must be between 0 and 3600,"
                            + " got -1"));
    assertThat(published).isEmpty();
    assertThat(reloader.current()).isSameAs(before);
    assertThat(logs.list)
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("refused", "2 error(s)"));
  }

  @Test
  void shouldReportWhenTheRouterDoesNotTakeTheConfiguration() throws Exception {
    SwitchboardConfiguration before = reloader.current();
    Files.writeString(file, CONFIG.replace("wrapUpSeconds: 5", "wrapUpSeconds: 30"));
    answer = CommandPublisher.PublishResult.RING_FULL;

    ReloadResult result = reloader.reload();

    assertThat(result)
        .isEqualTo(new ReloadResult.NotPublished(CommandPublisher.PublishResult.RING_FULL));
    assertThat(reloader.current()).isSameAs(before);
  }

  @Test
  void shouldSayWhichChangesNeedARestart() throws Exception {
    Files.writeString(file, CONFIG.replace("ami-password-123", "new-password-456"));

    ReloadResult result = reloader.reload();

    assertThat(result)
        .isInstanceOfSatisfying(
            ReloadResult.Applied.class,
            applied -> assertThat(applied.summary()).contains("changes to pbxs apply at the next"));
  }

  @Test
  void shouldNeverLogTheSecrets() throws Exception {
    Files.writeString(file, CONFIG.replace("ami-password-123", "new-password-456"));
    reloader.reload();
    Files.writeString(file, CONFIG.replace("wrapUpSeconds: 5", "wrapUpSeconds: x"));
    reloader.reload();

    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list)
        .allSatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .doesNotContain("ami-password-123")
                    .doesNotContain("new-password-456"));
    assertThat(reloader.current().toString()).doesNotContain("new-password-456");
  }
}
