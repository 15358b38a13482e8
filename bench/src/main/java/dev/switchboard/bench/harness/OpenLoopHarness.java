package dev.switchboard.bench.harness;

import com.lmax.disruptor.WaitStrategy;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.engine.RoutingStateMachine;
import dev.switchboard.router.pipeline.RouterCore;
import dev.switchboard.router.pipeline.StageLayout;
import dev.switchboard.router.pipeline.WaitMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Open-loop latency of the whole router (ring, journal, engine, dispatch): commands are scheduled
 * at a fixed rate by their <em>intended</em> send time, and latency is measured from that intended
 * time to the moment the command's events have been dispatched. The commands are a {@link
 * RecordedWorkload} (a call-center day in fast forward, decided in advance by a shadow engine). A
 * stall therefore shows up in the latency of every command that should have been sent during it (no
 * coordinated omission), not just the one that met it.
 *
 * <p>The generator either spins until each command's time ({@code generator=spin}: exact, but a
 * whole core) or parks until then ({@code generator=park}: it wakes up to ~50–100 µs late, the
 * kernel's timer slack, and sends what is due in a burst, but it leaves its core free for the JVM's
 * and the system's other threads, which on a 2-core machine would otherwise preempt the router).
 * Both latencies are printed: from the intended time (the generator's lateness included) and from
 * the moment the command was really published (the router's own).
 *
 * <pre>
 * java -cp ... dev.switchboard.bench.harness.OpenLoopHarness \
 *     [agents=1000] [queues=100] [rate=100000] [seconds=20] [warmupSeconds=5] [snapshotEvery=1000000]
 *     [layout=FUSED|PARALLEL] [wait=busyspin|yielding|blocking] [watchdogMs=0]
 *     [generator=spin|park] [snapshotDir=DIR (default: beside the journal)]
 * </pre>
 */
public final class OpenLoopHarness {
  private OpenLoopHarness() {}

  public static void main(String[] args) throws Exception {
    int agents = intArg(args, "agents", 1000);
    int queues = intArg(args, "queues", 100);
    int rate = intArg(args, "rate", 100_000);
    int seconds = intArg(args, "seconds", 20);
    int warmupSeconds = intArg(args, "warmupSeconds", 5);
    int snapshotEvery = intArg(args, "snapshotEvery", 1_000_000);
    int watchdogMs = intArg(args, "watchdogMs", 0);
    boolean parkingGenerator = stringArg(args, "generator", "spin").equals("park");
    String snapshotDir = stringArg(args, "snapshotDir", "");
    StageLayout layout = StageLayout.valueOf(stringArg(args, "layout", "FUSED").toUpperCase());
    WaitStrategy wait = waitStrategy(stringArg(args, "wait", "busyspin"));
    Path dir = Files.createTempDirectory("open-loop");
    try {
      run(
          agents,
          queues,
          rate,
          seconds,
          warmupSeconds,
          snapshotEvery,
          layout,
          wait,
          watchdogMs,
          parkingGenerator,
          snapshotDir,
          dir);
    } finally {
      delete(dir);
    }
  }

  private static void run(
      int agents,
      int queues,
      int rate,
      int seconds,
      int warmupSeconds,
      int snapshotEvery,
      StageLayout layout,
      WaitStrategy waitStrategy,
      int watchdogMs,
      boolean parkingGenerator,
      String snapshotDir,
      Path dir) {
    int ringSize = 65_536;
    // Twice the ring: the producer writes a command's times before it claims a slot, and it can be
    // a whole ring ahead of dispatch, so this never overwrites times not yet read.
    long[] intendedNs = new long[2 * ringSize];
    long[] publishedNs = new long[2 * ringSize];
    int mask = 2 * ringSize - 1;
    Histogram histogram = new Histogram(3);
    // From the moment the command was really handed to the router: the router's own share, with
    // the generator's lateness (its thread descheduled) taken out.
    Histogram fromPublish = new Histogram(3);
    long[] generatorLateNs = {0};
    long[] recordFrom = {Long.MAX_VALUE};
    // The worst latency per 10 ms of intended send time, to tell when a stall happened.
    long[] worstPer10Ms = new long[(seconds + warmupSeconds + 2) * 100];
    long total = (long) rate * (seconds + warmupSeconds);
    RecordedWorkload workload = RecordedWorkload.record(agents, queues, Math.toIntExact(total));
    RouterCore core =
        RouterCore.builder()
            .journalDirectory(dir)
            .snapshotDirectory(snapshotDir.isEmpty() ? dir : Path.of(snapshotDir))
            .engineFactory(RoutingStateMachine::new)
            .tickIntervalMs(0)
            .ringSize(ringSize)
            .snapshotEveryCommands(snapshotEvery)
            .stageLayout(layout)
            .waitStrategy(waitStrategy)
            .timeSource(workload.timeSource())
            .dispatchObserver(
                sequence -> {
                  long intended = intendedNs[(int) (sequence & mask)];
                  if (intended >= recordFrom[0]) {
                    long now = System.nanoTime();
                    long latency = Math.max(0, now - intended);
                    histogram.recordValue(latency);
                    fromPublish.recordValue(
                        Math.max(0, now - publishedNs[(int) (sequence & mask)]));
                    int at = (int) ((intended - recordFrom[0]) / 10_000_000L);
                    if (at < worstPer10Ms.length && latency > worstPer10Ms[at]) {
                      worstPer10Ms[at] = latency;
                    }
                  }
                })
            .build();
    core.start();
    CommandPublisher publisher = core.publisher();
    long sequence = 0;
    for (int i = 0; i < workload.warmUpCount(); i++) {
      intendedNs[(int) (sequence++ & mask)] = 0;
      publishUntilAccepted(publisher, workload.next());
    }
    core.drain(Duration.ofMinutes(5));
    // The recorded workload and the engines' state live for the whole run: collect once now so
    // they are in the old generation, and the run itself only makes short-lived garbage (as a
    // router that has been up for a while does).
    System.gc();

    Watchdog watchdog = new Watchdog(core, watchdogMs);
    long periodNs = 1_000_000_000L / rate;
    long start = System.nanoTime() + 1_000_000;
    long measureFrom = start + warmupSeconds * 1_000_000_000L;
    recordFrom[0] = measureFrom;
    for (long i = 0; i < total; i++) {
      long intended = start + i * periodNs;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        if (parkingGenerator) {
          LockSupport.parkNanos(wait);
        } else if (wait > 100_000) {
          LockSupport.parkNanos(wait - 50_000);
        } else {
          Thread.onSpinWait();
        }
      }
      int at = (int) (sequence++ & mask);
      intendedNs[at] = intended;
      long publishAt = System.nanoTime();
      publishedNs[at] = publishAt;
      if (intended >= measureFrom) {
        generatorLateNs[0] = Math.max(generatorLateNs[0], publishAt - intended);
      }
      publishUntilAccepted(publisher, workload.next());
    }
    core.drain(Duration.ofMinutes(5));
    watchdog.close();
    double elapsedS = (System.nanoTime() - start) / 1e9;
    RouterCore.Statistics stats = core.statistics();
    core.close();

    System.out.printf(
        "agents=%d queues=%d rate=%d/s layout=%s wait=%s generator=%s measured=%ds commands=%d"
            + " (%.0f/s achieved)%n",
        agents,
        queues,
        rate,
        layout,
        waitStrategy.getClass().getSimpleName(),
        parkingGenerator ? "park" : "spin",
        seconds,
        total,
        total / elapsedS);
    System.out.printf(
        "latency intended-send -> dispatched, us: p50=%.1f p99=%.1f p99.9=%.1f p99.99=%.1f"
            + " max=%.1f (n=%d)%n",
        histogram.getValueAtPercentile(50) / 1e3,
        histogram.getValueAtPercentile(99) / 1e3,
        histogram.getValueAtPercentile(99.9) / 1e3,
        histogram.getValueAtPercentile(99.99) / 1e3,
        histogram.getMaxValue() / 1e3,
        histogram.getTotalCount());
    System.out.printf(
        "latency published -> dispatched, us: p50=%.1f p99=%.1f p99.9=%.1f p99.99=%.1f"
            + " max=%.1f; generator's worst lateness %.1f us%n",
        fromPublish.getValueAtPercentile(50) / 1e3,
        fromPublish.getValueAtPercentile(99) / 1e3,
        fromPublish.getValueAtPercentile(99.9) / 1e3,
        fromPublish.getValueAtPercentile(99.99) / 1e3,
        fromPublish.getMaxValue() / 1e3,
        generatorLateNs[0] / 1e3);
    StringBuilder stalls = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < worstPer10Ms.length && shown < 20; i++) {
      if (worstPer10Ms[i] > 1_000_000) {
        stalls.append(String.format(" %.2fs:%.1fms", i / 100.0, worstPer10Ms[i] / 1e6));
        shown++;
      }
    }
    System.out.println(
        "10 ms windows with a latency over 1 ms (s after measuring began: worst):"
            + (stalls.length() == 0 ? " none" : stalls));
    System.out.printf(
        "snapshots=%d (by the follower %d, on the routing thread %d, longest routing-thread pause"
            + " %.2f ms); last: serialize %.2f ms, %d bytes, write+fsync %.2f ms%n",
        stats.snapshotsWritten(),
        stats.snapshotsByFollower(),
        stats.routingThreadSnapshots(),
        stats.maxRoutingThreadSerializeNanos() / 1e6,
        stats.lastSnapshotSerializeNanos() / 1e6,
        stats.lastSnapshotBytes(),
        stats.lastSnapshotWriteNanos() / 1e6);
  }

  /**
   * Diagnostics: when dispatch has not moved for {@code thresholdMs} while commands wait, prints
   * the stack of every router thread (once per stall), to say where a stall is spent. Off at 0.
   */
  private static final class Watchdog implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    Watchdog(RouterCore core, int thresholdMs) {
      thread =
          new Thread(
              () -> {
                long lastSeen = -2;
                long since = System.nanoTime();
                boolean reported = false;
                while (running) {
                  LockSupport.parkNanos(1_000_000);
                  long dispatched = core.dispatchedSequence();
                  long now = System.nanoTime();
                  if (dispatched != lastSeen || core.lastPublishedSequence() <= dispatched) {
                    lastSeen = dispatched;
                    since = now;
                    reported = false;
                  } else if (!reported && now - since > thresholdMs * 1_000_000L) {
                    reported = true;
                    report(dispatched, (now - since) / 1e6);
                  }
                }
              },
              "harness-watchdog");
      thread.setDaemon(true);
      if (thresholdMs > 0) {
        thread.start();
      }
    }

    private static void report(long dispatched, double stalledMs) {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              "watchdog: dispatch stuck at %d for %.1f ms; router threads:%n",
              dispatched, stalledMs));
      Thread.getAllStackTraces()
          .forEach(
              (t, stack) -> {
                if (t.getName().startsWith("router") || t.getName().equals("main")) {
                  out.append("  ").append(t.getName()).append(' ').append(t.getState());
                  out.append(System.lineSeparator());
                  for (int i = 0; i < Math.min(12, stack.length); i++) {
                    out.append("    at ").append(stack[i]).append(System.lineSeparator());
                  }
                }
              });
      System.out.print(out);
    }

    @Override
    public void close() {
      running = false;
    }
  }

  private static void publishUntilAccepted(CommandPublisher publisher, Command command) {
    while (true) {
      CommandPublisher.PublishResult result = publisher.publish(command);
      if (result.accepted()) {
        return;
      }
      if (result == CommandPublisher.PublishResult.CLOSED) {
        throw new IllegalStateException("router closed");
      }
      Thread.onSpinWait();
    }
  }

  /**
   * The router's {@link WaitMode} named {@code blocking}, {@code yielding} or {@code busyspin} (or
   * {@code busy-spin}), as the configuration file names it.
   */
  public static WaitStrategy waitStrategy(String name) {
    return WaitMode.valueOf(
            name.toUpperCase(java.util.Locale.ROOT)
                .replace("BUSYSPIN", "BUSY_SPIN")
                .replace('-', '_'))
        .strategy();
  }

  public static String stringArg(String[] args, String name, String defaultValue) {
    for (String arg : args) {
      if (arg.startsWith(name + "=")) {
        return arg.substring(name.length() + 1);
      }
    }
    return defaultValue;
  }

  public static int intArg(String[] args, String name, int defaultValue) {
    for (String arg : args) {
      if (arg.startsWith(name + "=")) {
        return Integer.parseInt(arg.substring(name.length() + 1));
      }
    }
    return defaultValue;
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
