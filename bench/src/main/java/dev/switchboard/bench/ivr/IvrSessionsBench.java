package dev.switchboard.bench.ivr;

import dev.switchboard.ivr.CustomerDirectory;
import dev.switchboard.ivr.IvrConfiguration;
import dev.switchboard.ivr.IvrConfigurationLoader;
import dev.switchboard.ivr.IvrServer;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher.PublishResult;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * How many FastAGI sessions the IVR holds at once, and how long from the caller's last digit to the
 * {@code ContactArrived} being published.
 *
 * <p>Opens {@code N} real FastAGI connections on loopback, each sent to the same menu and left
 * waiting for its digit (the server has answered with {@code GET DATA}); measures threads, heap and
 * resident memory with all of them waiting; then completes them one by one: the client sends the
 * digit, answers the {@code SET VARIABLE} the IVR sends, and the time until the publisher sees the
 * contact is recorded. Client and server share one JVM: memory figures include both sides.
 *
 * <p>Run: {@code java -cp <bench classpath> dev.switchboard.bench.ivr.IvrSessionsBench [sessions]
 * [runs]}.
 */
public final class IvrSessionsBench {

  private static final String CONFIG =
      """
      ivr:
        port: 0
        pbxs: { bench: 127.0.0.1 }
        prompts:
          en: [main-menu, invalid, callback-offer, callback-confirm, callback-confirm-menu,
               callback-number, callback-thanks, survey, survey-thanks, queue-position,
               queue-wait, minutes]
        entryPoints:
          "500": { start: main }
        nodes:
          main:
            menu: main-menu
            choices: { "1": support }
            timeoutMs: 120000
            fallback: support
          support:
            queue: support
      """;

  private final Map<String, Long> publishedAtNs = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.printf(
        "IVR sessions bench: %d sessions, %d runs, %d cores, java %s%n",
        sessions,
        runs,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (int run = 1; run <= runs; run++) {
      new IvrSessionsBench().run(run, sessions);
    }
  }

  private void run(int run, int sessions) throws Exception {
    IvrConfiguration cfg = IvrConfigurationLoader.loadYaml(CONFIG, "bench.yaml", null);
    try (IvrServer server =
        new IvrServer(
            cfg,
            command -> {
              if (command instanceof Command.ContactArrived a) {
                publishedAtNs.put(a.contactId(), System.nanoTime());
              }
              return PublishResult.ACCEPTED;
            },
            (queue, contact) -> WaitEstimate.unknown(),
            CustomerDirectory.EMPTY,
            TimeSource.SYSTEM)) {
      server.start();
      long heapBefore = usedHeapAfterGc();
      long rssBefore = rssKb();
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

      long openStart = System.nanoTime();
      List<Caller> callers = new ArrayList<>(sessions);
      for (int i = 0; i < sessions; i++) {
        Caller c = new Caller(server.port(), "bench." + run + "." + i);
        c.start();
        callers.add(c);
      }
      for (Caller c : callers) {
        c.expect("GET DATA");
      }
      long openMs = (System.nanoTime() - openStart) / 1_000_000;
      await(() -> server.activeSessions() == sessions);
      int threads = ManagementFactory.getThreadMXBean().getThreadCount();
      long heap = usedHeapAfterGc();
      long rss = rssKb();

      Histogram latency = new Histogram(60_000_000_000L, 3);
      long completeStart = System.nanoTime();
      for (Caller c : callers) {
        long sentNs = System.nanoTime();
        c.reply("200 result=1");
        c.expect("SET VARIABLE \"SB_CONTACT\"");
        c.reply("200 result=1");
        c.awaitClosed();
        Long at = publishedAtNs.get("bench:" + c.uniqueId);
        if (at == null) {
          throw new IllegalStateException("no ContactArrived for " + c.uniqueId);
        }
        latency.recordValue(Math.max(0, at - sentNs));
      }
      long completeMs = (System.nanoTime() - completeStart) / 1_000_000;
      await(() -> server.activeSessions() == 0);

      System.out.printf(
          "run %d: held %d sessions (opened in %d ms); threads %d -> %d; heap after GC %.1f -> %.1f"
              + " MiB (%.1f KiB/session); RSS %.1f -> %.1f MiB%n",
          run,
          server.activeSessions() == 0 ? sessions : -1,
          openMs,
          threadsBefore,
          threads,
          heapBefore / 1048576.0,
          heap / 1048576.0,
          (heap - heapBefore) / 1024.0 / sessions,
          rssBefore / 1024.0,
          rss / 1024.0);
      System.out.printf(
          "run %d: last digit -> ContactArrived published, %d sessions completed one by one in %d"
              + " ms: p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
          run,
          latency.getTotalCount(),
          completeMs,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(90) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getValueAtPercentile(99.9) / 1000.0,
          latency.getMaxValue() / 1000.0);
      System.out.printf("run %d: counters %s%n", run, server.counters());
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition not met within 60 s");
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** One simulated Asterisk channel on a blocking socket, driven from the bench thread. */
  private static final class Caller {
    final String uniqueId;
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Caller(int port, String uniqueId) throws IOException {
      this.uniqueId = uniqueId;
      this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(60_000);
      socket.setTcpNoDelay(true);
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    void start() throws IOException {
      String env =
          "agi_network: yes\n"
              + "agi_network_script: ivr?entry=500\n"
              + "agi_channel: PJSIP/sipp-"
              + uniqueId
              + "\n"
              + "agi_uniqueid: "
              + uniqueId
              + "\n"
              + "agi_callerid: 0611223355\n"
              + "\n";
      out.write(env.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    void reply(String line) throws IOException {
      out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    void expect(String prefix) throws IOException {
      String line = readLine();
      if (line == null || !line.startsWith(prefix)) {
        throw new IllegalStateException(uniqueId + ": expected " + prefix + ", got " + line);
      }
    }

    void awaitClosed() throws IOException {
      String line = readLine();
      if (line != null) {
        throw new IllegalStateException(uniqueId + ": expected close, got " + line);
      }
      socket.close();
    }

    String readLine() throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          return null;
        }
        buf.write(b);
      }
      return buf.toString(StandardCharsets.US_ASCII);
    }
  }
}
