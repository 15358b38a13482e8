package dev.switchboard.router.pipeline;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.engine.RoutingEngine;
import dev.switchboard.router.engine.RoutingStateMachine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenario of the kill test and the child JVM that runs it, with the real {@link
 * RoutingStateMachine}: two queues, eight agents (some ready, some paused), calls arriving, the
 * offered ones partly answered, the rest left waiting; it prints its state and waits to be killed.
 */
public final class KillScenario {
  static final List<String> QUEUES = List.of("sales", "support");
  static final int AGENTS = 8;

  private KillScenario() {}

  static RoutingStateMachine newEngine() {
    return new RoutingStateMachine();
  }

  /** Waiting order per queue, every agent's state (and pause reason), the state hash. */
  static List<String> describe(RoutingStateMachine engine) {
    List<String> lines = new ArrayList<>();
    for (String q : QUEUES) {
      lines.add("waiting " + q + " " + String.join(",", engine.waitingContacts(q)));
    }
    for (int a = 0; a < AGENTS; a++) {
      String id = "agent" + a;
      lines.add(
          "agent "
              + id
              + " "
              + engine.agentState(id)
              + " "
              + engine.pauseReason(id)
              + " "
              + engine.agentContacts(id));
    }
    lines.add("hash " + Long.toHexString(engine.stateHash()));
    return lines;
  }

  public static RouterConfiguration configuration() {
    List<QueueConfiguration> queues = new ArrayList<>();
    for (String q : QUEUES) {
      queues.add(QueueConfiguration.simple(q, List.of(new SkillRequirement(q, 1))));
    }
    List<AgentConfiguration> agents = new ArrayList<>();
    for (int a = 0; a < AGENTS; a++) {
      Map<String, Integer> skills =
          a % 3 == 0 ? Map.of("sales", 5, "support", 5) : Map.of(QUEUES.get(a % 2), 7);
      agents.add(new AgentConfiguration("agent" + a, null, "pbx1", "ext" + a, skills, 0));
    }
    return new RouterConfiguration(queues, agents, ContactSelection.PRIORITY_AGE);
  }

  /** A clock that moves 250 ms each time it is read: deterministic, and time visibly passes. */
  static TimeSource steppingClock() {
    AtomicLong now = new AtomicLong(1_764_000_000_000L);
    return () -> now.addAndGet(250);
  }

  static RouterCore.Builder router(Path dir, RoutingEngine engine) {
    return RouterCore.builder()
        .journalDirectory(dir)
        .engine(engine)
        .tickIntervalMs(0)
        .ringSize(1024)
        .snapshotEveryCommands(10);
  }

  private static void publish(RouterCore core, Command command) {
    if (!core.publisher().publish(command).accepted()) {
      throw new IllegalStateException("not accepted: " + command);
    }
  }

  private static void drain(RouterCore core) {
    if (!core.drain(Duration.ofSeconds(20))) {
      throw new IllegalStateException("did not drain");
    }
  }

  /**
   * Ends with at least one journaled command after the newest snapshot, so that the restart replays
   * a tail. Whether the last batch closed with a snapshot depends on how the commands fell into
   * batches: a tick that takes no snapshot of its own settles it (the second one at the latest, as
   * it comes one command after a snapshot).
   */
  private static void leaveAJournalTail(RouterCore core) {
    for (int attempt = 0; attempt < 3; attempt++) {
      long snapshots = core.statistics().routingThreadSnapshots();
      publish(core, Command.TICK);
      drain(core);
      if (core.statistics().routingThreadSnapshots() == snapshots) {
        return;
      }
    }
    throw new IllegalStateException("every tick closed with a snapshot");
  }

  /** The child: runs the scenario, prints its state between BEGIN and END, then waits for death. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    RoutingStateMachine engine = newEngine();
    List<RouterEvent.ContactOffered> offers = Collections.synchronizedList(new ArrayList<>());
    RouterCore core =
        router(dir, engine)
            .timeSource(steppingClock())
            .listener(
                (event, replay) -> {
                  if (event instanceof RouterEvent.ContactOffered o) {
                    offers.add(o);
                  }
                })
            .build();
    core.start();
    publish(core, new Command.ConfigurationChanged(configuration()));
    for (int a = 0; a < AGENTS; a++) {
      publish(core, new Command.AgentLogin("agent" + a));
    }
    for (int a = 0; a < 5; a++) {
      publish(core, new Command.AgentReady("agent" + a));
    }
    publish(core, new Command.AgentPause("agent5", "lunch"));
    for (int c = 0; c < 16; c++) {
      publish(core, Command.ContactArrived.call("call" + c, QUEUES.get(c % 2), c % 3 == 0 ? 1 : 0));
      if (c % 5 == 4) {
        publish(core, Command.TICK);
      }
    }
    drain(core);
    List<RouterEvent.ContactOffered> offered = List.copyOf(offers);
    for (int i = 0; i < offered.size() - 1; i++) {
      publish(
          core, new Command.ContactAnswered(offered.get(i).contactId(), offered.get(i).agentId()));
    }
    publish(
        core,
        new Command.ContactAbandoned(
            "call15", dev.switchboard.router.api.AbandonReason.CALLER_HANGUP, 16));
    publish(core, Command.TICK);
    drain(core);
    leaveAJournalTail(core);
    System.out.println("BEGIN");
    describe(engine).forEach(System.out::println);
    System.out.println("END");
    System.out.flush();
    // Deliberately no close(): the parent kills this JVM with SIGKILL.
    new CountDownLatch(1).await();
  }

  /**
   * A short call-center day on a real engine: configuration, agents log in and go ready, 60 calls
   * arrive; every offer heard in {@code offers} (filled by the caller's listener) is answered,
   * every other call ends with a wrap-up. Shared by the recovery and snapshot-follower tests.
   */
  public static void runDay(RouterCore core, List<RouterEvent.ContactOffered> offers) {
    publish(core, new Command.ConfigurationChanged(KillScenario.configuration()));
    for (int a = 0; a < KillScenario.AGENTS; a++) {
      publish(core, new Command.AgentLogin("agent" + a));
      publish(core, new Command.AgentReady("agent" + a));
    }
    int answered = 0;
    for (int c = 0; c < 60; c++) {
      publish(
          core,
          Command.ContactArrived.call(
              "call" + c, KillScenario.QUEUES.get(c % 2), c % 4 == 0 ? 1 : 0));
      if (c % 3 == 2) {
        drain(core);
        List<RouterEvent.ContactOffered> heard = List.copyOf(offers);
        for (; answered < heard.size(); answered++) {
          RouterEvent.ContactOffered o = heard.get(answered);
          publish(core, new Command.ContactAnswered(o.contactId(), o.agentId()));
          if (answered % 2 == 0) {
            publish(core, new Command.ContactEnded(o.contactId()));
            publish(core, new Command.WrapUpDone(o.agentId()));
          }
        }
        publish(core, Command.TICK);
      }
    }
    drain(core);
  }
}
