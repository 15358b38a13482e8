package dev.switchboard.sim;

import static dev.switchboard.sim.support.TestAmiClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.support.Await;
import dev.switchboard.sim.support.TestAmiClient;
import dev.switchboard.sim.traffic.ScenarioLoader;
import dev.switchboard.sim.traffic.SimulationScenario;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A router that logs in after the virtual agents did (or logs in again) missed their feature codes:
 * the simulator re-announces each logged-in agent's login and ready to that client only.
 */
class AgentReannounceIT {

  private static final String SCENARIO =
      """
      name: reannounce
      agents:
        - idPattern: "agent%02d"
          count: 3
      """;
  private static final List<String> AGENTS = List.of("agent01", "agent02", "agent03");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Predicate<AmiMessage> AGENT_EVENT =
      event("UserEvent", "UserEvent", "SwitchboardAgent");

  @Test
  void shouldReannounceLoggedInAgentsToEachNewClientOnly() throws Exception {
    SimulationScenario scenario =
        ScenarioLoader.load(
            new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)), "r.yaml");
    try (PbxSimulator sim =
        PbxSimulator.builder()
            .scenario(scenario)
            .amiPort(0)
            .amiCredentials("router", "pw")
            .autoTraffic(false)
            .seed(7)
            .build()) {
      sim.start();
      try (TestAmiClient first = new TestAmiClient(sim.amiPort())) {
        assertThat(first.login("router", "pw").getOr("Response", "")).isEqualTo("Success");
        first.awaitCount(action("ready"), 3, TIMEOUT);
        barrier(first);
        int firstSeen = agentEvents(first).size();

        // A client that logs in later and sends nothing: the fallback delay triggers it.
        TestAmiClient second = new TestAmiClient(sim.amiPort());
        assertThat(second.login("router", "pw").getOr("Response", "")).isEqualTo("Success");
        second.awaitCount(AGENT_EVENT, 6, TIMEOUT);
        barrier(second);
        assertLoginThenReadyPerAgent(agentEvents(second));

        // Log off and in again (a reconnect): a new session, announced again, here triggered by
        // its first action after asterisk-java's login-time CoreSettings probe.
        second.send("Logoff");
        Await.until("server closes the logged-off session", second::isClosedByServer, TIMEOUT);
        second.close();
        try (TestAmiClient again = new TestAmiClient(sim.amiPort())) {
          assertThat(again.login("router", "pw").getOr("Response", "")).isEqualTo("Success");
          again.awaitResponse(again.send("CoreSettings"), TIMEOUT);
          again.send("CoreShowChannels");
          again.awaitCount(AGENT_EVENT, 6, TIMEOUT);
          barrier(again);
          assertLoginThenReadyPerAgent(agentEvents(again));
        }

        // The first client got none of the later clients' announcements.
        barrier(first);
        assertThat(agentEvents(first)).hasSize(firstSeen);
      }
    }
  }

  /**
   * Waits until everything the PBX thread queued for this client so far has arrived: an action
   * handled on that thread answers after it.
   */
  private static void barrier(TestAmiClient client) throws IOException {
    String id = client.send("DeviceStateList");
    client.await(
        m ->
            "DeviceStateListComplete".equals(m.getOr("Event", ""))
                && id.equals(m.getOr("ActionID", "")),
        TIMEOUT);
  }

  private static List<AmiMessage> agentEvents(TestAmiClient client) {
    return client.received().stream().filter(AGENT_EVENT).toList();
  }

  private static Predicate<AmiMessage> action(String action) {
    return m -> AGENT_EVENT.test(m) && action.equals(m.getOr("Action", ""));
  }

  private static void assertLoginThenReadyPerAgent(List<AmiMessage> events) {
    assertThat(events).hasSize(6);
    for (String agent : AGENTS) {
      List<String> actions =
          events.stream()
              .filter(m -> agent.equals(m.getOr("Agent", "")))
              .map(m -> m.getOr("Action", ""))
              .toList();
      assertThat(actions).as(agent).containsExactly("login", "ready");
    }
  }
}
