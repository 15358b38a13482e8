package dev.switchboard.sim.traffic;

import dev.switchboard.sim.pbx.EndpointBehaviour;
import dev.switchboard.sim.pbx.SimScheduler;
import dev.switchboard.sim.pbx.SimulatedPbx;
import java.util.SplittableRandom;

/**
 * A simulated agent and its phone: logs in and goes ready with {@code UserEvent SwitchboardAgent}
 * (PROTOCOL.md), answers, rejects or lets calls ring as its spec says, talks, wraps up ({@code
 * wrapupdone}), takes pauses and comes back ready after a missed call. Runs on the PBX thread.
 */
public final class VirtualAgent implements EndpointBehaviour {

  enum State {
    LOGGED_OUT,
    READY,
    RINGING,
    TALKING,
    WRAP_UP,
    PAUSED
  }

  private final SimulationScenario.AgentSpec spec;
  private final SimulatedPbx pbx;
  private final SimScheduler scheduler;
  private final SplittableRandom random;
  private State state = State.LOGGED_OUT;
  private boolean pauseDue;

  /**
   * @param spec the agent's behaviour
   * @param pbx the PBX its phone is on
   * @param scheduler the PBX's scheduler
   * @param random this agent's own split of the seeded source
   */
  public VirtualAgent(
      SimulationScenario.AgentSpec spec,
      SimulatedPbx pbx,
      SimScheduler scheduler,
      SplittableRandom random) {
    this.spec = spec;
    this.pbx = pbx;
    this.scheduler = scheduler;
    this.random = random;
  }

  /** Registers the phone and logs in after {@code loginDelayMs}. */
  public void start(long loginDelayMs) {
    pbx.registerEndpoint(spec.extension(), spec.callerIdNum(), spec.displayName(), this);
    scheduler.schedule(
        loginDelayMs,
        () -> {
          feature("login", "");
          goReady();
          schedulePause();
        });
  }

  private void feature(String action, String reason) {
    pbx.agentFeature(spec.id(), spec.extension(), action, reason);
  }

  private void goReady() {
    state = State.READY;
    feature("ready", "");
    if (pauseDue) {
      pauseDue = false;
      pause();
    }
  }

  private void schedulePause() {
    double perHour = spec.pause() == null ? 0 : spec.pause().probabilityPerHour();
    if (perHour <= 0) {
      return;
    }
    long delayMs = (long) (Distributions.exponential(random, 3600.0 / perHour) * 1000);
    scheduler.schedule(
        delayMs,
        () -> {
          if (state == State.READY) {
            pause();
          } else {
            pauseDue = true;
          }
          schedulePause();
        });
  }

  private void pause() {
    state = State.PAUSED;
    feature("pause", spec.pause().reason());
    long ms = (long) (Distributions.exponential(random, spec.pause().meanDurationSeconds()) * 1000);
    scheduler.schedule(ms, this::goReady);
  }

  @Override
  public RingDecision onIncomingCall(String endpoint, String callerIdNum) {
    state = State.RINGING;
    if (Distributions.chance(random, spec.busyProbability())) {
      return new Busy(100);
    }
    if (Distributions.chance(random, spec.noAnswerProbability())) {
      return new NoAnswer();
    }
    long answerMs =
        (long) (Distributions.exponential(random, spec.answerDelayMeanSeconds()) * 1000) + 300;
    SimulationScenario.TalkTime t = spec.talkTime();
    double talkSeconds =
        t.distribution().equals("lognormal")
            ? Distributions.lognormal(random, t.meanSeconds(), t.sigma())
            : Distributions.exponential(random, t.meanSeconds());
    return new Answer(answerMs, Math.max(1000, (long) (talkSeconds * 1000)));
  }

  @Override
  public void onCallEnded(String endpoint, boolean answered) {
    if (answered) {
      state = State.WRAP_UP;
      long ms = (long) (Distributions.exponential(random, spec.wrapUpMeanSeconds()) * 1000);
      scheduler.schedule(
          ms,
          () -> {
            feature("wrapupdone", "");
            goReady();
          });
    } else if (state == State.RINGING) {
      // A missed call: the router made the agent not ready; a person notices and comes back.
      state = State.PAUSED;
      long ms = 5000 + (long) (Distributions.exponential(random, 15) * 1000);
      scheduler.schedule(ms, this::goReady);
    }
  }
}
