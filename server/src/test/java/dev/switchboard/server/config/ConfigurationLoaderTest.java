package dev.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.pipeline.StageLayout;
import dev.switchboard.router.pipeline.WaitMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationLoaderTest {

  static final Map<String, String> ENV =
      Map.of(
          "PBX_SECRET", "s3cr3t-ami",
          "WB_TOKEN", "wallboard-token",
          "SUP_TOKEN", "supervisor-token");

  @TempDir Path dir;

  static final String MINIMAL =
      """
      pbxs:
        - id: pbx1
          username: switchboard
          secretEnv: PBX_SECRET
      skills: [sales, support]
      queues:
        - id: sales
          skills: {sales: 5}
        - id: support
          skills: {support: 3}
      agents:
        - {id: a1, skills: {sales: 7}}
        - {id: a2, skills: {support: 4, sales: 2}}
      users:
        - {name: wb, role: wallboard, tokenEnv: WB_TOKEN}
        - {name: boss, role: supervisor, tokenEnv: SUP_TOKEN}
      """;

  static SwitchboardConfiguration parse(String yaml, Path dir) throws ConfigurationException {
    return new ConfigurationLoader(ENV::get, (s, q, f, p) -> List.of())
        .parse(yaml, "switchboard.yaml", dir, dir.resolve("switchboard.yaml"));
  }

  static List<String> errors(String yaml, Path dir) {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> parse(yaml, dir));
    assertThat(e).as("expected the configuration to be rejected").isNotNull();
    return e.errors().stream().map(ConfigurationError::toString).toList();
  }

  @Test
  void shouldLoadAMinimalConfigurationWithDefaults() throws Exception {
    SwitchboardConfiguration c = parse(MINIMAL, dir);

    assertThat(c.pbxs())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.host()).isEqualTo("127.0.0.1");
              assertThat(p.port()).isEqualTo(5038);
              assertThat(p.secret().reveal()).isEqualTo("s3cr3t-ami");
              assertThat(p.connectContext()).isEqualTo("switchboard-connect");
            });
    QueueConfiguration sales = c.routing().queue("sales");
    assertThat(sales.policy()).isEqualTo(AgentSelectionPolicy.LONGEST_IDLE);
    assertThat(sales.serviceLevel().targetSeconds()).isEqualTo(20);
    assertThat(sales.ringTimeoutSeconds()).isEqualTo(15);
    assertThat(sales.overflow()).isEqualTo(new OverflowAction.Disconnect());
    assertThat(c.routing().agents())
        .extracting(a -> a.pbxId() + "/" + a.extension())
        .containsExactly("pbx1/a1", "pbx1/a2");
    assertThat(c.routing().selection()).isEqualTo(ContactSelection.PRIORITY_AGE);
    assertThat(c.http().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(c.agi().port()).isEqualTo(4573);
    assertThat(c.users())
        .extracting(ApiUserConfiguration::tokenSha256Hex)
        .containsExactly(Secret.sha256Hex("wallboard-token"), Secret.sha256Hex("supervisor-token"));
    assertThat(c.journal().directory()).isEqualTo(dir.resolve("data/journal"));
    assertThat(c.journal().stages()).isEqualTo(StageLayout.FUSED);
    assertThat(c.journal().waitMode()).isEqualTo(WaitMode.BLOCKING);
    assertThat(c.simulator()).isNull();
  }

  @Test
  void shouldReadTheRouterThreadingAndRefuseAnUnknownWaitMode() throws Exception {
    SwitchboardConfiguration c =
        parse(
            MINIMAL
                + "journal: {stages: parallel, waitMode: busy-spin, snapshotDirectory: snaps}\n",
            dir);
    assertThat(c.journal().snapshotDirectory()).isEqualTo(dir.resolve("snaps"));
    assertThat(parse(MINIMAL, dir).journal().snapshotDirectory())
        .as("beside the journal by default")
        .isEqualTo(dir.resolve("data/journal"));
    assertThat(c.journal().stages()).isEqualTo(StageLayout.PARALLEL);
    assertThat(c.journal().waitMode()).isEqualTo(WaitMode.BUSY_SPIN);

    assertThat(errors(MINIMAL + "journal: {waitMode: spinning}\n", dir))
        .singleElement()
        .asString()
        .contains("journal.waitMode")
        .contains("must be one of BLOCKING, YIELDING, BUSY_SPIN");
  }

  @Test
  void shouldReadTheSimulatorsStartTimeAndRefuseOneThatIsNotATimeOfDay() throws Exception {
    SimulatorRunConfiguration sim =
        parse(MINIMAL + "simulator: {timeScale: 20, startTime: \"10:30\"}\n", dir).simulator();
    assertThat(sim.startTime()).isEqualTo(LocalTime.of(10, 30));
    assertThat(sim.timeScale()).isEqualTo(20.0);
    assertThat(sim.pbxId()).isEqualTo("pbx1");
    assertThat(parse(MINIMAL + "simulator: {}\n", dir).simulator().startTime())
        .as("now, by default")
        .isNull();

    assertThat(errors(MINIMAL + "simulator: {startTime: \"25:00\"}\n", dir))
        .singleElement()
        .asString()
        .contains("simulator.startTime")
        .contains("must be a time of day HH:MM (UTC), got '25:00'");
  }

  @Test
  void shouldReadEscalationStepsAndOverflows() throws Exception {
    String yaml =
        MINIMAL.replace(
            "  - id: support\n",
            """
              - id: support
                policy: most-skilled
                overflow: {toQueue: sales}
                escalation:
                  - {afterSeconds: 60, addSkills: {sales: 5}}
                  - {afterSeconds: 10, relaxLevels: 2}
                  - {afterSeconds: 90, offerCallback: true}
                  - {afterSeconds: 120, moveToQueue: sales}
                  - {afterSeconds: 300, overflow: {toNumber: "8000"}}
            """);
    SwitchboardConfiguration c = parse(yaml, dir);

    QueueConfiguration support = c.routing().queue("support");
    assertThat(support.policy()).isEqualTo(AgentSelectionPolicy.MOST_SKILLED);
    assertThat(support.overflow()).isEqualTo(new OverflowAction.ToQueue("sales"));
    assertThat(support.escalation())
        .extracting(s -> s.action().getClass().getSimpleName())
        .containsExactly("RelaxLevels", "AddSkills", "OfferCallback", "MoveToQueue", "Overflow");
    assertThat(support.escalation().get(4).action())
        .isEqualTo(new EscalationAction.Overflow(new OverflowAction.ToNumber("8000")));
  }

  @Test
  void shouldReportAnOutOfRangeValueWithFileLineAndPath() {
    String yaml =
        MINIMAL.replace(
            "    skills: {support: 3}\n",
            "    skills: {support: 3}\n    serviceLevel: {targetSeconds: 0}\n");

    assertThat(errors(yaml, dir))
        .containsExactly(
            "switchboard.yaml:11: queues[1].serviceLevel.targetSeconds: must be between 1 and"
                + " 3600, got 0");
  }

  @Test
  void shouldReportEveryErrorAtOnceInFileOrder() {
    String yaml =
        """
        pbxs:
          - id: pbx1
            username: switchboard
            secretEnv: MISSING_VARIABLE
        skills: [sales]
        queues:
          - id: sales
            skills: {salse: 5}
            ringTimeoutSecs: 10
            wrapUpSeconds: -1
          - id: sales
        agents:
          - {id: a1, pbx: pbx2}
        users:
          - {name: x, role: god, tokenSha256: nothex}
        """;

    assertThat(errors(yaml, dir))
        .containsExactly(
            "switchboard.yaml:4: pbxs[0].secretEnv: environment variable MISSING_VARIABLE is not"
                + " set (the AMI password)",
            "switchboard.yaml:8: queues[0].skills.salse: skill 'salse' is not declared under"
                + " skills, did you mean 'sales'?",
            "switchboard.yaml:9: queues[0].ringTimeoutSecs: unknown field, did you mean"
                + " 'ringTimeoutSeconds'? (allowed: id, name, skills, serviceLevel, policy,"
                + " wrapUpSeconds, ringTimeoutSeconds, maxWaitSeconds, maxLength, overflow,"
                + " escalation, agingSecondsPerPriority, callbackOfferSeconds)",
            "switchboard.yaml:10: queues[0].wrapUpSeconds: must be between 0 and 3600, got -1",
            "switchboard.yaml:11: queues[1].id: duplicate queue id 'sales' (first at queues[0])",
            "switchboard.yaml:13: agents[0].pbx: unknown PBX 'pbx2', did you mean 'pbx1'?",
            "switchboard.yaml:15: users[0].role: must be one of WALLBOARD, AGENT, SUPERVISOR,"
                + " ADMIN, got 'god'",
            "switchboard.yaml:15: users[0].tokenSha256: must be 64 hex digits (sha256sum of the"
                + " token)");
  }

  @Test
  void shouldCheckCrossReferences() {
    String yaml =
        """
        pbxs:
          - {id: pbx1, username: u, secretEnv: PBX_SECRET}
        skills: [sales]
        queues:
          - {id: sales, skills: {sales: 1}, overflow: {toQueue: nope}}
          - {id: vip, escalation: [{afterSeconds: 5, moveToQueue: sale}]}
        agents:
          - {id: a1}
          - {id: a2, extension: a1}
        users:
          - {name: agent, role: agent, agentId: a9, tokenEnv: WB_TOKEN}
          - {name: other, role: supervisor, agentId: a1, tokenEnv: SUP_TOKEN}
          - {name: lazy, role: agent, tokenSha256: %s}
          - {name: copy, role: admin, tokenEnv: WB_TOKEN}
        """
            .formatted("a".repeat(64));

    assertThat(errors(yaml, dir))
        .containsExactly(
            "switchboard.yaml:5: queues[0].overflow.toQueue: unknown queue 'nope'",
            "switchboard.yaml:6: queues[1].escalation[0].moveToQueue: unknown queue 'sale', did"
                + " you mean 'sales'?",
            "switchboard.yaml:9: agents[1].extension: extension 'a1' on PBX pbx1 already belongs"
                + " to agents[0] (one agent per device)",
            "switchboard.yaml:11: users[0].agentId: unknown agent 'a9', did you mean 'a1'?",
            "switchboard.yaml:12: users[1].agentId: only users with role agent act as an agent",
            "switchboard.yaml:13: users[2].agentId: is required for role agent",
            "switchboard.yaml:14: users[3]: has the same token as users[0] (tokens must differ)");
  }

  @Test
  void shouldReportASyntaxErrorWithItsLine() {
    assertThat(errors("pbxs:\n  - id: [unclosed\nskills: []\n", dir))
        .singleElement()
        .asString()
        .startsWith("switchboard.yaml:3: not valid YAML:");
  }

  @Test
  void shouldRejectAnEmptyFile() {
    assertThat(errors("# only a comment\n", dir))
        .containsExactly(
            "switchboard.yaml:0: the file is empty; see docs/configuration.md for an example");
  }

  @Test
  void shouldReadSecretsFromFilesRelativeToTheConfiguration() throws Exception {
    Files.writeString(dir.resolve("ami.secret"), "from-a-file\n");
    Files.writeString(dir.resolve("wb.token"), "wb-file-token\n");
    String yaml =
        MINIMAL
            .replace("secretEnv: PBX_SECRET", "secretFile: ami.secret")
            .replace("tokenEnv: WB_TOKEN", "tokenFile: wb.token");

    SwitchboardConfiguration c = parse(yaml, dir);

    assertThat(c.pbxs().get(0).secret().reveal()).isEqualTo("from-a-file");
    assertThat(c.pbxs().get(0).secret().origin()).contains("ami.secret");
    assertThat(c.users().get(0).tokenSha256Hex()).isEqualTo(Secret.sha256Hex("wb-file-token"));
  }

  @Test
  void shouldNeverShowASecretInToString() throws Exception {
    SwitchboardConfiguration c = parse(MINIMAL, dir);

    assertThat(c.toString()).doesNotContain("s3cr3t-ami").contains("***");
    assertThat(c.pbxs().get(0).toString()).doesNotContain("s3cr3t-ami");
    assertThat(String.valueOf(c.pbxs().get(0).secret())).isEqualTo("***");
  }

  @Test
  void shouldRejectTwoWaysOfGivingOneSecret() {
    String yaml = MINIMAL.replace("secretEnv: PBX_SECRET", "secretEnv: PBX_SECRET\n    secret: x");

    assertThat(errors(yaml, dir))
        .containsExactly(
            "switchboard.yaml:4: pbxs[0].secretEnv: give the AMI password by exactly one of"
                + " secret, secretEnv, secretFile; got secret, secretEnv");
  }

  @Test
  void shouldRejectUnreadableSecretFile() {
    String yaml = MINIMAL.replace("secretEnv: PBX_SECRET", "secretFile: missing.secret");

    assertThat(errors(yaml, dir))
        .singleElement()
        .asString()
        .contains("pbxs[0].secretFile: cannot read")
        .contains("missing.secret");
  }

  @Test
  void shouldRejectUnknownRootFieldWithSuggestion() {
    assertThat(errors(MINIMAL + "queus: []\n", dir))
        .singleElement()
        .asString()
        .startsWith("switchboard.yaml:17: queus: unknown field, did you mean 'queues'?");
  }

  @Test
  void shouldRejectWrongShapes() {
    String yaml = MINIMAL.replace("skills: [sales, support]", "skills: sales");

    assertThat(errors(yaml, dir))
        .first()
        .asString()
        .isEqualTo(
            "switchboard.yaml:5: skills: must be a list (lines starting with '- '), got 'sales'");
  }

  @Test
  void shouldLoadTheDemoConfiguration() throws IOException {
    Path demo = Path.of("src/main/resources/demo/switchboard.yaml");
    Map<String, String> env =
        Map.of(
            "SWITCHBOARD_PBX1_SECRET", "x",
            "SWITCHBOARD_WALLBOARD_TOKEN", "w",
            "SWITCHBOARD_SUPERVISOR_TOKEN", "s",
            "SWITCHBOARD_ADMIN_TOKEN", "a",
            "SWITCHBOARD_AGENT01_TOKEN", "g");

    SwitchboardConfiguration c =
        org.assertj.core.api.Assertions.catchThrowableOfType(
                    ConfigurationException.class,
                    () -> new ConfigurationLoader(env::get, (s, q, f, p) -> List.of()).load(demo))
                == null
            ? loadQuietly(demo, env)
            : null;

    assertThat(c).as("demo configuration must be valid").isNotNull();
    assertThat(c.routing().queues())
        .extracting(QueueConfiguration::id)
        .containsExactly("sales", "support", "vip");
    assertThat(c.routing().agents()).hasSize(30);
    assertThat(c.simulator()).isNotNull();
  }

  private static SwitchboardConfiguration loadQuietly(Path file, Map<String, String> env) {
    try {
      return new ConfigurationLoader(env::get, (s, q, f, p) -> List.of()).load(file);
    } catch (ConfigurationException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @Test
  void shouldFailWhenTheFileIsMissing() {
    assertThatThrownBy(() -> new ConfigurationLoader().load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("nope.yaml:0: cannot read the file");
  }
}
