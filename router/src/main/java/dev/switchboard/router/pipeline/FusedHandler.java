package dev.switchboard.router.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * The three stages on one thread: for each slot the command is encoded into the journal's current
 * document and applied to the engine; at the end of the Disruptor batch (or when the document is
 * full) the document is written, and only then are the events of its commands dispatched, in ring
 * order. No decision leaves before its command is in the journal, and a command costs no hand-over
 * between threads: on a machine with few cores this is both faster and steadier than three stage
 * threads competing for them.
 */
final class FusedHandler implements EventHandler<CommandSlot> {
  private final JournalHandler journal;
  private final RoutingHandler routing;
  private final DispatchHandler dispatch;
  private final CommandSlot[] written = new CommandSlot[JournalHandler.MAX_BATCH_ENTRIES];
  private final long[] sequences = new long[JournalHandler.MAX_BATCH_ENTRIES];
  private int pending;

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
    journal.add(slot);
    boolean flush = endOfBatch || journal.batchFull();
    if (flush) {
      // Written before this slot is routed, so a snapshot the routing stage takes at the end of
      // the batch names the document that holds every command it has applied.
      journal.flush();
    }
    routing.onEvent(slot, sequence, endOfBatch);
    written[pending] = slot;
    sequences[pending++] = sequence;
    if (flush) {
      for (int i = 0; i < pending; i++) {
        dispatch.onEvent(written[i], sequences[i], i == pending - 1);
        written[i] = null;
      }
      pending = 0;
    }
  }

  @Override
  public void onShutdown() {
    journal.onShutdown();
  }
}
