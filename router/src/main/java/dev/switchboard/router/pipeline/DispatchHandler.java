package dev.switchboard.router.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.switchboard.router.engine.EventBuffer;
import java.util.function.LongConsumer;

/**
 * Stage 3: after both journal and routing have handled a slot, hands its events to the listeners
 * (live, {@code replay = false}) and releases the slot. Because it runs only after the journal
 * stage, no decision reaches an adapter before its command is on disk.
 */
final class DispatchHandler implements EventHandler<CommandSlot> {
  private final ListenerFanOut listeners;
  private final LongConsumer observer;

  DispatchHandler(ListenerFanOut listeners, LongConsumer observer) {
    this.listeners = listeners;
    this.observer = observer;
  }

  @Override
  public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
    EventBuffer events = slot.events;
    events.deliverTo(listeners, false);
    events.clear();
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
