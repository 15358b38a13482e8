package dev.switchboard.sim.pbx;

/**
 * The simulation's owner thread and clock. Every change of PBX state runs as a task of one
 * scheduler, so the PBX needs no locks; time is the scheduler's (scaled real time, or pure virtual
 * time in tests).
 */
public interface SimScheduler {

  /** A scheduled task that can be cancelled before it runs. */
  interface Timer {
    /** Cancels the task; no effect if it already ran. */
    void cancel();
  }

  /** Simulation time, epoch microseconds. */
  long nowMicros();

  /** Runs a task on the owner thread as soon as possible (after tasks already due). */
  void execute(Runnable task);

  /** Runs a task on the owner thread after {@code delayMs} of simulation time. */
  Timer schedule(long delayMs, Runnable task);

  /** Stops running tasks. */
  void shutdown();
}
