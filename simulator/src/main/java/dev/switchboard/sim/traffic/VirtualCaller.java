package dev.switchboard.sim.traffic;

import dev.switchboard.sim.pbx.CallerScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated caller: every choice is drawn when the call is created (digits, patience, callback
 * and survey answers), so the AGI threads only read fixed data and a seeded run is reproducible.
 */
public final class VirtualCaller implements CallerScript {

  private final List<String> ivrDigits;
  private final long abandonAfterMs;
  private final long talkLimitMs;
  private final boolean acceptsCallback;
  private final boolean acceptsSurvey;
  private final int surveyScore;
  private final AtomicInteger ivrIndex = new AtomicInteger();
  private final AtomicInteger callbackIndex = new AtomicInteger();

  /**
   * @param ivrDigits digits for successive IVR prompts
   * @param abandonAfterMs patience from answer, negative = never
   * @param talkLimitMs ends the conversation first after this long, negative = never
   * @param acceptsCallback presses 1 when offered a callback
   * @param acceptsSurvey presses 1 when asked to take the survey
   * @param surveyScore 1..5
   */
  public VirtualCaller(
      List<String> ivrDigits,
      long abandonAfterMs,
      long talkLimitMs,
      boolean acceptsCallback,
      boolean acceptsSurvey,
      int surveyScore) {
    this.ivrDigits = List.copyOf(ivrDigits);
    this.abandonAfterMs = abandonAfterMs;
    this.talkLimitMs = talkLimitMs;
    this.acceptsCallback = acceptsCallback;
    this.acceptsSurvey = acceptsSurvey;
    this.surveyScore = surveyScore;
  }

  /** Draws a caller of a profile. */
  public static VirtualCaller draw(SimulationScenario.CallerProfile p, SplittableRandom random) {
    List<String> digits = new ArrayList<>();
    for (String d : p.dtmf()) {
      String[] alternatives = d.split("\\|");
      digits.add(alternatives[random.nextInt(alternatives.length)].trim());
    }
    long patience =
        p.patienceMeanSeconds() <= 0
            ? -1
            : (long) (Distributions.exponential(random, p.patienceMeanSeconds()) * 1000);
    boolean callback = Distributions.chance(random, p.callbackAcceptProbability());
    boolean survey = Distributions.chance(random, p.surveyOptInProbability());
    int score = 1 + Distributions.weighted(random, p.surveyScoreWeights());
    long talkLimit =
        Distributions.chance(random, p.hangsUpFirstProbability())
            ? (long) (Distributions.exponential(random, 60) * 1000)
            : -1;
    return new VirtualCaller(digits, patience, talkLimit, callback, survey, score);
  }

  @Override
  public String nextDigits(String script, String prompt) {
    String p = prompt.toLowerCase(Locale.ROOT);
    switch (script) {
      case "ivr" -> {
        if (p.contains("survey")) {
          return acceptsSurvey ? "1" : "2";
        }
        if (p.contains("callback")) {
          return acceptsCallback ? "1" : "2";
        }
        int i = ivrIndex.getAndIncrement();
        return i < ivrDigits.size() ? ivrDigits.get(i) : "";
      }
      case "callback" -> {
        // First the offer (1 = yes), then the number confirmation (1 = this number).
        return callbackIndex.getAndIncrement() == 0 ? (acceptsCallback ? "1" : "2") : "1";
      }
      case "survey" -> {
        return Integer.toString(surveyScore);
      }
      default -> {
        return "";
      }
    }
  }

  @Override
  public long abandonAfterMs() {
    return abandonAfterMs;
  }

  @Override
  public long talkLimitMs() {
    return talkLimitMs;
  }

  /** Whether this caller accepts a callback offer. */
  public boolean acceptsCallback() {
    return acceptsCallback;
  }

  /** Whether this caller opts into the survey. */
  public boolean acceptsSurvey() {
    return acceptsSurvey;
  }
}
