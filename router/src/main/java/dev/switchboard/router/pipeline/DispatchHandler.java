package dev.switchboard.router.pipeline;

import com.lmax.disruptor.EventHandler;
import java.util.function.LongConsumer;

/**
 * Stage 3: after both journal and routing have handled a slot, hands its events to the listeners
 * (live, {@code replay = false}) and releases the slot. Because it runs only after the journal
 * stage, no decision reaches an adapter before its command is on disk.
 */
final class DispatchHandler implements EventHandler<CommandSlot> {
  private final ListenerFanOut listeners;
  private final LongConsumer observer;
  private final boolean clearsChunks;

  /**
   * @param clearsChunks the parallel layout: clears each event chunk after its last sequence; in
   *     the fused layout the fused handler clears the batch's buffer
   */
  DispatchHandler(ListenerFanOut listeners, LongConsumer observer, boolean clearsChunks) {
    this.clearsChunks = clearsChunks;
    this.listeners = listeners;
    this.observer = observer;
  }

  @Override
  public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
    slot.events.deliverTo(listeners, false, slot.eventsFrom, slot.eventsTo);
    if (clearsChunks && (sequence % RoutingHandler.CHUNK == RoutingHandler.CHUNK - 1)) {
      // The last sequence of its chunk: every event in it is dispatched.
      slot.events.clear();
    }
    slot.command = null;
    if (observer != null) {
      try {
        observer.accept(sequence);
      } catch (RuntimeException e) {
        // A monitoring hook must not stop routing; counted with the listener failures.
        listeners.observerFailed(e);
      }
    }
  }
}
