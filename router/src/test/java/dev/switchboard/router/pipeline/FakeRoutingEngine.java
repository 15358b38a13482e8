package dev.switchboard.router.pipeline;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.engine.EventSink;
import dev.switchboard.router.engine.RoutingEngine;
import dev.switchboard.router.journal.CommandCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * A small deterministic stand-in for the routing engine: enough state (a command count, a running
 * hash of every command and its time, waiting contacts in arrival order, agent states) to prove
 * that the pipeline applies, journals, snapshots and replays faithfully. It emits one {@code
 * CommandRejected("fake-applied")} per command (carrying the command, so listeners can check it was
 * journaled first) and a {@code ContactQueued} per arrival.
 *
 * <p>Test hooks: a command to queue {@code "poison"} makes it throw; an announcement with scope
 * {@code "block"} parks the routing thread until {@link #release} opens.
 */
public final class FakeRoutingEngine implements RoutingEngine {
  private long commands;
  private long runningHash = 17;
  private final LinkedHashSet<String> waiting = new LinkedHashSet<>();
  private final TreeMap<String, AgentState> agents = new TreeMap<>();

  /** Every (time, command) applied by this instance, not part of the state. */
  public final List<Long> appliedAtMs = Collections.synchronizedList(new ArrayList<>());

  /** Every command applied by this instance, in order, not part of the state. */
  public final List<Command> applied = Collections.synchronizedList(new ArrayList<>());

  public final CountDownLatch blocked = new CountDownLatch(1);
  public final CountDownLatch release = new CountDownLatch(1);
  private final boolean poisonable;

  public FakeRoutingEngine() {
    this(true);
  }

  public FakeRoutingEngine(boolean poisonable) {
    this.poisonable = poisonable;
  }

  @Override
  public void apply(long nowMs, Command command, EventSink sink) {
    if (command instanceof Command.ContactArrived a && a.queueId().equals("poison") && poisonable) {
      throw new IllegalStateException("poisoned command " + a.contactId());
    }
    if (command instanceof Command.AnnouncementChanged a && a.scope().equals("block")) {
      blocked.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    commands++;
    runningHash = runningHash * 31 + nowMs;
    runningHash = runningHash * 31 + CommandCodec.tagOf(command);
    applied.add(command);
    appliedAtMs.add(nowMs);
    sink.emit(new RouterEvent.CommandRejected(nowMs, command, "fake-applied", "#" + commands));
    if (command instanceof Command.ContactArrived a) {
      runningHash = runningHash * 31 + a.contactId().hashCode();
      waiting.add(a.contactId());
      sink.emit(
          new RouterEvent.ContactQueued(
              nowMs,
              a.contactId(),
              a.queueId(),
              ContactType.CALL,
              a.priority(),
              nowMs,
              false,
              waiting.size(),
              "",
              "",
              ""));
    } else if (command instanceof Command.ContactAnswered a) {
      waiting.remove(a.contactId());
      agents.put(a.agentId(), AgentState.BUSY);
    } else if (command instanceof Command.ContactAbandoned a) {
      waiting.remove(a.contactId());
    } else if (command instanceof Command.AgentLogin a) {
      agents.put(a.agentId(), AgentState.PAUSED);
    } else if (command instanceof Command.AgentReady a) {
      agents.put(a.agentId(), AgentState.READY);
    } else if (command instanceof Command.AgentLogout a) {
      agents.put(a.agentId(), AgentState.LOGGED_OUT);
    }
  }

  public long commands() {
    return commands;
  }

  public List<String> waiting() {
    return List.copyOf(waiting);
  }

  public Map<String, AgentState> agents() {
    return Map.copyOf(agents);
  }

  @Override
  public long stateHash() {
    long h = runningHash * 31 + commands;
    for (String id : waiting) {
      h = h * 31 + id.hashCode();
    }
    for (Map.Entry<String, AgentState> e : agents.entrySet()) {
      h = h * 31 + e.getKey().hashCode();
      h = h * 31 + e.getValue().code();
    }
    return h;
  }

  @Override
  public void writeSnapshot(DataOutput out) throws IOException {
    out.writeLong(commands);
    out.writeLong(runningHash);
    out.writeInt(waiting.size());
    for (String id : waiting) {
      out.writeUTF(id);
    }
    out.writeInt(agents.size());
    for (Map.Entry<String, AgentState> e : agents.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().code());
    }
  }

  @Override
  public void readSnapshot(DataInput in) throws IOException {
    commands = in.readLong();
    runningHash = in.readLong();
    waiting.clear();
    for (int i = in.readInt(); i > 0; i--) {
      waiting.add(in.readUTF());
    }
    agents.clear();
    for (int i = in.readInt(); i > 0; i--) {
      agents.put(
          in.readUTF(), dev.switchboard.router.api.Coded.fromCode(AgentState.class, in.readInt()));
    }
  }
}
