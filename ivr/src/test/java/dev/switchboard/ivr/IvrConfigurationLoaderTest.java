package dev.switchboard.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IvrConfigurationLoaderTest {

  static final String SCRIPT_PROMPTS = String.join(", ", ScriptConfiguration.defaults().prompts());

  /** A small valid configuration; line numbers are noted where tests rely on them. */
  static String base() {
    return """
        ivr:
          pbxs: { pbx1: 127.0.0.1 }
          prompts:
            en: [hello, main, bye, %1$s]
            fr: [hello, main, bye, %1$s]
          entryPoints:
            "500": { start: hello }
          nodes:
            hello:
              play: [hello]
              next: main
            main:
              menu: main
              choices: { "1": q, "2": bye }
              fallback: bye
            q:
              queue: support
            bye:
              hangup: true
              play: [bye]
        """
        .formatted(SCRIPT_PROMPTS);
  }

  static List<MenuValidationError> errors(String yaml) {
    try {
      IvrConfigurationLoader.loadYaml(yaml, "test.yaml", TestConfigs.QUEUES);
    } catch (IvrConfigurationException e) {
      return e.errors();
    }
    throw new AssertionError("expected the configuration to be refused:\n" + yaml);
  }

  @Test
  void shouldLoadTheDocumentedExample() {
    IvrConfiguration cfg = TestConfigs.example();
    assertThat(cfg.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(cfg.port()).isZero();
    assertThat(cfg.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(cfg.pbxs()).containsEntry("pbx1", "127.0.0.1");
    assertThat(cfg.entryPoints()).containsOnlyKeys("500", "501");
    assertThat(cfg.entryPoints().get("501").language()).isEqualTo("fr");
    assertThat(cfg.nodes()).hasSize(15);
    assertThat(cfg.nodes().get("main")).isInstanceOf(MenuNode.Menu.class);
    assertThat(cfg.nodes().get("account"))
        .isEqualTo(
            new MenuNode.Collect(
                "account",
                "enter-account",
                "account",
                6,
                8,
                "[0-9]+",
                5000,
                2,
                "invalid",
                "lookup",
                "support-queue"));
    assertThat(cfg.calendars().get("office").holidays()).hasSize(2);
    assertThat(cfg.customerDirectory()).isEqualTo(Path.of("customers.csv"));
    assertThat(cfg.languages()).containsExactly("en", "fr");
  }

  @Test
  void shouldAcceptTheBaseConfiguration() {
    assertThat(TestConfigs.yaml(base()).nodes()).containsOnlyKeys("hello", "main", "q", "bye");
  }

  @Test
  void shouldReportAnUnknownNodeWithPathAndLine() {
    List<MenuValidationError> errors = errors(base().replace("\"2\": bye", "\"2\": nowhere"));
    assertThat(errors)
        .containsExactly(
            new MenuValidationError("ivr.nodes.main.choices.2", 14, "unknown node 'nowhere'"));
  }

  @Test
  void shouldExplainANodeNamedYesThatYamlReadAsABoolean() {
    String yaml = base().replace("\"2\": bye", "\"2\": yes") + "    \"yes\":\n      hangup: true\n";
    assertThat(errors(yaml))
        .containsExactly(
            new MenuValidationError(
                "ivr.nodes.main.choices.2",
                14,
                "unknown node 'true' (YAML reads an unquoted yes, no, on or off as a boolean:"
                    + " quote the name)"),
            new MenuValidationError(
                "ivr.nodes.yes", 21, "unreachable: no entry point leads to node 'yes'"));
    assertThat(TestConfigs.yaml(yaml.replace("\"2\": yes", "\"2\": \"yes\"")).nodes())
        .containsKey("yes");
  }

  @Test
  void shouldReportAnUnreachableNode() {
    String yaml = base() + "    orphan:\n      hangup: true\n";
    assertThat(errors(yaml))
        .containsExactly(
            new MenuValidationError(
                "ivr.nodes.orphan", 21, "unreachable: no entry point leads to node 'orphan'"));
  }

  @Test
  void shouldReportNodesThatLoopWithoutInput() {
    String yaml =
        base().replace("next: main", "next: check")
            + "    check:\n      branch: tier\n      cases: { VIP: hello }\n      otherwise: main\n";
    List<MenuValidationError> errors = errors(yaml);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message())
        .isEqualTo("nodes loop without waiting for caller input: hello -> check -> hello");
    assertThat(errors.get(0).line()).isEqualTo(9);
  }

  @Test
  void shouldReadTheSurveyOptInAndRefuseAValueThatIsNotABoolean() {
    String yaml =
        base().replace("\"1\": q", "\"1\": optin")
            + "    optin:\n      set: { survey: %s }\n      next: q\n";
    MenuNode.SetAttributes optIn =
        (MenuNode.SetAttributes) TestConfigs.yaml(yaml.formatted("true")).nodes().get("optin");
    assertThat(optIn.survey()).isTrue();

    assertThat(errors(yaml.formatted("maybe")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("ivr.nodes.optin.set.survey");
              assertThat(e.message()).isEqualTo("must be true or false, got 'maybe'");
            });
  }

  @Test
  void shouldAllowALoopThroughAMenu() {
    // bye -> ... no; main's choice 2 goes back to hello, which leads to main: fine, main waits.
    assertThat(TestConfigs.yaml(base().replace("\"2\": bye", "\"2\": hello")).nodes()).hasSize(4);
  }

  @Test
  void shouldReportAPromptMissingInOneLanguage() {
    String yaml = base().replace("fr: [hello, main, bye,", "fr: [hello, bye,");
    assertThat(errors(yaml))
        .containsExactly(
            new MenuValidationError(
                "ivr.nodes.main.menu", 13, "prompt 'main' is not declared for language 'fr'"));
  }

  @Test
  void shouldReportBadAndDuplicateDigits() {
    String yaml =
        base().replace("{ \"1\": q, \"2\": bye }", "{ \"1\": q, \"12\": bye, x: q, 1: bye }");
    List<MenuValidationError> errors = errors(yaml);
    assertThat(errors)
        .extracting(MenuValidationError::path)
        .containsExactlyInAnyOrder(
            "ivr.nodes.main.choices.1", "ivr.nodes.main.choices.12", "ivr.nodes.main.choices.x");
    assertThat(errors).allSatisfy(e -> assertThat(e.line()).isEqualTo(14));
    assertThat(errors)
        .extracting(MenuValidationError::message)
        .contains(
            "key appears more than once in the same mapping",
            "'12' is not one DTMF key (0-9, *, #)",
            "'x' is not one DTMF key (0-9, *, #)");
  }

  @Test
  void shouldReportAnUnknownQueue() {
    assertThat(errors(base().replace("queue: support", "queue: billing")))
        .containsExactly(
            new MenuValidationError(
                "ivr.nodes.q.queue", 17, "unknown queue 'billing' (configured: [sales, support])"));
  }

  @Test
  void shouldSkipTheQueueCheckWithoutQueueIds() throws Exception {
    String yaml = base().replace("queue: support", "queue: billing");
    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml).get("ivr");
    assertThat(IvrConfigurationLoader.load(tree, "not-a-file.yaml").nodes()).hasSize(4);
  }

  @Test
  void shouldCollectEveryErrorInOnePass() {
    String yaml =
        base()
            .replace("pbxs: { pbx1: 127.0.0.1 }", "pbxs: { pbx1: 127.0.0.1 }\n  zone: Mars/Olympus")
            .replace("fallback: bye", "fallback: bye\n      retries: many")
            .replace("queue: support", "queue: billing\n      colour: blue")
            .replace("\"2\": bye", "\"2\": nowhere");
    List<MenuValidationError> errors = errors(yaml);
    assertThat(errors)
        .extracting(MenuValidationError::path)
        .containsExactlyInAnyOrder(
            "ivr.zone",
            "ivr.nodes.main.retries",
            "ivr.nodes.q.colour",
            "ivr.nodes.q.queue",
            "ivr.nodes.main.choices.2");
    assertThat(errors).allSatisfy(e -> assertThat(e.line()).isPositive());
    assertThatThrownBy(() -> IvrConfigurationLoader.loadYaml(yaml, "x.yaml", TestConfigs.QUEUES))
        .hasMessageContaining("5 error(s) in the IVR configuration of x.yaml")
        .hasMessageContaining("line 3: ivr.zone: unknown time zone 'Mars/Olympus'");
  }

  @Test
  void shouldReportCalendarMistakes() {
    String yaml =
        base()
                .replace(
                    "  entryPoints:",
                    "  calendars:\n"
                        + "    office:\n"
                        + "      hours: { mon-fri: \"18:00-08:00\", funday: \"09:00-10:00\" }\n"
                        + "      holidays: [2026-13-45]\n"
                        + "  entryPoints:")
                .replace("start: hello", "start: hours")
            + "    hours:\n      hours: officee\n      open: hello\n      closed: bye\n";
    List<MenuValidationError> errors = errors(yaml);
    assertThat(errors)
        .as(yaml)
        .extracting(MenuValidationError::path)
        .containsExactlyInAnyOrder(
            "ivr.calendars.office.hours.mon-fri",
            "ivr.calendars.office.hours.funday",
            "ivr.calendars.office.holidays.0",
            "ivr.nodes.hours.hours");
  }

  @Test
  void shouldReportANodeWithoutOrWithTwoKinds() {
    String yaml =
        base()
            .replace(
                "    q:\n      queue: support\n",
                "    q:\n      queue: support\n      hangup: true\n");
    assertThat(errors(yaml))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("ivr.nodes.q");
              assertThat(e.message()).contains("several kinds");
            });
  }

  @Test
  void shouldReportALookupOfAnAttributeNothingCollects() {
    String yaml =
        base().replace("\"1\": q", "\"1\": find")
            + "    find:\n      lookup: account\n      found: q\n      notFound: q\n";
    assertThat(errors(yaml))
        .singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("ivr.nodes.find.lookup"));
  }

  @Test
  void shouldReportInvalidYamlWithItsLine() {
    List<MenuValidationError> errors = errors("ivr:\n  pbxs: [unclosed\n  port: 1\n");
    assertThat(errors).singleElement().satisfies(e -> assertThat(e.line()).isPositive());
  }

  @Test
  void shouldTakeLinesFromTheFileWhenGivenATree(@TempDir Path dir) throws Exception {
    String yaml = base().replace("\"2\": bye", "\"2\": nowhere");
    Path file = dir.resolve("switchboard.yaml");
    Files.writeString(file, yaml);
    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml).get("ivr");
    assertThatThrownBy(() -> IvrConfigurationLoader.load(tree, file.toString()))
        .isInstanceOfSatisfying(
            IvrConfigurationException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new MenuValidationError(
                            "ivr.nodes.main.choices.2", 14, "unknown node 'nowhere'")));
    assertThatThrownBy(() -> IvrConfigurationLoader.load(tree, "elsewhere.yaml"))
        .isInstanceOfSatisfying(
            IvrConfigurationException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .satisfies(x -> assertThat(x.line()).isZero()));
  }

  @Test
  void shouldResolveTheCustomerFileNextToTheConfiguration(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("switchboard.yaml");
    Files.writeString(file, base().replace("  pbxs:", "  customerDirectory: c.csv\n  pbxs:"));
    assertThatThrownBy(() -> IvrConfigurationLoader.load(file, Set.of("support")))
        .isInstanceOfSatisfying(
            IvrConfigurationException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .satisfies(
                        x -> {
                          assertThat(x.path()).isEqualTo("ivr.customerDirectory");
                          assertThat(x.line()).isEqualTo(2);
                          assertThat(x.message()).startsWith("cannot read the customer file");
                        }));
    Files.writeString(dir.resolve("c.csv"), "account,priority\n1,-3\n");
    assertThatThrownBy(() -> IvrConfigurationLoader.load(file, Set.of("support")))
        .hasMessageContaining("line 2: priority must be a number >= 0, got -3");
    Files.writeString(dir.resolve("c.csv"), "account,tier\n1,VIP\n");
    IvrConfiguration cfg = IvrConfigurationLoader.load(file, Set.of("support"));
    assertThat(cfg.customerDirectory()).isEqualTo(dir.toAbsolutePath().resolve("c.csv"));
  }

  @Test
  void shouldRequirePbxsPromptsEntriesAndNodes() {
    assertThat(errors("ivr:\n  port: 4573\n"))
        .extracting(MenuValidationError::path)
        .containsExactlyInAnyOrder("ivr.pbxs", "ivr.prompts", "ivr.entryPoints", "ivr.nodes");
  }
}
