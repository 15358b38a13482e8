package dev.switchboard.router.engine;

import dev.switchboard.router.api.RouterEvent;

/** Receives the events the engine emits while it applies a command. */
@FunctionalInterface
public interface EventSink {
  void emit(RouterEvent event);
}
