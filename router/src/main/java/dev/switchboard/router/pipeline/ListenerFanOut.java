package dev.switchboard.router.pipeline;

import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.EventView;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each event to every listener that wants its kind, in order. A listener that throws is
 * logged and counted but does not stop the others or the router: the decision is already journaled
 * and applied, and one broken consumer (a wallboard, a metrics projection) must not stop calls
 * being routed.
 *
 * <p>Events arrive as views; a listener that reads records gets the one record the view makes for
 * the event, shared with the other such listeners. Which listener wants which kind is asked once,
 * here.
 */
final class ListenerFanOut implements RouterEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerFanOut.class);

  /** By kind: the listeners that want it, in order. */
  private final RouterEventListener[][] byKind;

  private final AtomicLong failures = new AtomicLong();

  ListenerFanOut(List<RouterEventListener> listeners) {
    EventKind[] kinds = EventKind.values();
    this.byKind = new RouterEventListener[kinds.length][];
    for (EventKind kind : kinds) {
      byKind[kind.ordinal()] =
          listeners.stream().filter(l -> l.wants(kind)).toArray(RouterEventListener[]::new);
    }
  }

  @Override
  public boolean wants(EventKind kind) {
    return byKind[kind.ordinal()].length > 0;
  }

  @Override
  public void onView(EventView event, boolean replay) {
    for (RouterEventListener listener : byKind[event.kind().ordinal()]) {
      try {
        listener.onView(event, replay);
      } catch (RuntimeException e) {
        failed(listener, event.kind(), replay, e);
      }
    }
  }

  @Override
  public void onEvent(RouterEvent event, boolean replay) {
    EventKind kind = EventKind.of(event);
    for (RouterEventListener listener : byKind[kind.ordinal()]) {
      try {
        listener.onEvent(event, replay);
      } catch (RuntimeException e) {
        failed(listener, kind, replay, e);
      }
    }
  }

  private void failed(
      RouterEventListener listener, EventKind kind, boolean replay, RuntimeException e) {
    failures.incrementAndGet();
    LOG.warn(
        "listener {} failed on {} (replay={}): {}",
        listener.getClass().getName(),
        kind,
        replay,
        e.toString());
  }

  void observerFailed(RuntimeException e) {
    failures.incrementAndGet();
    LOG.warn("dispatch observer failed: {}", e.toString());
  }

  long failures() {
    return failures.get();
  }
}
