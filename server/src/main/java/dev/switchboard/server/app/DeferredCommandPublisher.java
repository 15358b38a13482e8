package dev.switchboard.server.app;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;

/**
 * A publisher the adapters get before the router exists. The router's listeners (CTI, IVR) must be
 * registered when it is built, and they need a publisher when they are built; this one answers
 * {@link PublishResult#CLOSED} until the router's own publisher is plugged in, and after it is
 * unplugged at shutdown.
 */
final class DeferredCommandPublisher implements CommandPublisher {

  private volatile CommandPublisher target;

  void connect(CommandPublisher router) {
    target = router;
  }

  void disconnect() {
    target = null;
  }

  @Override
  public PublishResult publish(Command command) {
    CommandPublisher current = target;
    return current == null ? PublishResult.CLOSED : current.publish(command);
  }
}
