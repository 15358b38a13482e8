package dev.switchboard.router.engine;

import dev.switchboard.router.api.Command;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The deterministic routing state machine, as the pipeline drives it: one thread, one command at a
 * time, time only from the command. Given the same commands with the same timestamps it emits the
 * same events and reaches the same {@link #stateHash()}.
 */
public interface RoutingEngine {

  /**
   * Applies one command.
   *
   * @param nowMs the command's timestamp (epoch ms); never earlier than the previous one's
   * @param command the command
   * @param sink receives the events the command causes, in order
   */
  void apply(long nowMs, Command command, EventSink sink);

  /** A hash of the whole routing state, equal for equal states (used to check replay). */
  long stateHash();

  /** Writes the whole state so that {@link #readSnapshot} on a fresh engine restores it. */
  void writeSnapshot(DataOutput out) throws IOException;

  /**
   * The {@link #stateHash()} of the state in {@code snapshot}, bytes that this engine's {@link
   * #writeSnapshot} has just written. An engine whose hash is a function of those bytes computes it
   * from them instead of serialising its state a second time (at 100,000 agents that second pass
   * took as long as the snapshot). The default asks {@link #stateHash()}, which is right only while
   * the state is still the one written.
   */
  default long stateHashOf(byte[] snapshot) {
    return stateHash();
  }

  /** Replaces this engine's state with a snapshot written by {@link #writeSnapshot}. */
  void readSnapshot(DataInput in) throws IOException;
}
