package dev.switchboard.ivr.engine;

import dev.switchboard.ivr.CustomerDirectory;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Plays the part of the FastAGI glue in engine tests: acknowledges prompts, answers each
 * prompt-and-collect with the next scripted digits (none when the script runs out), accepts
 * publishes, and answers estimates and lookups from what it is given.
 */
final class EngineDriver {
  final MenuEngine engine;
  final Deque<String> keys = new ArrayDeque<>();
  final List<Step> steps = new ArrayList<>();
  final List<Command> published = new ArrayList<>();
  WaitEstimate estimate = WaitEstimate.unknown();
  CustomerDirectory directory = CustomerDirectory.EMPTY;
  boolean acceptPublish = true;
  long nowMs;
  SessionState last;

  EngineDriver(MenuEngine engine, long nowMs) {
    this.engine = engine;
    this.nowMs = nowMs;
  }

  EngineDriver keys(String... digits) {
    keys.addAll(List.of(digits));
    return this;
  }

  /** Runs a session to its terminal step (or 500 steps) and returns every step emitted. */
  List<Step> run(CallInfo call, SessionContext context) {
    Transition t = engine.start(call, context, nowMs);
    for (int i = 0; i < 500; i++) {
      steps.add(t.step());
      last = t.state();
      if (t.terminal()) {
        return steps;
      }
      t = engine.next(t.state(), answer(t.step()), nowMs);
    }
    throw new AssertionError("no terminal step after 500 steps: " + steps);
  }

  Input answer(Step step) {
    if (step instanceof Step.PromptAndCollect) {
      String k = keys.poll();
      return k == null ? Input.Digits.none() : new Input.Digits(k, false);
    } else if (step instanceof Step.Publish p) {
      if (acceptPublish) {
        published.add(p.command());
      }
      return new Input.Published(acceptPublish);
    } else if (step instanceof Step.EstimateWait) {
      return new Input.WaitEstimated(estimate);
    } else if (step instanceof Step.LookupCustomer l) {
      var c = l.byPhone() ? directory.findByPhone(l.key()) : directory.findByAccount(l.key());
      return c.<Input>map(Input.CustomerFound::new).orElseGet(Input.CustomerNotFound::new);
    }
    return Input.ACK;
  }

  /** The prompts played or asked, in order ({@code en/welcome}). */
  List<String> prompts() {
    List<String> out = new ArrayList<>();
    for (Step s : steps) {
      if (s instanceof Step.Play p) {
        out.addAll(p.prompts());
      } else if (s instanceof Step.PromptAndCollect c) {
        out.add(c.prompt());
      }
    }
    return out;
  }

  Step lastStep() {
    return steps.get(steps.size() - 1);
  }
}
