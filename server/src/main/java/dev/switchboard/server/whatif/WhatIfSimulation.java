package dev.switchboard.server.whatif;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.engine.RoutingEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Runs the real routing engine in virtual time against a traffic model, as fast as the CPU allows:
 * no sockets, no threads, no clock. Callers arrive by a Poisson process (thinned by hourly
 * factors), wait with exponential patience, and talk for an exponential handle time once an agent
 * is offered them (offers are answered at once: this answers staffing questions, not ring-no-answer
 * ones). The engine's own timers (wrap-up, escalation, maximum wait) are driven by ticks every
 * {@link #TICK_MS} of virtual time.
 */
public final class WhatIfSimulation {

  /** Default virtual time between ticks: the resolution of the engine's timers. */
  static final long TICK_MS = 250;

  /** After the last arrival, keep running at most this long for waiting contacts to finish. */
  private static final long DRAIN_LIMIT_MS = 4 * 3_600_000L;

  private static final long HOUR_MS = 3_600_000L;

  private final WhatIfScenario scenario;
  private final RouterConfiguration configuration;
  private final RoutingEngine engine;
  private final SplittableRandom random;
  private final PriorityQueue<Scheduled> agenda = new PriorityQueue<>();
  private final Map<String, Caller> callers = new HashMap<>();
  private final ArrayDeque<RouterEvent> pending = new ArrayDeque<>();
  private final ArrayDeque<Command> followUps = new ArrayDeque<>();
  private final Map<String, Integer> queueIndex = new HashMap<>();
  private final Tally[] tallies;
  private final int[] waiting;
  private final long startMs;
  private final long endMs;
  private final long intervalMs;
  private final long tickMs;
  private long sequence;
  private long callerCount;
  private long commands;
  private long now;
  private int open;

  private WhatIfSimulation(WhatIfScenario scenario, RoutingEngine engine) {
    this.scenario = scenario;
    this.configuration = WhatIfScenarioLoader.routerConfiguration(scenario);
    this.engine = engine;
    this.random = new SplittableRandom(scenario.seed());
    this.startMs = scenario.startHour() * HOUR_MS;
    this.endMs = startMs + scenario.durationHours() * HOUR_MS;
    int minutes = scenario.intervalMinutes() == 0 ? 15 : scenario.intervalMinutes();
    this.intervalMs = minutes * 60_000L;
    this.tickMs = scenario.tickMillis() == null ? TICK_MS : scenario.tickMillis();
    int intervals = (int) ((endMs + DRAIN_LIMIT_MS - startMs) / intervalMs) + 1;
    List<QueueConfiguration> queues = configuration.queues();
    this.tallies = new Tally[queues.size()];
    this.waiting = new int[queues.size()];
    for (int i = 0; i < queues.size(); i++) {
      queueIndex.put(queues.get(i).id(), i);
      tallies[i] = new Tally(queues.get(i), intervals);
    }
  }

  /** Runs the scenario on a fresh engine from the factory and reports. */
  public static WhatIfReport run(WhatIfScenario scenario, Supplier<RoutingEngine> engineFactory) {
    return new WhatIfSimulation(scenario, engineFactory.get()).run();
  }

  private WhatIfReport run() {
    long wallStart = System.nanoTime();
    now = startMs;
    apply(new Command.ConfigurationChanged(configuration));
    scheduleShifts();
    for (int i = 0; i < scenario.traffic().size(); i++) {
      scheduleNextArrival(i, startMs);
    }
    long nextTick = startMs + tickMs;
    long stopMs = endMs + DRAIN_LIMIT_MS;
    while (true) {
      Scheduled next = agenda.peek();
      boolean arrivalsOver = now >= endMs;
      if (arrivalsOver && open == 0 && (next == null || next.timeMs > endMs)) {
        break;
      }
      long nextEventMs = next == null ? Long.MAX_VALUE : next.timeMs;
      if (nextTick <= nextEventMs) {
        if (nextTick > stopMs) {
          break;
        }
        advance(nextTick);
        apply(Command.TICK);
        nextTick += tickMs;
        continue;
      }
      agenda.poll();
      advance(next.timeMs);
      next.action.run();
    }
    long wallMillis = Math.max(1, (System.nanoTime() - wallStart) / 1_000_000);
    long simulatedSeconds = (now - startMs) / 1000;
    List<WhatIfReport.QueueResult> results = new ArrayList<>();
    for (Tally t : tallies) {
      results.add(t.result(startMs, intervalMs));
    }
    return new WhatIfReport(
        scenario.name() == null ? "what-if" : scenario.name(),
        scenario.seed(),
        scenario.startHour(),
        scenario.durationHours(),
        (int) (intervalMs / 60_000),
        simulatedSeconds,
        wallMillis,
        simulatedSeconds * 1000.0 / wallMillis,
        commands,
        configuration.agents().size(),
        results);
  }

  /** Moves virtual time forward, integrating the number waiting per queue over the gap. */
  private void advance(long toMs) {
    if (toMs <= now) {
      return;
    }
    for (int q = 0; q < waiting.length; q++) {
      tallies[q].integrateWaiting(now, toMs, waiting[q], startMs, intervalMs);
    }
    now = toMs;
  }

  private void scheduleShifts() {
    for (WhatIfScenario.AgentGroupSpec group : scenario.agents()) {
      long shiftStart = group.startHour() == null ? startMs : group.startHour() * HOUR_MS;
      long shiftEnd = group.endHour() == null ? Long.MAX_VALUE : group.endHour() * HOUR_MS;
      for (int n = 1; n <= group.count(); n++) {
        String agentId = WhatIfScenarioLoader.agentId(group, n);
        schedule(
            Math.max(startMs, shiftStart),
            () -> {
              apply(new Command.AgentLogin(agentId));
              apply(new Command.AgentReady(agentId));
            });
        if (shiftEnd != Long.MAX_VALUE) {
          schedule(shiftEnd, () -> apply(new Command.AgentPause(agentId, "end of shift")));
        }
      }
    }
  }

  private void scheduleNextArrival(int stream, long fromMs) {
    WhatIfScenario.TrafficSpec t = scenario.traffic().get(stream);
    double maxFactor = 1.0;
    if (t.hourlyFactors() != null) {
      for (Double f : t.hourlyFactors().values()) {
        maxFactor = Math.max(maxFactor, f);
      }
    }
    double maxRatePerMs = t.callsPerHour() * maxFactor / HOUR_MS;
    long at = fromMs;
    // Thinning: draw from the peak rate, keep each candidate with factor(hour) / peak.
    while (true) {
      at += Math.max(1, Math.round(exponential(1.0 / maxRatePerMs)));
      if (at >= endMs) {
        return;
      }
      if (random.nextDouble() * maxFactor <= factor(t, at)) {
        break;
      }
    }
    long arrivalMs = at;
    schedule(
        arrivalMs,
        () -> {
          arrive(t);
          scheduleNextArrival(stream, arrivalMs);
        });
  }

  private double factor(WhatIfScenario.TrafficSpec t, long atMs) {
    if (t.hourlyFactors() == null) {
      return 1.0;
    }
    int hour = (int) ((atMs / HOUR_MS) % 24);
    for (Map.Entry<String, Double> e : t.hourlyFactors().entrySet()) {
      if (WhatIfScenarioLoader.parseHour(e.getKey()) == hour) {
        return e.getValue();
      }
    }
    return 1.0;
  }

  private void arrive(WhatIfScenario.TrafficSpec t) {
    String id = "c" + (++callerCount);
    int queue = queueIndex.get(t.queue());
    long handleMs = Math.max(1, Math.round(exponential(t.handleSeconds() * 1000)));
    Caller caller = new Caller(id, queue, now, handleMs);
    boolean vip = t.vipShare() != null && random.nextDouble() < t.vipShare();
    int priority = vip ? (t.vipPriority() == null ? 5 : t.vipPriority()) : 0;
    callers.put(id, caller);
    open++;
    tallies[queue].offered(now, startMs, intervalMs);
    List<SkillRequirement> extra = WhatIfScenarioLoader.requirements(t.extraSkills());
    if (t.patienceSeconds() != null && t.patienceSeconds() > 0) {
      long patienceMs = Math.max(1, Math.round(exponential(t.patienceSeconds() * 1000)));
      schedule(now + patienceMs, () -> abandonIfWaiting(caller));
    }
    apply(
        new Command.ContactArrived(
            id, t.queue(), ContactType.CALL, priority, extra, "", "", "", "", 0, Map.of()));
  }

  private void abandonIfWaiting(Caller caller) {
    if (caller.state == CallerState.WAITING) {
      apply(
          new Command.ContactAbandoned(
              caller.id, dev.switchboard.router.api.AbandonReason.CALLER_HANGUP, 16));
    }
  }

  private void apply(Command command) {
    followUps.addLast(command);
    if (followUps.size() > 1) {
      return; // already draining: the outer call applies it in order
    }
    while (!followUps.isEmpty()) {
      commands++;
      engine.apply(now, followUps.peekFirst(), pending::add);
      while (!pending.isEmpty()) {
        handle(pending.poll());
      }
      followUps.pollFirst();
    }
  }

  // Java 17 has no pattern switch (STYLE.md's exhaustive switch needs 21): an instanceof chain over
  // the few events that change a what-if figure; every other event is ignored on purpose.
  private void handle(RouterEvent event) {
    if (event instanceof RouterEvent.ContactQueued e) {
      Caller c = callers.get(e.contactId());
      if (c != null) {
        setWaiting(c, false);
        c.queue = queueIndex.getOrDefault(e.queueId(), c.queue);
        setWaiting(c, true);
      }
    } else if (event instanceof RouterEvent.ContactMoved e) {
      Caller c = callers.get(e.contactId());
      if (c != null) {
        boolean wasWaiting = c.state == CallerState.WAITING;
        setWaiting(c, false);
        c.queue = queueIndex.getOrDefault(e.toQueueId(), c.queue);
        if (wasWaiting) {
          setWaiting(c, true);
        }
      }
    } else if (event instanceof RouterEvent.ContactOffered e) {
      Caller c = callers.get(e.contactId());
      if (c != null) {
        setWaiting(c, false);
        // Answered at once; applied after this command, never from inside the engine.
        followUps.addLast(new Command.ContactAnswered(e.contactId(), e.agentId()));
      }
    } else if (event instanceof RouterEvent.ContactAnswered e) {
      Caller c = callers.get(e.contactId());
      if (c != null) {
        c.state = CallerState.TALKING;
        tallies[c.origin].answered(c.arrivedMs, now - c.arrivedMs, startMs, intervalMs);
        schedule(now + c.handleMs, () -> apply(new Command.ContactEnded(c.id)));
      }
    } else if (event instanceof RouterEvent.ContactAbandoned e) {
      finish(e.contactId(), Outcome.ABANDONED);
    } else if (event instanceof RouterEvent.ContactOverflowed e) {
      finish(e.contactId(), Outcome.OVERFLOWED);
    } else if (event instanceof RouterEvent.ContactEnded e) {
      finish(e.contactId(), Outcome.ENDED);
    } else if (event instanceof RouterEvent.OfferRevoked e) {
      Caller c = callers.get(e.contactId());
      if (c != null && c.state == CallerState.OFFERED) {
        c.state = CallerState.NEW;
      }
    }
  }

  private void setWaiting(Caller c, boolean on) {
    if (on && c.state != CallerState.WAITING) {
      c.state = CallerState.WAITING;
      waiting[c.queue]++;
      tallies[c.queue].noteWaiting(now, waiting[c.queue], startMs, intervalMs);
    } else if (!on && c.state == CallerState.WAITING) {
      c.state = CallerState.OFFERED;
      waiting[c.queue]--;
    }
  }

  private void finish(String contactId, Outcome outcome) {
    Caller c = callers.remove(contactId);
    if (c == null) {
      return;
    }
    setWaiting(c, false);
    c.state = CallerState.DONE;
    open--;
    long waitedMs = now - c.arrivedMs;
    if (outcome == Outcome.ABANDONED) {
      tallies[c.origin].abandoned(c.arrivedMs, waitedMs, startMs, intervalMs);
    } else if (outcome == Outcome.OVERFLOWED) {
      tallies[c.origin].overflowed(c.arrivedMs, startMs, intervalMs);
    }
  }

  private void schedule(long atMs, Runnable action) {
    agenda.add(new Scheduled(atMs, ++sequence, action));
  }

  private double exponential(double mean) {
    return -mean * Math.log(1.0 - random.nextDouble());
  }

  private enum CallerState {
    NEW,
    WAITING,
    OFFERED,
    TALKING,
    DONE
  }

  private enum Outcome {
    ABANDONED,
    OVERFLOWED,
    ENDED
  }

  private static final class Caller {
    final String id;
    final int origin;
    final long arrivedMs;
    final long handleMs;
    int queue;
    CallerState state = CallerState.NEW;

    Caller(String id, int queue, long arrivedMs, long handleMs) {
      this.id = id;
      this.origin = queue;
      this.queue = queue;
      this.arrivedMs = arrivedMs;
      this.handleMs = handleMs;
    }
  }

  private record Scheduled(long timeMs, long seq, Runnable action)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = Long.compare(timeMs, o.timeMs);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
