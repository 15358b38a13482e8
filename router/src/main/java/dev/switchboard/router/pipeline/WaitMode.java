package dev.switchboard.router.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/** How an idle router stage waits for the next command: CPU spent against wake-up latency. */
public enum WaitMode {
  /** Sleeps on a lock: no CPU while idle; a wake-up costs tens of microseconds. The default. */
  BLOCKING,

  /** Spins briefly, then yields: a core that is mostly busy, wake-ups in microseconds. */
  YIELDING,

  /**
   * Never sleeps: wake-ups in well under a microsecond, and one core at 100 % for good. Only for a
   * machine with a core to give the router (see docs/operations.md).
   */
  BUSY_SPIN;

  /** A fresh Disruptor strategy for this mode. */
  public WaitStrategy strategy() {
    switch (this) {
      case YIELDING:
        return new YieldingWaitStrategy();
      case BUSY_SPIN:
        return new BusySpinWaitStrategy();
      default:
        return new BlockingWaitStrategy();
    }
  }
}
