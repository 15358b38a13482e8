package dev.switchboard.router.pipeline;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.engine.RoutingEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenario of the kill test and the child JVM that runs it: a router with a journal publishes
 * agents logging in and going ready, calls arriving, some answered, several left waiting; it prints
 * its state and then waits to be killed.
 */
public final class KillScenario {
  private KillScenario() {}

  /** The engine under test. */
  static FakeRoutingEngine newEngine() {
    return new FakeRoutingEngine();
  }

  /** Waiting order, agent states and the state hash, one item a line, comparable as text. */
  static List<String> describe(FakeRoutingEngine engine) {
    List<String> lines = new ArrayList<>();
    lines.add("waiting " + String.join(",", engine.waiting()));
    Map<String, String> agents = new TreeMap<>();
    engine.agents().forEach((id, state) -> agents.put(id, state.name()));
    agents.forEach((id, state) -> lines.add("agent " + id + " " + state));
    lines.add("hash " + Long.toHexString(engine.stateHash()));
    return lines;
  }

  static List<Command> commands() {
    List<Command> commands = new ArrayList<>();
    for (int a = 0; a < 8; a++) {
      commands.add(new Command.AgentLogin("agent" + a));
    }
    for (int a = 0; a < 6; a++) {
      commands.add(new Command.AgentReady("agent" + a));
    }
    for (int c = 0; c < 40; c++) {
      commands.add(
          Command.ContactArrived.call("call" + c, c % 2 == 0 ? "sales" : "support", c % 3));
      if (c % 4 == 1) {
        commands.add(new Command.ContactAnswered("call" + (c - 1), "agent" + (c % 6)));
      }
      if (c % 10 == 9) {
        commands.add(Command.TICK);
      }
    }
    return commands;
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
        .snapshotEveryCommands(25);
  }

  /** The child: runs the scenario, prints its state between BEGIN and END, then waits for death. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    FakeRoutingEngine engine = newEngine();
    RouterCore core = router(dir, engine).timeSource(steppingClock()).build();
    core.start();
    List<Command> commands = commands();
    for (int i = 0; i < commands.size(); i++) {
      if (!core.publisher().publish(commands.get(i)).accepted()) {
        throw new IllegalStateException("not accepted: " + commands.get(i));
      }
      if (i % 7 == 6 && !core.drain(Duration.ofSeconds(20))) {
        throw new IllegalStateException("did not drain");
      }
    }
    if (!core.drain(Duration.ofSeconds(20))) {
      throw new IllegalStateException("did not drain");
    }
    System.out.println("BEGIN");
    describe(engine).forEach(System.out::println);
    System.out.println("END");
    System.out.flush();
    // Deliberately no close(): the parent kills this JVM with SIGKILL.
    new java.util.concurrent.CountDownLatch(1).await();
  }
}
