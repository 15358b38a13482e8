package dev.switchboard.sim.traffic;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.pbx.SimScheduler;
import dev.switchboard.sim.pbx.SimulatedPbx;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Drives a scenario: starts the virtual agents (login, ready) and generates callers at each entry
 * point by its arrival process. Each agent and entry point gets its own split of the seeded random
 * source, in scenario order, so a run is reproducible.
 */
public final class TrafficModel {

  private final SimulationScenario scenario;
  private final SimulatedPbx pbx;
  private final SimScheduler scheduler;
  private final SplittableRandom random;
  private final List<VirtualAgent> agents = new ArrayList<>();
  private volatile boolean running;
  private volatile boolean stopped;
  private long callerNumber;

  /**
   * @param scenario what to simulate
   * @param pbx the PBX the calls go to
   * @param scheduler the PBX's scheduler
   * @param random the seeded source (split per agent and entry point)
   */
  public TrafficModel(
      SimulationScenario scenario,
      SimulatedPbx pbx,
      SimScheduler scheduler,
      SplittableRandom random) {
    this.scenario = scenario;
    this.pbx = pbx;
    this.scheduler = scheduler;
    this.random = random;
  }

  /**
   * Starts agents and, if {@code arrivals}, the callers.
   *
   * @param arrivals whether to generate calls (false: agents only, calls placed by hand)
   * @param agentStaggerMs gap between agent logins
   */
  public void start(boolean arrivals, long agentStaggerMs) {
    if (stopped || running) {
      return;
    }
    running = true;
    int i = 0;
    for (SimulationScenario.AgentSpec spec : scenario.agents()) {
      VirtualAgent agent = new VirtualAgent(spec, pbx, scheduler, random.split());
      agents.add(agent);
      agent.start(agentStaggerMs * i++);
    }
    if (!arrivals) {
      return;
    }
    for (SimulationScenario.EntryPoint ep : scenario.entryPoints()) {
      ArrivalProcess process = new ArrivalProcess(ep.callsPerHour(), ep.intraday());
      SplittableRandom epRandom = random.split();
      scheduler.execute(() -> scheduleNext(ep, process, epRandom));
    }
  }

  private void scheduleNext(
      SimulationScenario.EntryPoint ep, ArrivalProcess process, SplittableRandom epRandom) {
    if (!running) {
      return;
    }
    long nowMs = scheduler.nowMicros() / 1000;
    long next = process.nextArrivalMs(nowMs, epRandom);
    if (next == Long.MAX_VALUE) {
      return;
    }
    scheduler.schedule(
        next - nowMs,
        () -> {
          if (!running) {
            return;
          }
          arrive(ep, epRandom);
          scheduleNext(ep, process, epRandom);
        });
  }

  private void arrive(SimulationScenario.EntryPoint ep, SplittableRandom epRandom) {
    List<SimulationScenario.CallerProfile> profiles = scenario.callerProfiles();
    SimulationScenario.CallerProfile profile;
    if (profiles.isEmpty()) {
      profile =
          new SimulationScenario.CallerProfile("default", 1, null, null, null, 0, 0, 0, null, 0);
    } else {
      List<Double> weights = new ArrayList<>();
      for (SimulationScenario.CallerProfile p : profiles) {
        weights.add(
            ep.profileWeights().isEmpty()
                ? p.weight()
                : ep.profileWeights().getOrDefault(p.name(), 0.0));
      }
      profile = profiles.get(Distributions.weighted(epRandom, weights));
    }
    VirtualCaller caller = VirtualCaller.draw(profile, epRandom);
    String number = Distributions.digits(epRandom, profile.callerIdPattern());
    callerNumber++;
    String name = profile.callerName() == null ? "caller" + callerNumber : profile.callerName();
    pbx.startInboundCall(ep.number(), number, name, caller);
  }

  /**
   * Re-announces every logged-in agent's state ({@code UserEvent SwitchboardAgent} login, then
   * ready or pause) to one late listener, e.g. an AMI client that (re)connected after the agents
   * logged in. Runs on the PBX thread, after whatever is already queued there.
   *
   * @param sink where the events go (one AMI session)
   */
  public void announceAgentsTo(Consumer<AmiMessage> sink) {
    scheduler.execute(
        () -> {
          for (VirtualAgent agent : agents) {
            agent.announceTo(sink);
          }
        });
  }

  /** Stops generating calls (calls in progress continue). */
  public void stop() {
    stopped = true;
    running = false;
  }

  /** Number of virtual agents started. */
  public int agentCount() {
    return agents.size();
  }
}
