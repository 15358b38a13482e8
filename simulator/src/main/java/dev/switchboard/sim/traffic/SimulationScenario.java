package dev.switchboard.sim.traffic;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A traffic scenario: entry points with their arrival rates, caller profiles and virtual agents.
 * Loaded from YAML by {@link ScenarioLoader}; the format is documented in docs/simulator.md.
 *
 * @param name scenario name (for logs)
 * @param trunkEndpoint the PJSIP endpoint callers arrive on (default {@code sipp})
 * @param entryPoints dialled numbers with arrival rates
 * @param callerProfiles kinds of callers, chosen by weight
 * @param agents the virtual agents (already expanded from groups)
 */
public record SimulationScenario(
    String name,
    String trunkEndpoint,
    List<EntryPoint> entryPoints,
    List<CallerProfile> callerProfiles,
    List<AgentSpec> agents) {

  public SimulationScenario {
    name = name == null ? "scenario" : name;
    trunkEndpoint = trunkEndpoint == null || trunkEndpoint.isBlank() ? "sipp" : trunkEndpoint;
    entryPoints = entryPoints == null ? List.of() : List.copyOf(entryPoints);
    callerProfiles = callerProfiles == null ? List.of() : List.copyOf(callerProfiles);
    agents = agents == null ? List.of() : List.copyOf(agents);
  }

  /**
   * A dialled number callers arrive at.
   *
   * @param number the dialled number (the exten in {@code switchboard-inbound})
   * @param name a label (sales, support…)
   * @param callsPerHour mean Poisson arrival rate
   * @param intraday optional multipliers by hour of day (UTC of the simulation clock); an hour uses
   *     the latest point at or before it, 1.0 before the first
   * @param profileWeights optional caller-profile weights for this entry point (by profile name);
   *     empty = the profiles' own weights
   */
  public record EntryPoint(
      String number,
      String name,
      double callsPerHour,
      List<IntradayPoint> intraday,
      Map<String, Double> profileWeights) {
    public EntryPoint {
      Objects.requireNonNull(number, "entryPoints[].number");
      name = name == null ? number : name;
      intraday = intraday == null ? List.of() : List.copyOf(intraday);
      profileWeights = profileWeights == null ? Map.of() : Map.copyOf(profileWeights);
      if (callsPerHour < 0) {
        throw new IllegalArgumentException("entry point " + number + ": callsPerHour < 0");
      }
    }
  }

  /**
   * One point of an intraday profile.
   *
   * @param hour hour of day 0–23
   * @param multiplier factor applied to callsPerHour from that hour on
   */
  public record IntradayPoint(int hour, double multiplier) {
    public IntradayPoint {
      if (hour < 0 || hour > 23) {
        throw new IllegalArgumentException("intraday hour must be 0-23, got " + hour);
      }
      if (multiplier < 0) {
        throw new IllegalArgumentException("intraday multiplier must be >= 0");
      }
    }
  }

  /**
   * A kind of caller.
   *
   * @param name profile name
   * @param weight relative frequency
   * @param callerIdPattern caller number; each {@code #} becomes a random digit (VIP ranges)
   * @param callerName CallerIDName shown (default {@code caller<n>})
   * @param dtmf digits for successive IVR prompts (GET DATA / WAIT FOR DIGIT); {@code "1|2"} picks
   *     one of the alternatives at random
   * @param patienceMeanSeconds mean of the exponential patience (from answer); 0 = never abandons
   * @param callbackAcceptProbability chance of pressing 1 when a callback is offered
   * @param surveyOptInProbability chance of accepting the post-call survey
   * @param surveyScoreWeights weights of scores 1..5 (5 values)
   * @param hangsUpFirstProbability chance the caller ends the conversation before the agent
   */
  public record CallerProfile(
      String name,
      double weight,
      String callerIdPattern,
      String callerName,
      List<String> dtmf,
      double patienceMeanSeconds,
      double callbackAcceptProbability,
      double surveyOptInProbability,
      List<Double> surveyScoreWeights,
      double hangsUpFirstProbability) {
    public CallerProfile {
      Objects.requireNonNull(name, "callerProfiles[].name");
      weight = weight <= 0 ? 1.0 : weight;
      callerIdPattern = callerIdPattern == null ? "+1555#######" : callerIdPattern;
      dtmf = dtmf == null ? List.of() : List.copyOf(dtmf);
      surveyScoreWeights =
          surveyScoreWeights == null || surveyScoreWeights.isEmpty()
              ? List.of(1.0, 1.0, 2.0, 3.0, 3.0)
              : List.copyOf(surveyScoreWeights);
      if (surveyScoreWeights.size() != 5) {
        throw new IllegalArgumentException(
            "caller profile " + name + ": surveyScoreWeights needs 5 values (scores 1..5)");
      }
      checkProbability(name, "callbackAcceptProbability", callbackAcceptProbability);
      checkProbability(name, "surveyOptInProbability", surveyOptInProbability);
      checkProbability(name, "hangsUpFirstProbability", hangsUpFirstProbability);
    }
  }

  /**
   * How long a conversation lasts.
   *
   * @param distribution {@code exponential} or {@code lognormal}
   * @param meanSeconds mean talk time
   * @param sigma lognormal shape (ignored for exponential; default 0.5)
   */
  public record TalkTime(String distribution, double meanSeconds, double sigma) {
    public TalkTime {
      distribution = distribution == null ? "exponential" : distribution;
      if (!distribution.equals("exponential") && !distribution.equals("lognormal")) {
        throw new IllegalArgumentException(
            "talkTime.distribution must be exponential or lognormal, got " + distribution);
      }
      meanSeconds = meanSeconds <= 0 ? 120 : meanSeconds;
      sigma = sigma <= 0 ? 0.5 : sigma;
    }
  }

  /**
   * An agent's breaks.
   *
   * @param probabilityPerHour expected number of pauses per logged-in hour
   * @param meanDurationSeconds mean pause length (exponential)
   * @param reason pause reason sent in the UserEvent
   */
  public record PauseSpec(double probabilityPerHour, double meanDurationSeconds, String reason) {
    public PauseSpec {
      reason = reason == null ? "break" : reason;
      meanDurationSeconds = meanDurationSeconds <= 0 ? 300 : meanDurationSeconds;
      if (probabilityPerHour < 0) {
        throw new IllegalArgumentException("pause.probabilityPerHour must be >= 0");
      }
    }
  }

  /**
   * A virtual agent.
   *
   * @param id agent id (as the router knows it)
   * @param extension PJSIP endpoint of its phone (may equal the id)
   * @param callerIdNum the number its phone shows (e.g. 601)
   * @param displayName the name its phone shows (e.g. Agent 01)
   * @param answerDelayMeanSeconds mean ring time before answering (exponential)
   * @param noAnswerProbability chance a call rings unanswered
   * @param busyProbability chance a call is rejected with 486
   * @param talkTime conversation length
   * @param wrapUpMeanSeconds mean after-call work before {@code wrapupdone}
   * @param pause breaks, or null for none
   */
  public record AgentSpec(
      String id,
      String extension,
      String callerIdNum,
      String displayName,
      double answerDelayMeanSeconds,
      double noAnswerProbability,
      double busyProbability,
      TalkTime talkTime,
      double wrapUpMeanSeconds,
      PauseSpec pause) {
    public AgentSpec {
      Objects.requireNonNull(id, "agents[].id");
      extension = extension == null || extension.isBlank() ? id : extension;
      callerIdNum = callerIdNum == null ? extension : callerIdNum;
      displayName = displayName == null ? id : displayName;
      talkTime = talkTime == null ? new TalkTime("exponential", 120, 0.5) : talkTime;
      checkProbability(id, "noAnswerProbability", noAnswerProbability);
      checkProbability(id, "busyProbability", busyProbability);
      if (answerDelayMeanSeconds < 0 || wrapUpMeanSeconds < 0) {
        throw new IllegalArgumentException("agent " + id + ": negative delay");
      }
    }
  }

  private static void checkProbability(String owner, String field, double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException(owner + ": " + field + " must be in [0,1], got " + p);
    }
  }
}
