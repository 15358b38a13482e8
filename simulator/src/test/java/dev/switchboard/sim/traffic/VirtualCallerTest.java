package dev.switchboard.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtualCallerTest {

  @Test
  void shouldPressProfileDigitsInOrderThenNothing() {
    VirtualCaller c = new VirtualCaller(List.of("1", "23"), -1, -1, false, false, 4);
    assertThat(c.nextDigits("ivr", "lang")).isEqualTo("1");
    assertThat(c.nextDigits("ivr", "product")).isEqualTo("23");
    assertThat(c.nextDigits("ivr", "more")).isEmpty();
  }

  @Test
  void shouldAnswerSurveyAndCallbackPromptsFromItsChoices() {
    VirtualCaller yes = new VirtualCaller(List.of(), -1, -1, true, true, 5);
    assertThat(yes.nextDigits("ivr", "take-our-survey")).isEqualTo("1");
    assertThat(yes.nextDigits("callback", "offer")).isEqualTo("1");
    assertThat(yes.nextDigits("callback", "confirm-number")).isEqualTo("1");
    assertThat(yes.nextDigits("survey", "rate")).isEqualTo("5");
    VirtualCaller no = new VirtualCaller(List.of(), -1, -1, false, false, 2);
    assertThat(no.nextDigits("ivr", "survey-optin")).isEqualTo("2");
    assertThat(no.nextDigits("callback", "offer")).isEqualTo("2");
    assertThat(no.nextDigits("survey", "rate")).isEqualTo("2");
  }

  @Test
  void shouldDrawChoicesFromAlternativesAndScoreWeights() {
    SimulationScenario.CallerProfile p =
        new SimulationScenario.CallerProfile(
            "p",
            1,
            "+4930999000##",
            null,
            List.of("1|2", "3"),
            0,
            1.0,
            0.0,
            List.of(0.0, 0.0, 0.0, 1.0, 0.0),
            0);
    SplittableRandom r = new SplittableRandom(3);
    boolean saw1 = false;
    boolean saw2 = false;
    for (int i = 0; i < 50; i++) {
      VirtualCaller c = VirtualCaller.draw(p, r);
      String first = c.nextDigits("ivr", "x");
      saw1 |= first.equals("1");
      saw2 |= first.equals("2");
      assertThat(c.nextDigits("ivr", "y")).isEqualTo("3");
      assertThat(c.abandonAfterMs()).isEqualTo(-1);
      assertThat(c.acceptsCallback()).isTrue();
      assertThat(c.acceptsSurvey()).isFalse();
      assertThat(c.nextDigits("survey", "rate")).isEqualTo("4");
    }
    assertThat(saw1).isTrue();
    assertThat(saw2).isTrue();
    assertThat(Distributions.digits(r, "+4930999000##")).matches("\\+4930999000\\d\\d");
  }
}
