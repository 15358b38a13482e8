package dev.switchboard.sim.pbx;

import java.util.PriorityQueue;

/**
 * A discrete-event scheduler on pure virtual time: nothing runs until {@link #runUntil} or {@link
 * #runFor} is called, and then tasks run in (time, submission) order on the calling thread. A run
 * with the same seed and inputs is therefore reproducible event for event.
 */
public final class VirtualTimeScheduler implements SimScheduler {

  private record Entry(long atMicros, long seq, Runnable task, boolean[] cancelled)
      implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(atMicros, o.atMicros);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private long nowMicros;
  private long seq;
  private boolean shutdown;

  /**
   * @param startEpochMicros the virtual time at start
   */
  public VirtualTimeScheduler(long startEpochMicros) {
    this.nowMicros = startEpochMicros;
  }

  @Override
  public synchronized long nowMicros() {
    return nowMicros;
  }

  @Override
  public void execute(Runnable task) {
    schedule(0, task);
  }

  @Override
  public synchronized Timer schedule(long delayMs, Runnable task) {
    boolean[] cancelled = new boolean[1];
    if (!shutdown) {
      queue.add(new Entry(nowMicros + Math.max(0, delayMs) * 1000, seq++, task, cancelled));
    }
    return () -> {
      synchronized (VirtualTimeScheduler.this) {
        cancelled[0] = true;
      }
    };
  }

  /** Runs every task due up to {@code untilMicros}, then sets the clock there. */
  public void runUntil(long untilMicros) {
    while (true) {
      Entry e;
      synchronized (this) {
        e = queue.peek();
        if (e == null || e.atMicros() > untilMicros || shutdown) {
          nowMicros = Math.max(nowMicros, untilMicros);
          return;
        }
        queue.poll();
        nowMicros = Math.max(nowMicros, e.atMicros());
        if (e.cancelled()[0]) {
          continue;
        }
      }
      e.task().run();
    }
  }

  /** Runs the next {@code ms} of virtual time. */
  public void runFor(long ms) {
    runUntil(nowMicros() + ms * 1000);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
    queue.clear();
  }
}
