package dev.switchboard.router.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * The three stages on one thread, in order for every slot: journal, route, dispatch. The guarantee
 * of the parallel layout holds trivially (a slot's events are dispatched after its command was
 * appended), and a command costs no hand-over between threads: on a machine with few cores this is
 * both faster and steadier than three stage threads competing for them.
 */
final class FusedHandler implements EventHandler<CommandSlot> {
  private final JournalHandler journal;
  private final RoutingHandler routing;
  private final DispatchHandler dispatch;

  FusedHandler(JournalHandler journal, RoutingHandler routing, DispatchHandler dispatch) {
    this.journal = journal;
    this.routing = routing;
    this.dispatch = dispatch;
  }

  @Override
  public void onStart() {
    journal.onStart();
  }

  @Override
  public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) throws Exception {
    journal.onEvent(slot, sequence, endOfBatch);
    routing.onEvent(slot, sequence, endOfBatch);
    dispatch.onEvent(slot, sequence, endOfBatch);
  }

  @Override
  public void onShutdown() {
    journal.onShutdown();
  }
}
