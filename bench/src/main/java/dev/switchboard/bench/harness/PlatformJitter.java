package dev.switchboard.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * The machine's own floor for latency tails: threads that do nothing but read the clock in a loop,
 * counting the gaps in which they did not run (interrupts, the hypervisor, other processes and JVM
 * threads taking the core). No router can have a tail shorter than the gaps of a loop that does
 * nothing; run this next to {@link OpenLoopHarness} figures to read them against it.
 *
 * <pre>
 * java -cp ... dev.switchboard.bench.harness.PlatformJitter [threads=1] [seconds=10]
 * </pre>
 *
 * With {@code threads=1} one core spins and the other is left to everything else (the open-loop
 * harness's {@code generator=park} case); {@code threads=2} keeps both cores busy (its {@code
 * generator=spin} case).
 */
public final class PlatformJitter {
  private static final long[] LIMITS_NS = {
    10_000, 50_000, 100_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000
  };
  private static final String[] LABELS = {
    ">10us", ">50us", ">100us", ">500us", ">1ms", ">2ms", ">5ms", ">10ms"
  };

  private PlatformJitter() {}

  public static void main(String[] args) throws InterruptedException {
    int threads = OpenLoopHarness.intArg(args, "threads", 1);
    int seconds = OpenLoopHarness.intArg(args, "seconds", 10);
    List<Thread> running = new ArrayList<>();
    String[] reports = new String[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> reports[id] = spin(seconds), "jitter-" + t);
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      thread.join();
    }
    for (int t = 0; t < threads; t++) {
      System.out.printf(
          "spinning thread %d of %d, %d s: %s%n", t + 1, threads, seconds, reports[t]);
    }
  }

  private static String spin(int seconds) {
    long[] counts = new long[LIMITS_NS.length];
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    long last = start;
    long max = 0;
    long lostOver50Us = 0;
    while (last < end) {
      long now = System.nanoTime();
      long gap = now - last;
      last = now;
      if (gap > LIMITS_NS[0]) {
        for (int i = 0; i < LIMITS_NS.length && gap > LIMITS_NS[i]; i++) {
          counts[i]++;
        }
        if (gap > 50_000) {
          lostOver50Us += gap;
        }
        max = Math.max(max, gap);
      }
    }
    StringBuilder out = new StringBuilder("gaps");
    for (int i = 0; i < LIMITS_NS.length; i++) {
      out.append(' ').append(LABELS[i]).append('=').append(counts[i]);
    }
    out.append(
        String.format(
            " max=%.2fms; time lost in gaps >50us: %.3f%%",
            max / 1e6, 100.0 * lostOver50Us / (seconds * 1e9)));
    return out.toString();
  }
}
