package dev.switchboard.server.cli;

import dev.switchboard.server.app.SwitchboardApplication;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Process signals for a running Switchboard. SIGTERM and SIGINT (Ctrl-C) stop it gracefully; a
 * second one while it is stopping exits at once (an operator who presses Ctrl-C twice means it).
 * SIGHUP reloads the configuration file. A shutdown hook covers every other way the JVM ends.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, exported by the launcher): the JDK has
 * no public API for a second-signal policy or for SIGHUP.
 */
final class ProcessSignals {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessSignals.class);

  /** The exit status of a forced exit, as shells report a second Ctrl-C. */
  static final int FORCED_EXIT = 130;

  private final CountDownLatch stopped;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile SwitchboardApplication app;

  private ProcessSignals(CountDownLatch stopped) {
    this.stopped = stopped;
  }

  /**
   * Installs the handlers before the application starts, so a signal during start-up is not lost
   * (the application stops as soon as it is attached).
   *
   * @param stopped counted down once the application has stopped
   */
  static ProcessSignals install(CountDownLatch stopped) {
    ProcessSignals signals = new ProcessSignals(stopped);
    handle("TERM", signals::stop);
    handle("INT", signals::stop);
    handle("HUP", signals::reload);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(signals::closeNow, "switchboard-shutdown-hook"));
    return signals;
  }

  /** The application the signals act on, once started. */
  void attach(SwitchboardApplication started) {
    app = started;
    if (stopping.get()) {
      stopInBackground();
    }
  }

  private void stop() {
    if (!stopping.compareAndSet(false, true)) {
      LOG.warn("second stop signal: exiting now without a graceful shutdown");
      Runtime.getRuntime().halt(FORCED_EXIT);
    }
    if (app != null) {
      stopInBackground();
    }
  }

  private void stopInBackground() {
    new Thread(this::closeNow, "switchboard-shutdown").start();
  }

  private void closeNow() {
    SwitchboardApplication current = app;
    if (current != null) {
      current.close();
      stopped.countDown();
    }
  }

  private void reload() {
    SwitchboardApplication current = app;
    if (current == null) {
      LOG.warn("SIGHUP during start-up ignored: the configuration is being loaded now");
      return;
    }
    new Thread(
            () -> LOG.info("SIGHUP: configuration reload: {}", current.reload()),
            "switchboard-reload")
        .start();
  }

  private static void handle(String name, Runnable action) {
    try {
      Signal.handle(new Signal(name), signal -> action.run());
    } catch (IllegalArgumentException e) {
      // The signal does not exist here (Windows has no HUP) or the JVM reserves it (-Xrs).
      LOG.debug("signal {} not handled: {}", name, e.getMessage());
    }
  }
}
