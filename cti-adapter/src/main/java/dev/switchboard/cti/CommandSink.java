package dev.switchboard.cti;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.CommandPublisher.PublishResult;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one PBX's commands in order without ever blocking the caller.
 *
 * <p>When the router's ring is full the command is parked here and every later command queues
 * behind it, so that a hangup can never overtake the answer it follows; the link thread retries the
 * parked commands about every millisecond ({@link #retry()}). A lost hangup would be a lost caller,
 * so nothing is dropped while the router is alive. Only a closed router (shutting down) drops
 * commands, counted and logged.
 */
final class CommandSink {
  private static final Logger LOG = LoggerFactory.getLogger(CommandSink.class);

  private final String pbxId;
  private final CommandPublisher publisher;
  private final CtiMetrics metrics;
  private final Runnable wakeRetrier;
  private final ArrayDeque<Command> parked = new ArrayDeque<>();
  private boolean ringFullLogged;

  CommandSink(String pbxId, CommandPublisher publisher, CtiMetrics metrics, Runnable wakeRetrier) {
    this.pbxId = pbxId;
    this.publisher = publisher;
    this.metrics = metrics;
    this.wakeRetrier = wakeRetrier;
  }

  /** Publishes now, or parks the command behind earlier ones the ring refused. */
  synchronized void publish(Command command) {
    if (!parked.isEmpty()) {
      parked.addLast(command);
      return;
    }
    PublishResult result = publisher.publish(command);
    switch (result) {
      case ACCEPTED -> {}
      case RING_FULL -> {
        parked.addLast(command);
        metrics.commandsRetried.increment();
        if (!ringFullLogged) {
          ringFullLogged = true;
          LOG.warn(
              "pbx {}: router ring full, parking commands for retry from the link thread", pbxId);
        }
        wakeRetrier.run();
      }
      case CLOSED -> dropped(command);
    }
  }

  /** Retries parked commands in order; true while some are still parked. */
  synchronized boolean retry() {
    while (!parked.isEmpty()) {
      PublishResult result = publisher.publish(parked.peekFirst());
      switch (result) {
        case ACCEPTED -> parked.pollFirst();
        case RING_FULL -> {
          return true;
        }
        case CLOSED -> dropped(parked.pollFirst());
      }
    }
    if (ringFullLogged) {
      ringFullLogged = false;
      LOG.info("pbx {}: parked commands delivered", pbxId);
    }
    return false;
  }

  synchronized int parked() {
    return parked.size();
  }

  private void dropped(Command command) {
    metrics.commandsDropped.increment();
    LOG.warn("pbx {}: router closed, dropped {}", pbxId, command);
  }
}
