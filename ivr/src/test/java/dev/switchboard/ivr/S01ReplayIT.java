package dev.switchboard.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays the FastAGI session recorded against Asterisk 22 (s01-fastagi.txt): the recorded
 * environment goes to a real IvrServer over TCP and every command is answered the way Asterisk
 * answered in the recording.
 */
class S01ReplayIT {

  private static final Pattern AST = Pattern.compile("\\+[0-9.]+ AST> (.*)");

  record Recording(Map<String, String> environment, List<String> repliesAfterEnvironment) {}

  static Recording recording() {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> replies = new ArrayList<>();
    boolean inEnvironment = true;
    for (String line : TestConfigs.resource("s01-fastagi.txt").split("\n")) {
      Matcher m = AST.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String text = m.group(1);
      if (text.startsWith("<empty line")) {
        inEnvironment = false;
      } else if (inEnvironment) {
        int colon = text.indexOf(": ");
        env.put(text.substring(0, colon), text.substring(colon + 2));
      } else {
        replies.add(text);
      }
    }
    return new Recording(env, replies);
  }

  @Test
  void shouldClassifyAndPublishTheRecordedCall() throws Exception {
    Recording rec = recording();
    assertThat(rec.environment()).containsEntry("agi_uniqueid", "1795522715.0").hasSize(22);
    assertThat(rec.repliesAfterEnvironment())
        .containsExactly("200 result=1", "200 result=1", "HANGUP");

    RecordingPublisher publisher = new RecordingPublisher();
    IvrConfiguration cfg = TestConfigs.yaml(TestConfigs.resource("replay-s01.yaml"));
    try (IvrServer server =
        new IvrServer(
            cfg, publisher, (q, c) -> WaitEstimate.unknown(), CustomerDirectory.EMPTY, () -> 0L)) {
      server.start();
      try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port())) {
        asterisk.sendEnvironment(rec.environment());
        String command;
        while ((command = asterisk.readCommand()) != null) {
          // Asterisk answered every SET VARIABLE of the recording with "200 result=1".
          assertThat(command).startsWith("SET VARIABLE ");
          asterisk.reply(rec.repliesAfterEnvironment().get(0));
        }
        assertThat(asterisk.commands)
            .containsExactly(
                "SET VARIABLE \"SB_PRIORITY\" \"5\"",
                "SET VARIABLE \"SB_QUEUE\" \"support\"",
                "SET VARIABLE \"SB_CONTACT\" \"pbx1:1795522715.0\"");
        // As in the recording, Asterisk still writes HANGUP after the script closed its side.
        asterisk.send("HANGUP\n");
      }
      FakeAsterisk.await(() -> server.activeSessions() == 0, Duration.ofSeconds(5));
      assertThat(publisher.commands)
          .containsExactly(
              new Command.ContactArrived(
                  "pbx1:1795522715.0",
                  "support",
                  ContactType.CALL,
                  5,
                  List.of(new SkillRequirement("support", 5)),
                  "en",
                  "sipp",
                  "pbx1",
                  "PJSIP/sipp-00000000",
                  0,
                  Map.of("entry", "500")));
      assertThat(server.counters().sessionsCompleted()).isEqualTo(1);
      assertThat(server.counters().contactsPublished()).isEqualTo(1);
    }
  }
}
