package dev.switchboard.sim.traffic;

import dev.switchboard.sim.ami.AmiMessage;
import dev.switchboard.sim.pbx.EndpointBehaviour;
import dev.switchboard.sim.pbx.SimScheduler;
import dev.switchboard.sim.pbx.SimulatedPbx;
import java.util.SplittableRandom;
import java.util.function.Consumer;

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

  /** The pause reason re-announced for an agent the router made not ready after a missed call. */
  static final String MISSED_CALL_REASON = "missed-call";

  private final SimulationScenario.AgentSpec spec;
  private final SimulatedPbx pbx;
  private final SimScheduler scheduler;
  private final SplittableRandom random;
  private State state = State.LOGGED_OUT;
  private boolean pauseDue;
  private String pauseReason = "";

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

  /**
   * Tells one late listener (an AMI client that logged in after this agent's feature codes) what
   * this agent's phone has announced so far: {@code login}, then {@code ready} (also while ringing
   * or talking: the router tracks calls separately) or {@code pause} with its reason; only {@code
   * login} in wrap-up, whose {@code wrapupdone} follows when the wrap-up ends. Nothing when logged
   * out. Runs on the PBX thread, so it cannot interleave with the agent's own changes.
   */
  void announceTo(Consumer<AmiMessage> sink) {
    if (state == State.LOGGED_OUT) {
      return;
    }
    pbx.agentFeatureTo(sink, spec.id(), spec.extension(), "login", "");
    switch (state) {
      case READY, RINGING, TALKING ->
          pbx.agentFeatureTo(sink, spec.id(), spec.extension(), "ready", "");
      case PAUSED -> pbx.agentFeatureTo(sink, spec.id(), spec.extension(), "pause", pauseReason);
      case WRAP_UP, LOGGED_OUT -> {
        // wrap-up: wrapupdone and ready follow when it ends
      }
    }
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
    pauseReason = spec.pause().reason();
    feature("pause", pauseReason);
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
      pauseReason = MISSED_CALL_REASON;
      long ms = 5000 + (long) (Distributions.exponential(random, 15) * 1000);
      scheduler.schedule(ms, this::goReady);
    }
  }
}
