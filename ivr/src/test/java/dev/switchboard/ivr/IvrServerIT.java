package dev.switchboard.ivr;

import static dev.switchboard.ivr.FakeAsterisk.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher.PublishResult;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.api.WaitEstimator;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The IVR over real FastAGI connections on loopback. */
class IvrServerIT {

  static final long MONDAY_10_PARIS =
      ZonedDateTime.parse("2026-11-23T10:00:00+01:00[Europe/Paris]").toInstant().toEpochMilli();
  static final TimeSource CLOCK = () -> MONDAY_10_PARIS;
  static final Duration DEADLINE = Duration.ofSeconds(10);

  final RecordingPublisher publisher = new RecordingPublisher();
  final List<IvrServer> servers = new ArrayList<>();
  WaitEstimator estimator = (queue, contact) -> new WaitEstimate(2, 1, 90);

  /** Whether the stand-in router registers the callbacks the IVR asks for (else it refuses). */
  boolean registerCallbacks = true;

  IvrServer start(IvrConfiguration cfg) {
    IvrServer server = new IvrServer(cfg, publisher, estimator, TestConfigs.customers(), CLOCK);
    publisher.router =
        command -> {
          if (command instanceof Command.CallbackRequested c) {
            server.onEvent(
                registerCallbacks
                    ? new RouterEvent.CallbackRegistered(0, c.contactId(), "sales", c.number(), 0)
                    : new RouterEvent.CommandRejected(0, c, "wrong-state", "being offered"),
                false);
          }
        };
    servers.add(server);
    server.start();
    return server;
  }

  @AfterEach
  void closeServers() {
    servers.forEach(IvrServer::close);
  }

  /** Answers like Asterisk until the server closes: prompts played, digits from the list. */
  static void answer(FakeAsterisk asterisk, String... digits) throws IOException {
    Deque<String> keys = new ArrayDeque<>(List.of(digits));
    String command;
    while ((command = asterisk.readCommand()) != null) {
      if (command.startsWith("GET DATA")) {
        String k = keys.poll();
        asterisk.reply(k == null || k.isEmpty() ? "200 result= (timeout)" : "200 result=" + k);
      } else if (command.startsWith("STREAM FILE")) {
        asterisk.reply("200 result=0 endpos=8000");
      } else if (command.startsWith("SAY ")) {
        asterisk.reply("200 result=0");
      } else {
        asterisk.reply("200 result=1");
      }
    }
  }

  @Test
  void shouldRunAFullMenuAndPublishTheContact() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(
          FakeAsterisk.environment("ivr?entry=500", "1700000000.7", "0611223355"));
      answer(asterisk, "2", "2", "1234567"); // français, compte, a VIP account
      assertThat(asterisk.commands)
          .startsWith(
              "STREAM FILE \"en/welcome\" \"\"",
              "GET DATA \"en/choose-language\" 4000 1",
              "SET VARIABLE \"CHANNEL(language)\" \"fr\"",
              "SET VARIABLE \"SB_LANGUAGE\" \"fr\"",
              "GET DATA \"fr/main-menu\" 5000 1",
              "GET DATA \"fr/enter-account\" 5000 8",
              "SET VARIABLE \"SB_PRIORITY\" \"8\"",
              "STREAM FILE \"fr/queue-position\" \"\"",
              "SAY NUMBER \"2\" \"\"",
              "STREAM FILE \"fr/queue-wait\" \"\"",
              "SAY NUMBER \"2\" \"\"",
              "STREAM FILE \"fr/minutes\" \"\"",
              "SET VARIABLE \"SB_CONTACT\" \"pbx1:1700000000.7\"");
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    Command.ContactArrived arrived = (Command.ContactArrived) publisher.commands.get(0);
    assertThat(arrived.contactId()).isEqualTo("pbx1:1700000000.7");
    assertThat(arrived.queueId()).isEqualTo("support");
    assertThat(arrived.priority()).isEqualTo(8);
    assertThat(arrived.language()).isEqualTo("fr");
    assertThat(arrived.channel()).isEqualTo("PJSIP/sipp-17000000007");
    assertThat(arrived.attributes()).containsEntry("tier", "VIP");
    assertThat(server.counters().sessionsCompleted()).isEqualTo(1);
    assertThat(server.counters().contactsPublished()).isEqualTo(1);
  }

  @Test
  void shouldOfferACallbackOverTheWireAndHangUp() throws Exception {
    estimator = (queue, contact) -> new WaitEstimate(12, 11, 900);
    IvrServer server = start(TestConfigs.example());
    server.onEvent(
        new RouterEvent.QueueConfigured(
            0,
            new QueueConfiguration(
                "sales",
                "Sales",
                List.of(),
                dev.switchboard.router.api.ServiceLevelTarget.defaults(),
                dev.switchboard.router.api.AgentSelectionPolicy.LONGEST_IDLE,
                0,
                15,
                0,
                0,
                null,
                List.of(),
                30,
                300)),
        false);
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "1.2", "0611223355"));
      answer(asterisk, "1", "1", "1", "1");
      assertThat(asterisk.commands).contains("SAY DIGITS \"0611223355\" \"\"").endsWith("HANGUP");
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(publisher.commands)
        .hasSize(2)
        .last()
        .isEqualTo(new Command.CallbackRequested("pbx1:1.2", "0611223355", 0));
    assertThat(server.counters().callbacksRequested()).isEqualTo(1);
  }

  @Test
  void shouldPlayTheEmergencyAnnouncementFirstOnceSwitchedOn() throws Exception {
    IvrServer server = start(TestConfigs.example());
    server.onEvent(new RouterEvent.AnnouncementChanged(0, "*", true, "storm"), true);
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "1.3", "sipp"));
      answer(asterisk, "1", "1");
      assertThat(asterisk.commands.get(0)).isEqualTo("STREAM FILE \"en/storm\" \"\"");
    }
    server.onEvent(new RouterEvent.AnnouncementChanged(0, "*", false, ""), false);
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "1.4", "sipp"));
      answer(asterisk, "1", "1");
      assertThat(asterisk.commands.get(0)).isEqualTo("STREAM FILE \"en/welcome\" \"\"");
    }
  }

  @Test
  void shouldEndCleanlyWhenTheCallerHangsUpMidMenu() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "2.1", "sipp"));
      assertThat(asterisk.readCommand()).startsWith("STREAM FILE");
      asterisk.reply("200 result=0 endpos=100");
      assertThat(asterisk.readCommand()).startsWith("GET DATA");
      asterisk.reply("HANGUP");
      assertThat(asterisk.closedByServer()).isTrue();
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(server.counters().callerHangups()).isEqualTo(1);
    assertThat(publisher.commands).isEmpty();
  }

  @Test
  void shouldTreatMinusOneAndDeadChannelAsHangup() throws Exception {
    IvrServer server = start(TestConfigs.example());
    for (String reply :
        List.of(
            "200 result=-1", "511 Command Not Permitted on a dead channel or intercept routine")) {
      try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
        asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "2.2", "sipp"));
        assertThat(asterisk.readCommand()).startsWith("STREAM FILE");
        asterisk.reply(reply);
        assertThat(asterisk.closedByServer()).isTrue();
      }
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(server.counters().callerHangups()).isEqualTo(2);
  }

  @Test
  void shouldLeaveAPublishedContactToTheRouterWhenTheCallerHangsUpAfterwards() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "2.3", "sipp"));
      String command;
      // Play along until the contact is published, then hang up on the last SET VARIABLE.
      while ((command = asterisk.readCommand()) != null) {
        if (command.startsWith("GET DATA")) {
          asterisk.reply("200 result=1");
        } else if (command.startsWith("SET VARIABLE \"SB_CONTACT\"")) {
          asterisk.reply("200 result=1");
        } else {
          asterisk.reply("200 result=0");
        }
      }
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(publisher.commands).singleElement().isInstanceOf(Command.ContactArrived.class);
    assertThat(server.counters().sessionsCompleted()).isEqualTo(1);
  }

  @Test
  void shouldEndCleanlyWhenThePbxClosesTheSocket() throws Exception {
    IvrServer server = start(TestConfigs.example());
    FakeAsterisk asterisk = FakeAsterisk.connect(server.port());
    asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "3.1", "sipp"));
    assertThat(asterisk.readCommand()).startsWith("STREAM FILE");
    asterisk.close();
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(server.counters().connectionsLost()).isEqualTo(1);
  }

  @Test
  void shouldDropGarbageWithoutCrashing() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(asterisk.closedByServer()).isTrue();
    }
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.send("x".repeat(20_000)); // no line end at all
      assertThat(asterisk.closedByServer()).isTrue();
    }
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "4.1", "sipp"));
      assertThat(asterisk.readCommand()).startsWith("STREAM FILE");
      asterisk.reply("garbage reply");
      assertThat(asterisk.closedByServer()).isTrue();
    }
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("voicemail?x=1", "4.2", "sipp"));
      assertThat(asterisk.closedByServer()).isTrue();
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(server.counters().protocolErrors()).isEqualTo(4);
    // Still serving after all that.
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "4.3", "sipp"));
      answer(asterisk, "1", "1");
    }
    await(() -> publisher.commands.size() == 1, DEADLINE);
  }

  @Test
  void shouldEndTheSessionWhenACommandFails() throws Exception {
    IvrServer server = start(TestConfigs.example());
    for (String failure :
        List.of(
            "510 Invalid or unknown command",
            "520-Invalid command syntax.  Proper usage follows:\nUsage: STREAM FILE\n520 End of proper usage.")) {
      try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
        asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "5.1", "sipp"));
        assertThat(asterisk.readCommand()).startsWith("STREAM FILE");
        asterisk.reply(failure);
        assertThat(asterisk.closedByServer()).isTrue();
      }
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(server.counters().commandFailures()).isEqualTo(2);
  }

  @Test
  void shouldRefuseAnAddressThatIsNotAConfiguredPbx() throws Exception {
    IvrConfiguration cfg = withPbxs(Map.of("elsewhere", "127.0.0.2"));
    IvrServer server = start(cfg);
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      assertThat(asterisk.closedByServer()).isTrue();
    }
    await(() -> server.counters().connectionsRefused() == 1, DEADLINE);
    assertThat(server.counters().connectionsAccepted()).isZero();
    assertThat(server.activeSessions()).isZero();
  }

  @Test
  void shouldScopeContactIdsByThePbxParameter() throws Exception {
    IvrServer server =
        start(withPbxs(Map.of("a", "127.0.0.1", "b", "127.0.0.1", "c", "127.0.0.2")));
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500&pbx=b", "6.1", "sipp"));
      answer(asterisk, "1", "1");
    }
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500&pbx=c", "6.2", "sipp"));
      assertThat(asterisk.closedByServer()).isTrue(); // c is not at this address
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(((Command.ContactArrived) publisher.commands.get(0)).contactId()).isEqualTo("b:6.1");
    assertThat(((Command.ContactArrived) publisher.commands.get(0)).pbxId()).isEqualTo("b");
    assertThat(server.counters().connectionsRefused()).isEqualTo(1);
  }

  @Test
  void shouldFindTheScriptInAgiRequestWhenNetworkScriptIsMissing() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      Map<String, String> env = FakeAsterisk.environment("ivr?entry=500", "6.9", "sipp");
      env.remove("agi_network_script");
      asterisk.sendEnvironment(env);
      answer(asterisk, "1", "1");
    }
    await(() -> publisher.commands.size() == 1, DEADLINE);
    assertThat(((Command.ContactArrived) publisher.commands.get(0)).contactId())
        .isEqualTo("pbx1:6.9");
  }

  @Test
  void shouldRecordASurvey() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(
          FakeAsterisk.environment("survey?contact=pbx1%3A9.9", "7.1", "sipp"));
      answer(asterisk, "5");
      assertThat(asterisk.commands).first().isEqualTo("GET DATA \"en/survey\" 5000 1");
      assertThat(asterisk.commands).last().isEqualTo("HANGUP");
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(publisher.commands).containsExactly(new Command.SurveyRecorded("pbx1:9.9", 5));
  }

  @Test
  void shouldOfferTheMidWaitCallback() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(
          FakeAsterisk.environment("callback?contact=pbx1:8.8", "8.9", "0611223355"));
      answer(asterisk, "1", "2", "0698765432");
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(publisher.commands)
        .containsExactly(new Command.CallbackRequested("pbx1:8.8", "0698765432", 0));
  }

  @Test
  void shouldSendTheCallerBackToTheWaitWhenTheRouterRefusesTheCallback() throws Exception {
    // The router refuses a callback for a caller it is putting through to an agent right now: the
    // caller must not be thanked and hung up on, but returned to the wait, where that call reaches
    // them.
    registerCallbacks = false;
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(
          FakeAsterisk.environment("callback?contact=pbx1:8.8", "8.9", "0611223355"));
      answer(asterisk, "1", "1");
      assertThat(asterisk.commands)
          .noneMatch(c -> c.startsWith("HANGUP"))
          .noneMatch(c -> c.contains("callback-thanks"));
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(publisher.commands)
        .containsExactly(new Command.CallbackRequested("pbx1:8.8", "0611223355", 0));
  }

  @Test
  void shouldTransferOutThroughTheOverflowContext() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "9.1", "sipp"));
      answer(asterisk, "1", "0");
      assertThat(asterisk.commands)
          .endsWith(
              "STREAM FILE \"en/transferring\" \"\"",
              "SET VARIABLE \"SB_TRANSFER\" \"0612345678\"",
              "SET CONTEXT \"switchboard-overflow\"",
              "SET EXTENSION \"0612345678\"",
              "SET PRIORITY \"1\"");
    }
  }

  @Test
  void shouldReturnNotRoutedWhenTheRouterIsClosed() throws Exception {
    publisher.answer = PublishResult.CLOSED;
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "9.2", "sipp"));
      answer(asterisk, "1", "1");
      assertThat(asterisk.commands)
          .last()
          .isEqualTo("SET VARIABLE \"SB_IVR_RESULT\" \"not-routed\"");
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    assertThat(server.counters().publishFailures()).isEqualTo(1);
  }

  @Test
  void shouldNotLeakSessionsOrThreads() throws Exception {
    IvrServer server = start(TestConfigs.example());
    List<FakeAsterisk> callers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      FakeAsterisk a = FakeAsterisk.connect(server.port());
      a.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "10." + i, "sipp"));
      assertThat(a.readCommand()).startsWith("STREAM FILE");
      callers.add(a);
    }
    await(() -> server.activeSessions() == 50, DEADLINE);
    assertThat(sessionThreads()).isEqualTo(50);
    for (int i = 0; i < callers.size(); i++) {
      FakeAsterisk a = callers.get(i);
      if (i % 2 == 0) {
        a.reply("200 result=0 endpos=1");
        answer(a, "1", "1");
      }
      a.close();
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
    await(() -> sessionThreads() == 0, DEADLINE);
    assertThat(publisher.commands).hasSize(25);
    IvrCounters c = server.counters();
    assertThat(c.sessionsCompleted() + c.connectionsLost()).isEqualTo(50);
  }

  @Test
  void shouldCloseOpenSessionsOnShutdown() throws Exception {
    IvrServer server = start(TestConfigs.example());
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "11.1", "sipp"));
      assertThat(asterisk.readCommand()).startsWith("STREAM FILE");
      server.close();
      assertThat(asterisk.closedByServer()).isTrue();
    }
    await(() -> server.activeSessions() == 0, DEADLINE);
  }

  @Test
  void shouldRunNewSessionsWithAReloadedConfiguration() throws Exception {
    IvrServer server = start(TestConfigs.example());
    server.reload(TestConfigs.yaml(TestConfigs.resource("replay-s01.yaml")));
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
      asterisk.sendEnvironment(FakeAsterisk.environment("ivr?entry=500", "12.1", "sipp"));
      answer(asterisk);
      assertThat(asterisk.commands).first().isEqualTo("SET VARIABLE \"SB_PRIORITY\" \"5\"");
    }
  }

  static long sessionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ivr-session-") && t.isAlive())
        .count();
  }

  static IvrConfiguration withPbxs(Map<String, String> pbxs) {
    IvrConfiguration e = TestConfigs.example();
    return new IvrConfiguration(
        e.bindAddress(),
        e.port(),
        pbxs,
        e.entryPoints(),
        e.nodes(),
        e.prompts(),
        e.calendars(),
        e.scripts(),
        e.customerDirectory(),
        e.zone(),
        e.replyTimeoutMs());
  }
}
