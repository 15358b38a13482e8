package dev.switchboard.bench.cti;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.switchboard.cti.CtiAdapter;
import dev.switchboard.cti.CtiCounters;
import dev.switchboard.cti.LinkState;
import dev.switchboard.cti.PbxConfiguration;
import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DecisionReason;
import dev.switchboard.router.api.RouterEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.slf4j.LoggerFactory;

/**
 * Load harness for the CTI adapter: a fake AMI server blasts the events of the recorded s01 call
 * (caller waits, agent answers, agent hangs up), rewritten with fresh ids, at N calls per second
 * into a real {@link CtiAdapter} over loopback, while this harness plays the router (feeds
 * ContactQueued and ContactOffered per call and counts the commands that come back).
 *
 * <p>Reports: events written vs received (asterisk-java drops nothing silently, or this shows it),
 * commands out vs expected, asterisk-java's own "queue is full" / "too slow" warnings, translated
 * events per second, and latencies: DialEnd ANSWER written → ContactAnswered published, and
 * ContactOffered handed to the adapter → Redirect read by the server.
 *
 * <pre>
 * java -cp ... dev.switchboard.bench.cti.CtiLoadBench --rate 1000 --seconds 10 [--all-events]
 *     [--trace cti-adapter/src/test/resources/traces/s01-answered.ami]
 * </pre>
 */
public final class CtiLoadBench {
  private static final String CALLER_UID = "1795522715.0";
  private static final String AGENT_UID = "1795522717.1";
  private static final int AGENTS = 50;

  private final Map<String, Long> answerWrittenNs = new ConcurrentHashMap<>();
  private final Map<String, Long> offeredNs = new ConcurrentHashMap<>();
  private final Histogram answerLatencyUs = new Histogram(60_000_000L, 3);
  private final Histogram redirectLatencyUs = new Histogram(60_000_000L, 3);
  private final LongAdder answered = new LongAdder();
  private final LongAdder ended = new LongAdder();
  private final LongAdder deviceStates = new LongAdder();
  private final LongAdder otherCommands = new LongAdder();
  private final AtomicLong lastCommandNs = new AtomicLong();
  private final LongAdder dropWarnings = new LongAdder();
  private final LongAdder slowWarnings = new LongAdder();

  public static void main(String[] args) throws Exception {
    int rate = 1000;
    int seconds = 10;
    int warmupSeconds = 5;
    boolean allEvents = false;
    Path trace = Path.of("cti-adapter/src/test/resources/traces/s01-answered.ami");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[++i]);
        case "--all-events" -> allEvents = true;
        case "--trace" -> trace = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    new CtiLoadBench().run(trace, rate, seconds, warmupSeconds, allEvents);
  }

  private void run(Path trace, int rate, int seconds, int warmupSeconds, boolean allEvents)
      throws Exception {
    quietLogsButCountAsteriskJavaWarnings();
    CallTemplate template = CallTemplate.load(trace, allEvents);
    CommandPublisher publisher = this::onCommand;
    Map<String, String> channelToContact = new ConcurrentHashMap<>();
    try (BlastingAmiServer server =
            new BlastingAmiServer(
                (action, readNs) -> {
                  if ("redirect".equalsIgnoreCase(action.get("action"))) {
                    String contact = channelToContact.remove(action.get("channel"));
                    Long t0 = contact == null ? null : offeredNs.remove(contact);
                    if (t0 != null) {
                      record(redirectLatencyUs, (readNs - t0) / 1000);
                    }
                  }
                });
        CtiAdapter adapter =
            new CtiAdapter(
                List.of(
                    PbxConfiguration.defaults("pbx1", "127.0.0.1", server.port(), "bench", "x")),
                publisher)) {
      for (int a = 1; a <= AGENTS; a++) {
        String ext = agent(a);
        adapter.onEvent(
            new RouterEvent.AgentConfigured(
                0, new AgentConfiguration("id-" + ext, ext, "pbx1", ext, Map.of("s", 5), 0)),
            false);
      }
      adapter.start();
      server.awaitReady();
      while (adapter.links().get(0).state() != LinkState.UP) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      // Warm-up at the same rate (JIT, asterisk-java's reflection caches); not measured.
      blast(server, adapter, template, channelToContact, 0, (long) rate * warmupSeconds, rate);
      awaitCommands((long) rate * warmupSeconds * 5, 60);
      reset();
      CtiCounters base = adapter.counters();
      long first = (long) rate * warmupSeconds;
      long calls = (long) rate * seconds;
      long start = System.nanoTime();
      long events = blast(server, adapter, template, channelToContact, first, calls, rate);
      long blastEnd = System.nanoTime();
      long expected = calls * 5;
      awaitCommands(expected, 60);
      // A little more time for stragglers (unexpected extras would show up here).
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      CtiCounters c = minus(adapter.counters(), base);
      double blastSeconds = (blastEnd - start) / 1e9;
      double drainMs = (Math.max(lastCommandNs.get(), blastEnd) - blastEnd) / 1e6;
      double activeSeconds = (Math.max(lastCommandNs.get(), blastEnd) - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "calls=%d rate=%d/s seconds=%d (after %d s warm-up) mask=%s eventsPerCall=%d%n",
          calls,
          rate,
          seconds,
          warmupSeconds,
          allEvents ? "all" : "call,user",
          template.eventsPerCall());
      System.out.printf(
          Locale.ROOT,
          "events written=%d received=%d unknownType=%d translated=%d ignored=%d dup=%d unknownChannel=%d malformed=%d%n",
          events,
          c.eventsReceived(),
          c.eventsUnknownType(),
          c.eventsTranslated(),
          c.eventsIgnored(),
          c.eventsDuplicate(),
          c.eventsUnknownChannel(),
          c.eventsMalformed());
      System.out.printf(
          Locale.ROOT,
          "commands answered=%d ended=%d deviceStates=%d other=%d expected=%d (answered/ended/device=%d/%d/%d)%n",
          answered.sum(),
          ended.sum(),
          deviceStates.sum(),
          otherCommands.sum(),
          expected,
          calls,
          calls,
          calls * 3);
      System.out.printf(
          Locale.ROOT,
          "asterisk-java warnings: queueFull=%d slow=%d; actions sent=%d failed=%d%n",
          dropWarnings.sum(),
          slowWarnings.sum(),
          c.actionsSent(),
          c.actionsFailed());
      System.out.printf(
          Locale.ROOT,
          "blast %.2f s, drain after blast %.1f ms, events received/s over active time %.0f%n",
          blastSeconds,
          drainMs,
          c.eventsReceived() / activeSeconds);
      printLatency("DialEnd ANSWER written -> ContactAnswered published (us)", answerLatencyUs);
      printLatency("ContactOffered -> Redirect read by the PBX (us)", redirectLatencyUs);
    }
  }

  private long blast(
      BlastingAmiServer server,
      CtiAdapter adapter,
      CallTemplate template,
      Map<String, String> channelToContact,
      long first,
      long calls,
      int rate)
      throws IOException {
    long events = 0;
    long tickNs = TimeUnit.MILLISECONDS.toNanos(10);
    double perTick = rate / 100.0;
    double due = 0;
    long next = System.nanoTime();
    for (long i = first; i < first + calls; ) {
      due += perTick;
      while (i < first + calls && due >= 1) {
        events += blastCall(server, adapter, template, i, channelToContact);
        i++;
        due -= 1;
      }
      server.flush();
      next += tickNs;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    server.flush();
    return events;
  }

  private void awaitCommands(long expected, int timeoutSeconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (commands() < expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private void reset() {
    answered.reset();
    ended.reset();
    deviceStates.reset();
    otherCommands.reset();
    synchronized (answerLatencyUs) {
      answerLatencyUs.reset();
    }
    synchronized (redirectLatencyUs) {
      redirectLatencyUs.reset();
    }
    dropWarnings.reset();
    slowWarnings.reset();
  }

  private static CtiCounters minus(CtiCounters a, CtiCounters b) {
    return new CtiCounters(
        a.eventsReceived() - b.eventsReceived(),
        a.eventsTranslated() - b.eventsTranslated(),
        a.eventsIgnored() - b.eventsIgnored(),
        a.eventsMalformed() - b.eventsMalformed(),
        a.eventsUnknownType() - b.eventsUnknownType(),
        a.eventsUnknownChannel() - b.eventsUnknownChannel(),
        a.eventsDuplicate() - b.eventsDuplicate(),
        a.commandsRetried() - b.commandsRetried(),
        a.commandsDropped() - b.commandsDropped(),
        a.actionsSent() - b.actionsSent(),
        a.actionsFailed() - b.actionsFailed(),
        a.contactsLostInOutage() - b.contactsLostInOutage());
  }

  private long blastCall(
      BlastingAmiServer server,
      CtiAdapter adapter,
      CallTemplate template,
      long i,
      Map<String, String> channelToContact)
      throws IOException {
    String callerUid = "2000000000." + (2 * i);
    String agentUid = "2000000000." + (2 * i + 1);
    String hex = String.format("%08x", i);
    String agent = agent((int) (i % AGENTS) + 1);
    String callerChannel = "PJSIP/sipp-" + hex;
    String contact = "pbx1:" + callerUid;
    adapter.onEvent(
        new RouterEvent.ContactQueued(
            0, contact, "q", ContactType.CALL, 0, 0, false, 1, "pbx1", callerChannel, "sipp"),
        false);
    channelToContact.put(callerChannel, contact);
    offeredNs.put(contact, System.nanoTime());
    adapter.onEvent(
        new RouterEvent.ContactOffered(
            0,
            contact,
            "q",
            "id-" + agent,
            ContactType.CALL,
            "pbx1",
            callerChannel,
            "pbx1",
            agent,
            "",
            15,
            new DecisionReason(
                "contact-arrived",
                AgentSelectionPolicy.LONGEST_IDLE,
                ContactSelection.PRIORITY_AGE,
                -1,
                1,
                5,
                0,
                0)),
        false);
    server.write(template.before(callerUid, agentUid, hex, agent));
    server.flush();
    answerWrittenNs.put(contact, System.nanoTime());
    server.write(template.answer(callerUid, agentUid, hex, agent));
    server.flush();
    server.write(template.after(callerUid, agentUid, hex, agent));
    return template.eventsPerCall();
  }

  private CommandPublisher.PublishResult onCommand(Command command) {
    long now = System.nanoTime();
    lastCommandNs.accumulateAndGet(now, Math::max);
    if (command instanceof Command.ContactAnswered a) {
      answered.increment();
      Long t0 = answerWrittenNs.remove(a.contactId());
      if (t0 != null) {
        record(answerLatencyUs, (now - t0) / 1000);
      }
    } else if (command instanceof Command.ContactEnded) {
      ended.increment();
    } else if (command instanceof Command.AgentDeviceState) {
      deviceStates.increment();
    } else {
      otherCommands.increment();
    }
    return CommandPublisher.PublishResult.ACCEPTED;
  }

  private long commands() {
    return answered.sum() + ended.sum() + deviceStates.sum();
  }

  private static void record(Histogram h, long us) {
    synchronized (h) {
      h.recordValue(Math.max(0, Math.min(us, h.getHighestTrackableValue())));
    }
  }

  private static void printLatency(String what, Histogram h) {
    synchronized (h) {
      System.out.printf(
          Locale.ROOT,
          "%s: n=%d p50=%d p90=%d p99=%d p99.9=%d max=%d%n",
          what,
          h.getTotalCount(),
          h.getValueAtPercentile(50),
          h.getValueAtPercentile(90),
          h.getValueAtPercentile(99),
          h.getValueAtPercentile(99.9),
          h.getMaxValue());
    }
  }

  private static String agent(int n) {
    return String.format("agent%02d", n);
  }

  private void quietLogsButCountAsteriskJavaWarnings() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    ch.qos.logback.classic.Logger aj =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.asteriskjava");
    AppenderBase<ILoggingEvent> counter =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent e) {
            String m = e.getFormattedMessage();
            if (m == null) {
              return;
            }
            if (m.contains("queue is full")) {
              dropWarnings.increment();
            } else if (m.contains("too slow") || m.contains("Slow processing")) {
              slowWarnings.increment();
            }
          }
        };
    // Counted here, not printed: at load asterisk-java logs a warning with the whole event.
    aj.setAdditive(false);
    counter.setContext(aj.getLoggerContext());
    counter.start();
    aj.addAppender(counter);
  }

  /** The s01 call's event frames with placeholders for ids, split around the DialEnd ANSWER. */
  record CallTemplate(String before, String answer, String after, int eventsPerCall) {

    static CallTemplate load(Path trace, boolean allEvents) throws IOException {
      String text = Files.readString(trace, StandardCharsets.UTF_8);
      String body = text.substring(text.indexOf("\r\n") + 2);
      List<String> frames = new ArrayList<>();
      boolean started = false;
      for (String f : body.split("\r\n\r\n")) {
        if (f.isBlank() || f.startsWith("Response:") || f.contains("\r\nActionID:")) {
          continue;
        }
        if (!started) {
          started = f.startsWith("Event: Newchannel") && f.contains("Uniqueid: " + CALLER_UID);
          if (!started) {
            continue;
          }
        }
        if (!allEvents && !inMask(f)) {
          continue;
        }
        frames.add(f + "\r\n\r\n");
      }
      StringBuilder before = new StringBuilder();
      StringBuilder after = new StringBuilder();
      String answer = null;
      for (String f : frames) {
        if (answer == null && f.startsWith("Event: DialEnd") && f.contains("DialStatus: ANSWER")) {
          answer = f;
        } else if (answer == null) {
          before.append(f);
        } else {
          after.append(f);
        }
      }
      if (answer == null) {
        throw new IllegalArgumentException(trace + " has no DialEnd ANSWER");
      }
      return new CallTemplate(before.toString(), answer, after.toString(), frames.size());
    }

    /** Would a session logged in with {@code Events: call,user} receive this event? */
    private static boolean inMask(String frame) {
      int p = frame.indexOf("Privilege: ");
      if (p < 0) {
        return true;
      }
      int end = frame.indexOf("\r\n", p);
      for (String cls : frame.substring(p + 11, end).split(",")) {
        if (cls.equals("call") || cls.equals("user")) {
          return true;
        }
      }
      return false;
    }

    String before(String callerUid, String agentUid, String hex, String agent) {
      return rewrite(before, callerUid, agentUid, hex, agent);
    }

    String answer(String callerUid, String agentUid, String hex, String agent) {
      return rewrite(answer, callerUid, agentUid, hex, agent);
    }

    String after(String callerUid, String agentUid, String hex, String agent) {
      return rewrite(after, callerUid, agentUid, hex, agent);
    }

    private static String rewrite(
        String s, String callerUid, String agentUid, String hex, String agent) {
      return s.replace(CALLER_UID, callerUid)
          .replace(AGENT_UID, agentUid)
          .replace("sipp-00000000", "sipp-" + hex)
          .replace("agent01-00000001", agent + "-" + hex)
          .replace("agent01", agent);
    }
  }
}
