package dev.switchboard.ivr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ivr.TestConfigs;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MenuEnginePropertyTest {

  /** Far more than any path through the example takes, far less than MAX_STEPS. */
  static final int STEP_BOUND = 200;

  static final MenuEngine ENGINE = new MenuEngine(TestConfigs.example());

  @Property(tries = 300)
  void randomKeysAlwaysEndInATerminalStep(
      @ForAll("keySequences") List<String> keys,
      @ForAll("scripts") CallInfo.Script script,
      @ForAll @LongRange(min = 1_700_000_000_000L, max = 1_900_000_000_000L) long nowMs,
      @ForAll @IntRange(min = -1, max = 3_600) int expectedWaitSeconds,
      @ForAll @IntRange(min = 0, max = 600) int threshold,
      @ForAll boolean routerAccepts,
      @ForAll boolean withAnnouncement) {
    CallInfo call = new CallInfo(script, "pbx1:1.1", "pbx1", "PJSIP/a-1", "0611223355", "500");
    SessionContext context =
        new SessionContext(
            withAnnouncement ? Map.of("*", "storm") : Map.of(),
            Map.of("support", threshold, "sales", threshold));
    Iterator<String> it = keys.iterator();
    List<Command> published = new ArrayList<>();
    Transition t = ENGINE.start(call, context, nowMs);
    int steps = 1;
    while (!t.terminal()) {
      assertThat(steps).isLessThan(STEP_BOUND);
      Input in;
      Step step = t.step();
      if (step instanceof Step.PromptAndCollect c) {
        String k = it.hasNext() ? it.next() : "";
        assertThat(c.maxDigits()).isPositive();
        in = new Input.Digits(k, k.isEmpty());
      } else if (step instanceof Step.Publish p) {
        if (routerAccepts) {
          published.add(p.command());
        }
        in = new Input.Published(routerAccepts);
      } else if (step instanceof Step.EstimateWait) {
        in = new Input.WaitEstimated(new WaitEstimate(2, 1, expectedWaitSeconds));
      } else if (step instanceof Step.LookupCustomer l) {
        in =
            TestConfigs.customers()
                .findByAccount(l.key())
                .<Input>map(Input.CustomerFound::new)
                .orElseGet(Input.CustomerNotFound::new);
      } else {
        in = Input.ACK;
      }
      t = ENGINE.next(t.state(), in, nowMs);
      steps++;
    }
    assertThat(t.state().finished()).isTrue();
    long arrivals = published.stream().filter(c -> c instanceof Command.ContactArrived).count();
    assertThat(arrivals).isLessThanOrEqualTo(1);
    assertThat(t.state().contactPublished()).isEqualTo(arrivals == 1);
    for (Command c : published) {
      if (c instanceof Command.CallbackRequested cb && script == CallInfo.Script.IVR) {
        assertThat(published.get(0)).isInstanceOf(Command.ContactArrived.class);
        assertThat(cb.number()).matches("[0-9]{3,15}");
      }
    }
    if (script == CallInfo.Script.SURVEY) {
      assertThat(published).allMatch(c -> c instanceof Command.SurveyRecorded);
    }
  }

  @Property(tries = 100)
  void sameInputsGiveTheSameSteps(
      @ForAll("keySequences") List<String> keys,
      @ForAll @LongRange(min = 1_700_000_000_000L, max = 1_900_000_000_000L) long nowMs) {
    CallInfo call = new CallInfo(CallInfo.Script.IVR, "p:1", "p", "PJSIP/a", "0611223355", "500");
    assertThat(steps(keys, call, nowMs)).isEqualTo(steps(keys, call, nowMs));
  }

  static List<Step> steps(List<String> keys, CallInfo call, long nowMs) {
    Iterator<String> it = keys.iterator();
    List<Step> out = new ArrayList<>();
    Transition t = ENGINE.start(call, SessionContext.empty(), nowMs);
    out.add(t.step());
    while (!t.terminal() && out.size() < STEP_BOUND) {
      Input in =
          t.step() instanceof Step.PromptAndCollect
              ? new Input.Digits(it.hasNext() ? it.next() : "", !it.hasNext())
              : t.step() instanceof Step.Publish ? new Input.Published(true) : Input.ACK;
      t = ENGINE.next(t.state(), in, nowMs);
      out.add(t.step());
    }
    return out;
  }

  @Provide
  Arbitrary<List<String>> keySequences() {
    Arbitrary<String> key =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("0123456789*#").ofMinLength(1).ofMaxLength(1),
            Arbitraries.strings().withChars("0123456789*#").ofMaxLength(10),
            Arbitraries.just(""));
    return key.list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<CallInfo.Script> scripts() {
    return Arbitraries.of(CallInfo.Script.class);
  }
}
