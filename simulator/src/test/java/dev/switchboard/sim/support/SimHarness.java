package dev.switchboard.sim.support;

import dev.switchboard.sim.agi.AgiClient;
import dev.switchboard.sim.ami.AmiServer;
import dev.switchboard.sim.ami.AmiServerConfiguration;
import dev.switchboard.sim.pbx.CallerScript;
import dev.switchboard.sim.pbx.EndpointBehaviour;
import dev.switchboard.sim.pbx.PbxActionHandler;
import dev.switchboard.sim.pbx.PbxConfiguration;
import dev.switchboard.sim.pbx.RealTimeScheduler;
import dev.switchboard.sim.pbx.SimulatedPbx;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The recording setup of the traces, simulated: a PBX with the trace's endpoints (agent01-03 answer
 * after 2 s, agent04 never answers, agent05 is busy, customer answers after 1 s), an AMI server,
 * and a stub FastAGI server doing what the recording's stub did (SET VARIABLE SB_SKILL support, SET
 * VARIABLE SB_PRIORITY 5).
 */
public final class SimHarness implements AutoCloseable {

  /** Simulated seconds per real second in the golden tests. */
  public static final double TIME_SCALE = 10.0;

  public final RealTimeScheduler scheduler;
  public final SimulatedPbx pbx;
  public final AmiServer ami;
  public final StubFastAgiServer agi;
  private final AgiClient agiClient;

  public SimHarness(long agentTalkMs) throws IOException {
    this(agentTalkMs, "", TIME_SCALE);
  }

  public SimHarness(long agentTalkMs, String pbxId, double timeScale) throws IOException {
    this(agentTalkMs, pbxId, timeScale, RECORDING_STUB);
  }

  /** What the recording's stub FastAGI server did. */
  public static final java.util.function.Function<List<String>, StubFastAgiServer.ScriptBody>
      RECORDING_STUB =
          env ->
              io -> {
                if (env.stream().anyMatch(l -> l.startsWith("agi_network_script: ivr"))) {
                  io.command("SET VARIABLE SB_SKILL support");
                  io.command("SET VARIABLE SB_PRIORITY 5");
                }
              };

  public SimHarness(
      long agentTalkMs,
      String pbxId,
      double timeScale,
      java.util.function.Function<List<String>, StubFastAgiServer.ScriptBody> script)
      throws IOException {
    agi = new StubFastAgiServer(script);
    scheduler = new RealTimeScheduler(timeScale, System.currentTimeMillis() * 1000);
    agiClient = new AgiClient(2000, 10_000);
    AmiServer[] holder = new AmiServer[1];
    pbx =
        new SimulatedPbx(
            scheduler,
            new PbxConfiguration(pbxId, "sipp", "127.0.0.1", agi.port(), 15, 500),
            e -> holder[0].broadcast(e),
            agiClient,
            new SplittableRandom(7));
    ami =
        new AmiServer(
            AmiServerConfiguration.of(0, "router", "secret"),
            new PbxActionHandler(pbx),
            scheduler::nowMicros);
    holder[0] = ami;
    ami.start();
    for (String a : List.of("agent01", "agent02", "agent03")) {
      String n = a.substring(5);
      pbx.registerEndpoint(
          a, "6" + n, "Agent " + n, fixed(new EndpointBehaviour.Answer(2000, agentTalkMs)));
    }
    pbx.registerEndpoint("agent04", "604", "Agent 04", fixed(new EndpointBehaviour.NoAnswer()));
    pbx.registerEndpoint("agent05", "605", "Agent 05", fixed(new EndpointBehaviour.Busy(5)));
    pbx.registerEndpoint(
        "customer", "5551234", "Customer", fixed(new EndpointBehaviour.Answer(1000, -1)));
  }

  /** A phone that always does the same thing. */
  public static EndpointBehaviour fixed(EndpointBehaviour.RingDecision decision) {
    return (endpoint, callerIdNum) -> decision;
  }

  /** A caller who hangs up {@code abandonAfterMs} after the answer (negative: never). */
  public static CallerScript caller(long abandonAfterMs) {
    return new CallerScript() {
      @Override
      public String nextDigits(String script, String prompt) {
        return "";
      }

      @Override
      public long abandonAfterMs() {
        return abandonAfterMs;
      }

      @Override
      public long talkLimitMs() {
        return -1;
      }
    };
  }

  public TestAmiClient client() throws IOException {
    TestAmiClient c = new TestAmiClient(ami.port());
    c.login("router", "secret");
    return c;
  }

  @Override
  public void close() throws IOException {
    ami.close();
    scheduler.shutdown();
    agiClient.close();
    agi.close();
  }
}
