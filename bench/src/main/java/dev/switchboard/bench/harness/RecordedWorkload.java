package dev.switchboard.bench.harness;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.engine.EventSink;
import dev.switchboard.router.engine.RoutingStateMachine;
import java.util.List;

/**
 * A {@link CallCenterWorkload} recorded in advance against a shadow engine that hears every
 * decision at once, with a virtual clock. Replaying it through a router whose {@link #timeSource()}
 * returns the recorded times makes the router's engine take exactly the shadow's decisions, so
 * every answer names the agent that was really offered the call, whatever the pipeline's lag.
 *
 * <p>Without this, a producer running a whole ring ahead of dispatch would hear about offers tens
 * of thousands of commands late and the stream would degenerate into ticks and arrivals.
 */
public final class RecordedWorkload {
  private final Command[] commands;
  private final long[] timestampsMs;
  private final int warmUpCount;
  private int cursor;

  private RecordedWorkload(Command[] commands, long[] timestampsMs, int warmUpCount) {
    this.commands = commands;
    this.timestampsMs = timestampsMs;
    this.warmUpCount = warmUpCount;
  }

  /**
   * Records the warm-up (configuration, logins, ready) and then {@code steadyCommands} steady-state
   * commands; the virtual clock advances 1 ms every 100 commands.
   */
  public static RecordedWorkload record(int agents, int queues, int steadyCommands) {
    CallCenterWorkload workload = new CallCenterWorkload(agents, queues);
    RoutingStateMachine shadow = new RoutingStateMachine();
    EventSink sink = event -> workload.onEvent(event, false);
    List<Command> warmUp = workload.warmUp();
    int total = warmUp.size() + steadyCommands;
    Command[] commands = new Command[total];
    long[] times = new long[total];
    long nowMs = 1_764_000_000_000L;
    for (int i = 0; i < total; i++) {
      if (i % 100 == 0) {
        nowMs++;
      }
      Command c = i < warmUp.size() ? warmUp.get(i) : workload.next();
      shadow.apply(nowMs, c, sink);
      commands[i] = c;
      times[i] = nowMs;
    }
    return new RecordedWorkload(commands, times, warmUp.size());
  }

  /** Commands in the warm-up prefix. */
  public int warmUpCount() {
    return warmUpCount;
  }

  /** All commands, warm-up included. */
  public int size() {
    return commands.length;
  }

  /** Back to the first command, for a fresh router. */
  public void rewind() {
    cursor = 0;
  }

  /** True while commands remain. */
  public boolean hasNext() {
    return cursor < commands.length;
  }

  /** The recorded time of command {@code i}. */
  public long timestampMs(int i) {
    return timestampsMs[i];
  }

  /** Command {@code i}, without moving the cursor. */
  public Command command(int i) {
    return commands[i];
  }

  /**
   * The next command, as a fresh copy with fresh strings, the way a real producer (the AMI adapter
   * parsing an event) hands the router objects it has just built; {@link #timeSource()} then
   * answers its recorded time. Handing over the recorded objects themselves would make the router
   * read commands that were built long ago and sit cold in memory: a cache miss per string that no
   * real producer causes.
   */
  public Command next() {
    return fresh(commands[cursor++]);
  }

  static Command fresh(Command c) {
    if (c instanceof Command.ContactArrived a) {
      return Command.ContactArrived.call(copy(a.contactId()), copy(a.queueId()), a.priority());
    } else if (c instanceof Command.ContactAnswered a) {
      return new Command.ContactAnswered(copy(a.contactId()), copy(a.agentId()));
    } else if (c instanceof Command.ContactEnded e) {
      return new Command.ContactEnded(copy(e.contactId()));
    } else if (c instanceof Command.WrapUpDone w) {
      return new Command.WrapUpDone(copy(w.agentId()));
    }
    return c;
  }

  /** A new string with its own character array (new String(s) would share the old one). */
  private static String copy(String s) {
    return new StringBuilder(s.length()).append(s).toString();
  }

  /**
   * The recorded time of the command last returned by {@link #next()}. Only valid with one producer
   * that publishes each command right after taking it, and no timer thread.
   */
  public TimeSource timeSource() {
    return () -> timestampsMs[Math.max(0, cursor - 1)];
  }
}
