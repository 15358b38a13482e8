package dev.switchboard.sim;

import static dev.switchboard.sim.support.TestAmiClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.pbx.SimulatorCounters;
import dev.switchboard.sim.support.Await;
import dev.switchboard.sim.support.StubFastAgiServer;
import dev.switchboard.sim.support.TestAmiClient;
import dev.switchboard.sim.traffic.ScenarioLoader;
import dev.switchboard.sim.traffic.SimulationScenario;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The façade end to end: a scenario's agents log in over AMI UserEvents, callers arrive, run the
 * IVR over FastAGI (digits from their profile), wait, are redirected by a tiny test router to the
 * agents, talk, take the survey, and the counters add up.
 */
class PbxSimulatorIT {

  private static final String SCENARIO =
      """
      name: it
      entryPoints:
        - {number: "600", name: sales, callsPerHour: 900}
      callerProfiles:
        - name: happy
          callerIdPattern: "+4930999000##"
          dtmf: ["1", "2"]
          surveyOptInProbability: 1.0
          surveyScoreWeights: [0, 0, 0, 0, 1]
      agents:
        - idPattern: "agent%02d"
          count: 2
          callerIdNumPattern: "20%02d"
          answerDelayMeanSeconds: 1
          talkTime: {distribution: exponential, meanSeconds: 3}
          wrapUpMeanSeconds: 1
      """;

  @Test
  void shouldRunCallsFromArrivalToSurvey() throws Exception {
    SimulationScenario scenario =
        ScenarioLoader.load(
            new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)), "it.yaml");
    List<String> ivrDigits = new CopyOnWriteArrayList<>();
    List<String> scores = new CopyOnWriteArrayList<>();
    try (StubFastAgiServer agi =
            new StubFastAgiServer(
                env ->
                    io -> {
                      if (env.contains("agi_network_script: survey?contact=pbx7:x&pbx=pbx7")
                          || env.stream()
                              .anyMatch(l -> l.startsWith("agi_network_script: survey"))) {
                        scores.add(io.command("GET DATA rate-call 3000 1"));
                        io.command("HANGUP");
                        return;
                      }
                      io.command("ANSWER");
                      ivrDigits.add(io.command("GET DATA language 3000 1"));
                      ivrDigits.add(io.command("GET DATA product 3000 1"));
                      io.command("SET VARIABLE SB_SURVEY 1");
                      io.command("SET VARIABLE SB_CONTACT pbx7:x");
                    });
        PbxSimulator sim =
            PbxSimulator.builder()
                .scenario(scenario)
                .amiPort(0)
                .amiCredentials("router", "pw")
                .agiTarget("127.0.0.1", agi.port())
                .pbxId("pbx7")
                .timeScale(20)
                .seed(42)
                .build()) {
      sim.start();
      try (TestAmiClient c = new TestAmiClient(sim.amiPort())) {
        assertThat(c.login("router", "pw").getOr("Response", "")).isEqualTo("Success");
        c.awaitCount(
            m ->
                event("UserEvent", "UserEvent", "SwitchboardAgent").test(m)
                    && "ready".equals(m.getOr("Action", "")),
            2,
            Duration.ofSeconds(10));
        Set<String> routed = new HashSet<>();
        int[] next = {0};
        Await.until(
            "three surveyed calls",
            () -> {
              for (AmiMessage m : c.received()) {
                String ch = m.getOr("Channel", "");
                if (event("MusicOnHoldStart").test(m) && routed.add(ch)) {
                  String agent = next[0]++ % 2 == 0 ? "agent01" : "agent02";
                  try {
                    c.send(
                        "Redirect",
                        "Channel",
                        ch,
                        "Context",
                        "switchboard-connect",
                        "Exten",
                        agent);
                  } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                  }
                }
              }
              return sim.counters().surveys() >= 3;
            },
            Duration.ofSeconds(60));
      }
      SimulatorCounters counters = sim.counters();
      assertThat(counters.callsStarted()).isGreaterThanOrEqualTo(3);
      assertThat(counters.answered()).isGreaterThanOrEqualTo(3);
      assertThat(ivrDigits).contains("200 result=1", "200 result=2");
      assertThat(scores).isNotEmpty().allMatch(s -> s.equals("200 result=5"));
      StubFastAgiServer.Session first = agi.sessions().get(0);
      assertThat(first.environment)
          .anyMatch(l -> l.equals("agi_network_script: ivr?entry=600&pbx=pbx7"))
          .anyMatch(l -> l.startsWith("agi_callerid: +4930999000"));
    }
  }

  @Test
  void shouldStartItsClockWhereToldSoTheIntradayProfileDoesNotFollowTheRealHour() throws Exception {
    SimulationScenario scenario =
        ScenarioLoader.load(
            new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)), "it.yaml");
    Instant start = Instant.parse("2026-03-02T10:00:00Z");
    try (PbxSimulator sim =
        PbxSimulator.builder()
            .scenario(scenario)
            .amiPort(0)
            .amiCredentials("router", "pw")
            .autoTraffic(false)
            .clockStart(start)
            .build()) {
      sim.start();
      try (TestAmiClient c = new TestAmiClient(sim.amiPort())) {
        assertThat(c.login("router", "pw").getOr("Response", "")).isEqualTo("Success");
        sim.placeCall("600", "+15550001", List.of());
        AmiMessage created = c.await(event("Newchannel"), Duration.ofSeconds(10));
        // A uniqueid is the channel's creation time on the PBX clock, in epoch seconds.
        long seconds = Long.parseLong(created.getOr("Uniqueid", "").split("\\.")[0]);
        assertThat(seconds).isBetween(start.getEpochSecond(), start.getEpochSecond() + 60);
      }
    }
  }
}
