package dev.switchboard.router.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an unexpected exception in a stage does: the router stops (fail-stop). Carrying on after the
 * engine threw half-way through a command would route from a state nobody can vouch for; stopping
 * keeps the journal as the truth, and a restart replays it. The exception is logged once, the owner
 * is told (so publishers get {@code CLOSED} and the server can exit), and rethrowing halts the
 * stage's thread so nothing after the failed command is dispatched.
 */
final class FailStopExceptionHandler implements ExceptionHandler<CommandSlot> {
  private static final Logger LOG = LoggerFactory.getLogger(FailStopExceptionHandler.class);

  private final Consumer<Throwable> onFailure;

  FailStopExceptionHandler(Consumer<Throwable> onFailure) {
    this.onFailure = onFailure;
  }

  @Override
  public void handleEventException(Throwable ex, long sequence, CommandSlot slot) {
    String command = slot == null || slot.command == null ? "?" : slot.command.toString();
    LOG.error(
        "router stage {} failed at ring sequence {} on {}; stopping the router (fail-stop),"
            + " a restart replays the journal",
        Thread.currentThread().getName(),
        sequence,
        command,
        ex);
    onFailure.accept(ex);
    throw new RouterFailedException("router stopped at ring sequence " + sequence, ex);
  }

  @Override
  public void handleOnStartException(Throwable ex) {
    LOG.error("router stage {} failed to start", Thread.currentThread().getName(), ex);
    onFailure.accept(ex);
  }

  @Override
  public void handleOnShutdownException(Throwable ex) {
    LOG.warn(
        "router stage {} failed while stopping: {}",
        Thread.currentThread().getName(),
        ex.toString());
  }

  /** Thrown out of a stage to halt its thread after a fail-stop. */
  static final class RouterFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RouterFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
