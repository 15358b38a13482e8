package dev.switchboard.server.cli;

import dev.switchboard.server.app.SwitchboardApplication;
import dev.switchboard.server.http.ApiBackend;
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

  private ProcessSignals() {}

  /**
   * Installs the handlers.
   *
   * @param app the running application
   * @param stopped counted down once the application has stopped
   */
  static void install(SwitchboardApplication app, CountDownLatch stopped) {
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stop =
        () -> {
          if (!stopping.compareAndSet(false, true)) {
            LOG.warn("second stop signal: exiting now without a graceful shutdown");
            Runtime.getRuntime().halt(FORCED_EXIT);
          }
          Thread shutdown =
              new Thread(
                  () -> {
                    app.close();
                    stopped.countDown();
                  },
                  "switchboard-shutdown");
          shutdown.start();
        };
    handle("TERM", stop);
    handle("INT", stop);
    handle(
        "HUP",
        () ->
            new Thread(
                    () -> {
                      ApiBackend.ReloadResult result = app.reload();
                      LOG.info("SIGHUP: configuration reload: {}", result);
                    },
                    "switchboard-reload")
                .start());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "switchboard-shutdown-hook"));
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
