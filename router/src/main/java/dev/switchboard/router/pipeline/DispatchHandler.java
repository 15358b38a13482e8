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
  private final EventBuffers events;

  /**
   * @param events the event buffers, told when the events of a slot have gone
   */
  DispatchHandler(ListenerFanOut listeners, LongConsumer observer, EventBuffers events) {
    this.events = events;
    this.listeners = listeners;
    this.observer = observer;
  }

  @Override
  public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
    slot.events.deliverTo(listeners, false, slot.eventsFrom, slot.eventsTo);
    events.dispatched(sequence, endOfBatch);
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
