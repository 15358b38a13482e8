package dev.switchboard.router.pipeline;

import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each event to every listener in order. A listener that throws is logged and counted but
 * does not stop the others or the router: the decision is already journaled and applied, and one
 * broken consumer (a wallboard, a metrics projection) must not stop calls being routed.
 */
final class ListenerFanOut implements RouterEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerFanOut.class);

  private final RouterEventListener[] listeners;
  private final AtomicLong failures = new AtomicLong();

  ListenerFanOut(List<RouterEventListener> listeners) {
    this.listeners = listeners.toArray(new RouterEventListener[0]);
  }

  @Override
  public void onEvent(RouterEvent event, boolean replay) {
    for (RouterEventListener listener : listeners) {
      try {
        listener.onEvent(event, replay);
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        LOG.warn(
            "listener {} failed on {} (replay={}): {}",
            listener.getClass().getName(),
            event.getClass().getSimpleName(),
            replay,
            e.toString());
      }
    }
  }

  void observerFailed(RuntimeException e) {
    failures.incrementAndGet();
    LOG.warn("dispatch observer failed: {}", e.toString());
  }

  long failures() {
    return failures.get();
  }
}
