package dev.switchboard.router.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.engine.RoutingEngine;
import dev.switchboard.router.journal.ChronicleJournal;
import dev.switchboard.router.journal.JournalRecovery;
import dev.switchboard.router.journal.RecoveryReport;
import dev.switchboard.router.journal.SnapshotOutput;
import dev.switchboard.router.journal.SnapshotStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's running core: the ring, the journal, the routing thread and the dispatch of events,
 * and the recovery that precedes them. The entry point other modules use.
 *
 * <pre>
 *  producers (AMI, AGI, HTTP, tick timer)
 *      │ publisher().publish(cmd): stamp time, tryPublishEvent (RING_FULL, never blocks)
 *      ▼
 *  ring of pre-allocated CommandSlots (multi-producer)
 *      │
 *      │  FUSED (default), one thread, per slot:            PARALLEL, three threads:
 *      │    (1) JournalHandler: encode into the batch's       (1) journal ∥ (2) routing,
 *      │        document (written at the end of the batch)    (3) dispatch after both
 *      │    (2) RoutingHandler: engine.apply → shared event buffer
 *      │    (3) DispatchHandler, once the document is written: events → listeners
 *      ▼
 *  journal ──▶ SnapshotFollower (own thread, own engine): apply every entry; every N, snapshot
 * </pre>
 *
 * <ol>
 *   <li>In both layouts no decision leaves the router before its command is journaled; a crash at
 *       any point loses no decision an adapter acted on. See {@link StageLayout} for which to use.
 *   <li>An unexpected exception in a stage stops the router (fail-stop, see {@link
 *       FailStopExceptionHandler}); {@link #failure()} says why, publishers get {@code CLOSED}.
 *   <li>Periodic snapshots: built with {@link Builder#engineFactory}, a {@link SnapshotFollower}
 *       keeps a second copy of the state by tailing the journal and snapshots that copy, so the
 *       routing thread never pauses to serialise. Built with {@link Builder#engine} alone (or once
 *       the follower failed) the routing thread serialises the state itself between batches.
 * </ol>
 *
 * <p>Life cycle: {@link #builder()} → {@link #start()} (recover from snapshot + journal tail, then
 * go live) → {@link #publisher()} → {@link #close()} (stop the timer, drain, snapshot, close the
 * journal).
 */
public final class RouterCore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RouterCore.class);

  static {
    // Set before any Chronicle class loads, whoever starts the router (tests set it as a flag).
    System.setProperty("chronicle.analytics.disable", "true");
    System.setProperty("chronicle.disk.monitor.disable", "true");
  }

  private enum State {
    NEW,
    RUNNING,
    CLOSING,
    FAILED,
    CLOSED
  }

  private final Path journalDirectory;
  private final Path snapshotDirectory;
  private final RoutingEngine engine;
  private final RoutingEngine followerEngine;
  private final TimeSource timeSource;
  private final long tickIntervalMs;
  private final int ringSize;
  private final long snapshotEveryCommands;
  private final int snapshotsToKeep;
  private final WaitStrategy waitStrategy;
  private final StageLayout stageLayout;
  private final ListenerFanOut listeners;
  private final Consumer<Throwable> onFailure;
  private final LongConsumer dispatchObserver;

  private final AtomicInteger publishing = new AtomicInteger();
  private final CommandPublisher publisher = this::publish;
  private volatile State state = State.NEW;
  private volatile Throwable failure;

  private ChronicleJournal journal;
  private SnapshotWriter snapshotWriter;
  private Disruptor<CommandSlot> disruptor;
  private RingBuffer<CommandSlot> ring;
  private JournalHandler journalHandler;
  private RoutingHandler routingHandler;
  private DispatchHandler dispatchHandler;
  private SnapshotFollower follower;
  private final SnapshotTimings snapshotTimings = new SnapshotTimings();
  private long startIndex;
  private EventHandler<CommandSlot> lastStage;
  private TickAgent tickAgent;
  private final StageThreadFactory stageThreads;
  private EventTranslatorOneArg<CommandSlot, Command> translator;
  private RecoveryReport recovery;

  private RouterCore(Builder b, RoutingEngine engine, RoutingEngine followerEngine) {
    this.journalDirectory = b.journalDirectory;
    this.snapshotDirectory = b.snapshotDirectory != null ? b.snapshotDirectory : b.journalDirectory;
    this.engine = engine;
    this.followerEngine = followerEngine;
    this.timeSource = b.timeSource;
    this.tickIntervalMs = b.tickIntervalMs;
    this.ringSize = b.ringSize;
    this.snapshotEveryCommands = b.snapshotEveryCommands;
    this.snapshotsToKeep = b.snapshotsToKeep;
    this.waitStrategy = b.waitStrategy;
    this.stageLayout = b.stageLayout;
    this.stageThreads =
        new StageThreadFactory(
            stageLayout == StageLayout.FUSED
                ? new String[] {"router"}
                : new String[] {"router-journal", "router-routing", "router-dispatch"});
    this.listeners = new ListenerFanOut(b.listeners);
    this.onFailure = b.onFailure;
    this.dispatchObserver = b.dispatchObserver;
  }

  /** A builder with the defaults: 50 ms ticks, 65,536 slots, a snapshot every 100,000 commands. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Recovers the state (newest valid snapshot, then the journal after it, listeners told {@code
   * replay = true}), then starts the stages and the timer. If the journal has a damaged tail, the
   * recovered prefix is snapshotted before anything new is written, so the damage is reported once
   * and later starts resume after it. With a snapshot follower, the recovered state is copied into
   * the follower's engine before going live (one serialisation, while nothing routes).
   *
   * @return what recovery found and did
   * @throws dev.switchboard.router.journal.RecoveryException if no trustworthy state can be built
   */
  public synchronized RecoveryReport start() {
    if (state != State.NEW) {
      throw new IllegalStateException("router already started");
    }
    journal = ChronicleJournal.open(journalDirectory);
    SnapshotStore store = new SnapshotStore(snapshotDirectory, snapshotsToKeep);
    snapshotWriter = new SnapshotWriter(store);
    try {
      recovery = JournalRecovery.recover(journal, store, engine, listeners);
    } catch (RuntimeException e) {
      snapshotWriter.close();
      journal.close();
      state = State.CLOSED;
      throw e;
    }
    long lastIndex = recovery.lastJournalIndex();
    byte[] recoveredState = null;
    if (recovery.corruptTail().isPresent()) {
      // Everything from the damaged entry on is discarded; a snapshot at the physical end of the
      // journal makes the next start skip it instead of stopping there again.
      lastIndex = journal.lastIndex();
      recoveredState = serializeEngine();
      snapshotWriter.write(
          new SnapshotStore.Header(lastIndex, recovery.lastTimestampMs(), engine.stateHash()),
          recoveredState);
    }
    startIndex = lastIndex;

    translator =
        (slot, sequence, command) -> {
          slot.sequenceNo = sequence;
          slot.timestampMs = timeSource.currentTimeMs();
          slot.command = command;
          slot.journalIndex = -1;
        };
    disruptor =
        new Disruptor<>(CommandSlot::new, ringSize, stageThreads, ProducerType.MULTI, waitStrategy);
    disruptor.setDefaultExceptionHandler(new FailStopExceptionHandler(this::failed));
    journalHandler =
        new JournalHandler(
            journal, recovery.lastTimestampMs(), lastIndex, stageLayout == StageLayout.FUSED);
    follower = loadFollower(lastIndex, recoveredState);
    EventBuffers eventBuffers = new EventBuffers(stageLayout == StageLayout.FUSED, ringSize);
    routingHandler =
        new RoutingHandler(
            engine,
            recovery.lastTimestampMs(),
            snapshotEveryCommands,
            stageLayout == StageLayout.FUSED
                // the journal stage ran first on this same thread
                ? () -> Long.MAX_VALUE
                : () -> disruptor.getSequenceValueFor(journalHandler),
            () -> state == State.FAILED,
            snapshotWriter,
            snapshotTimings,
            follower == null,
            eventBuffers);
    dispatchHandler = new DispatchHandler(listeners, dispatchObserver, eventBuffers);
    if (stageLayout == StageLayout.FUSED) {
      lastStage = new FusedHandler(journalHandler, routingHandler, dispatchHandler);
      disruptor.handleEventsWith(lastStage);
    } else {
      // (1) journal and (2) routing in parallel; (3) dispatch after both.
      lastStage = dispatchHandler;
      disruptor.handleEventsWith(journalHandler, routingHandler);
      disruptor.after(journalHandler, routingHandler).handleEventsWith(dispatchHandler);
    }
    ring = disruptor.start();
    if (follower != null) {
      follower.start();
    }
    state = State.RUNNING;
    if (tickIntervalMs > 0) {
      tickAgent = new TickAgent(publisher, tickIntervalMs);
    }
    return recovery;
  }

  /**
   * The snapshot follower, its engine holding a copy of the recovered state, not yet started; null
   * when there is none (no second engine, no periodic snapshots) or the copy is not faithful.
   */
  private SnapshotFollower loadFollower(long lastIndex, byte[] recoveredState) {
    if (followerEngine == null || snapshotEveryCommands == 0) {
      return null;
    }
    SnapshotFollower candidate =
        new SnapshotFollower(
            journal,
            followerEngine,
            snapshotEveryCommands,
            journalHandler::lastIndex,
            snapshotWriter,
            snapshotTimings,
            this::followerFailed);
    byte[] state = recoveredState != null ? recoveredState : serializeEngine();
    if (!candidate.load(state, engine.stateHash(), lastIndex, recovery.lastTimestampMs())) {
      return null;
    }
    return candidate;
  }

  private void followerFailed() {
    routingHandler.takeSnapshotsHere();
  }

  private byte[] serializeEngine() {
    SnapshotOutput out = new SnapshotOutput(1 << 16);
    try {
      engine.writeSnapshot(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("engine could not write its snapshot", e);
    }
    return out.toByteArray();
  }

  private void failed(Throwable cause) {
    failure = cause;
    state = State.FAILED;
    onFailure.accept(cause);
  }

  /** Where producers hand in commands; thread-safe, never blocks. */
  public CommandPublisher publisher() {
    return publisher;
  }

  private CommandPublisher.PublishResult publish(Command command) {
    Objects.requireNonNull(command, "command");
    // The in-flight count lets close() wait for publishers that passed the state check, so that
    // nothing reported ACCEPTED is published after the stages stopped.
    publishing.incrementAndGet();
    try {
      if (state != State.RUNNING) {
        return CommandPublisher.PublishResult.CLOSED;
      }
      return ring.tryPublishEvent(translator, command)
          ? CommandPublisher.PublishResult.ACCEPTED
          : CommandPublisher.PublishResult.RING_FULL;
    } finally {
      publishing.decrementAndGet();
    }
  }

  /** The ring sequence of the most recently claimed slot (-1 before any). */
  public long lastPublishedSequence() {
    return ring == null ? -1 : ring.getCursor();
  }

  /** The ring sequence up to which events have been dispatched (-1 before any). */
  public long dispatchedSequence() {
    return lastStage == null ? -1 : disruptor.getSequenceValueFor(lastStage);
  }

  /**
   * Waits until the events of every command up to ring {@code sequence} have been handed to the
   * listeners.
   *
   * @return true when they have; false on timeout or if the router failed first
   */
  public boolean awaitDispatched(long sequence, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (dispatchedSequence() < sequence) {
      if (state == State.FAILED || System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(100_000);
    }
    return true;
  }

  /** Waits until everything published so far has been journaled, applied and dispatched. */
  public boolean drain(Duration timeout) {
    return awaitDispatched(lastPublishedSequence(), timeout);
  }

  /** The cause of a fail-stop, or null while healthy. */
  public Throwable failure() {
    return failure;
  }

  /** True between a successful {@link #start()} and {@link #close()}, unless failed. */
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /** What start-up recovery did; null before {@link #start()}. */
  public RecoveryReport recoveryReport() {
    return recovery;
  }

  /** The directory holding the journal and snapshots. */
  public Path journalDirectory() {
    return journalDirectory;
  }

  /**
   * Counters and timings for operations and benchmarks; read from any thread. Periodic snapshots
   * are serialised by the snapshot follower when there is one, by the routing thread otherwise (a
   * pause in routing): the {@code routingThread…} fields show the pauses.
   *
   * @param lastJournalIndex the index of the last command journaled
   * @param snapshotsWritten snapshots written since start
   * @param snapshotsFailed snapshot writes that failed
   * @param lastSnapshotSerializeNanos time spent serialising the last periodic snapshot, by
   *     whichever thread took it
   * @param maxSnapshotSerializeNanos the longest such serialisation
   * @param lastSnapshotBytes size of the last periodic snapshot body
   * @param lastSnapshotWriteNanos time spent writing + fsyncing the last snapshot written
   * @param listenerFailures listener calls that threw
   * @param ticksSkipped timer ticks that met a full ring
   * @param followerActive whether a snapshot follower is running
   * @param snapshotsByFollower periodic snapshots the follower serialised
   * @param followerLagCommands commands journaled that the follower has not applied yet (0 without
   *     an active follower)
   * @param followerFailures times the follower failed and handed snapshots back to routing
   * @param routingThreadSnapshots periodic snapshots serialised on the routing thread, each a pause
   * @param maxRoutingThreadSerializeNanos the longest of those pauses
   */
  public record Statistics(
      long lastJournalIndex,
      long snapshotsWritten,
      long snapshotsFailed,
      long lastSnapshotSerializeNanos,
      long maxSnapshotSerializeNanos,
      long lastSnapshotBytes,
      long lastSnapshotWriteNanos,
      long listenerFailures,
      long ticksSkipped,
      boolean followerActive,
      long snapshotsByFollower,
      long followerLagCommands,
      long followerFailures,
      long routingThreadSnapshots,
      long maxRoutingThreadSerializeNanos) {}

  /** Current counters. */
  public Statistics statistics() {
    SnapshotFollower f = follower;
    boolean followerActive = f != null && f.isActive();
    return new Statistics(
        journalHandler == null ? -1 : journalHandler.lastIndex(),
        snapshotWriter == null ? 0 : snapshotWriter.written(),
        snapshotWriter == null ? 0 : snapshotWriter.failed(),
        snapshotTimings.lastSerializeNanos(),
        snapshotTimings.maxSerializeNanos(),
        snapshotTimings.lastBytes(),
        snapshotWriter == null ? 0 : snapshotWriter.lastWriteNanos(),
        listeners.failures(),
        tickAgent == null ? 0 : tickAgent.skipped(),
        followerActive,
        f == null ? 0 : f.snapshots(),
        followerActive ? Math.max(0, journaledCommands() - f.applied()) : 0,
        f != null && f.hasFailed() ? 1 : 0,
        routingHandler == null ? 0 : routingHandler.snapshotsTaken(),
        routingHandler == null ? 0 : routingHandler.maxSerializeNanos());
  }

  /** Commands journaled since start: the journal stage's ring sequence, plus one. */
  private long journaledCommands() {
    EventHandler<CommandSlot> journalStage =
        stageLayout == StageLayout.FUSED ? lastStage : journalHandler;
    return disruptor.getSequenceValueFor(journalStage) + 1;
  }

  /**
   * Stops the timer, refuses new commands, lets every accepted one be journaled, applied and
   * dispatched, stops the snapshot follower, writes a final snapshot from the routing engine (now
   * idle) unless one already covers the last command, and closes the journal. After a fail-stop the
   * stages are halted instead and no snapshot is written (the state may be half-applied; the
   * journal is the truth).
   */
  @Override
  public synchronized void close() {
    if (state == State.NEW || state == State.CLOSED) {
      state = State.CLOSED;
      return;
    }
    if (tickAgent != null) {
      tickAgent.close();
    }
    boolean healthy = state == State.RUNNING;
    if (healthy) {
      state = State.CLOSING;
    }
    while (publishing.get() != 0) {
      Thread.onSpinWait();
    }
    if (healthy) {
      healthy = stopStages();
    } else {
      disruptor.halt();
    }
    stageThreads.join(Duration.ofSeconds(10));
    if (follower != null) {
      // Before the final snapshot (one writer at a time) and before the journal closes under it.
      follower.close(Duration.ofSeconds(30));
    }
    long lastIndex = journalHandler.lastIndex();
    if (healthy && lastIndex != startIndex && lastIndex != snapshotWriter.newestIndex()) {
      snapshotWriter.write(
          new SnapshotStore.Header(lastIndex, routingHandler.lastTimestampMs(), engine.stateHash()),
          routingHandler.serialize());
    }
    snapshotWriter.close();
    journal.close();
    if (state != State.FAILED) {
      state = State.CLOSED;
    }
  }

  private boolean stopStages() {
    try {
      disruptor.shutdown(30, TimeUnit.SECONDS);
      return state != State.FAILED;
    } catch (com.lmax.disruptor.TimeoutException e) {
      LOG.error("router stages did not drain within 30 s; halting without a final snapshot");
      disruptor.halt();
      return false;
    }
  }

  /** Names the stage threads after their role, in the order the Disruptor starts them. */
  private static final class StageThreadFactory implements java.util.concurrent.ThreadFactory {
    private final String[] names;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    StageThreadFactory(String[] names) {
      this.names = names;
    }

    /**
     * Waits for the stage threads to leave (after halt), so the journal is not closed under them.
     */
    void join(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Thread t : threads) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          t.join(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    @Override
    public Thread newThread(Runnable r) {
      int n = next.getAndIncrement();
      Thread t = new Thread(r, n < names.length ? names[n] : "router-stage-" + n);
      t.setDaemon(true);
      // Already logged by FailStopExceptionHandler; keep the default handler's stack dump quiet.
      t.setUncaughtExceptionHandler(
          (thread, e) -> LOG.debug("{} stopped: {}", thread.getName(), e.toString()));
      threads.add(t);
      return t;
    }
  }

  /** Settings for a {@link RouterCore}; {@link #build()} checks them and fails fast. */
  public static final class Builder {
    private Path journalDirectory;
    private Path snapshotDirectory;
    private RoutingEngine engine;
    private Supplier<? extends RoutingEngine> engineFactory;
    private TimeSource timeSource = TimeSource.SYSTEM;
    private long tickIntervalMs = 50;
    private int ringSize = 65_536;
    private long snapshotEveryCommands = 100_000;
    private int snapshotsToKeep = 3;
    private WaitStrategy waitStrategy = new BlockingWaitStrategy();
    private StageLayout stageLayout = StageLayout.FUSED;
    private final List<RouterEventListener> listeners = new ArrayList<>();
    private Consumer<Throwable> onFailure = cause -> {};
    private LongConsumer dispatchObserver;

    private Builder() {}

    /** Where the Chronicle Queue files (and by default the snapshots) live. Required. */
    public Builder journalDirectory(Path dir) {
      this.journalDirectory = dir;
      return this;
    }

    /**
     * Where snapshots are written and looked for at start-up; the journal directory if not set. On
     * ext4, fsyncing a snapshot commits the file system's journal and stalls the router's writes
     * into the memory-mapped Chronicle file on the same file system (measured: up to ~250 ms at 10k
     * agents / 5,000 queues): a directory on another device avoids it.
     */
    public Builder snapshotDirectory(Path dir) {
      this.snapshotDirectory = dir;
      return this;
    }

    /**
     * The routing engine, fresh. With it alone the routing thread serialises the periodic snapshots
     * itself, pausing routing meanwhile (30 ms at 1,000 agents, ~0.5 s at 100,000); {@link
     * #engineFactory} avoids that. This or {@link #engineFactory} is required.
     */
    public Builder engine(RoutingEngine engine) {
      this.engine = engine;
      return this;
    }

    /**
     * Makes fresh engines ({@code RoutingStateMachine::new} in production), instead of {@link
     * #engine}. {@link #build()} calls it for the routing engine and, unless {@link
     * #snapshotEveryCommands} is 0, once more for a snapshot follower: that second engine keeps a
     * copy of the state by applying the journal on its own thread, and the periodic snapshots are
     * taken from the copy, so routing never pauses for them. Each call must return a new instance
     * of the same engine.
     *
     * <p>The price: a second copy of the routing state in memory, and one more thread that does the
     * routing stage's apply work a second time (on another core) plus the serialising; idle, it
     * wakes once a millisecond.
     */
    public Builder engineFactory(Supplier<? extends RoutingEngine> engineFactory) {
      this.engineFactory = Objects.requireNonNull(engineFactory, "engineFactory");
      return this;
    }

    /** Where publish time comes from: {@link TimeSource#SYSTEM}, or a virtual clock in tests. */
    public Builder timeSource(TimeSource timeSource) {
      this.timeSource = timeSource;
      return this;
    }

    /** Interval of the timer's {@link Command#TICK}; 0 = no timer (tests tick by hand). */
    public Builder tickIntervalMs(long tickIntervalMs) {
      this.tickIntervalMs = tickIntervalMs;
      return this;
    }

    /** Ring slots, a power of two. */
    public Builder ringSize(int ringSize) {
      this.ringSize = ringSize;
      return this;
    }

    /** A snapshot after at least this many commands (taken between batches); 0 = only on close. */
    public Builder snapshotEveryCommands(long n) {
      this.snapshotEveryCommands = n;
      return this;
    }

    /** How many of the newest snapshots to keep on disk (default 3). */
    public Builder snapshotsToKeep(int n) {
      this.snapshotsToKeep = n;
      return this;
    }

    /**
     * How idle stages wait. Default {@link BlockingWaitStrategy}: no CPU burnt while idle, which
     * suits a box shared with Asterisk; a dedicated box may prefer a yielding or spinning one.
     */
    public Builder waitStrategy(WaitStrategy waitStrategy) {
      this.waitStrategy = waitStrategy;
      return this;
    }

    /** How the journal, routing and dispatch stages map to threads; see {@link StageLayout}. */
    public Builder stageLayout(StageLayout stageLayout) {
      this.stageLayout = Objects.requireNonNull(stageLayout, "stageLayout");
      return this;
    }

    /** Adds a listener; listeners are called in the order added, on the dispatch thread. */
    public Builder listener(RouterEventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Called once, on the failing stage's thread, when the router fail-stops. */
    public Builder onFailure(Consumer<Throwable> onFailure) {
      this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
      return this;
    }

    /**
     * Called on the dispatch thread with a command's ring sequence once its events have been handed
     * to every listener, including commands that caused no event. For latency measurement (the
     * open-loop harness) and lag monitoring; must not block.
     */
    public Builder dispatchObserver(LongConsumer observer) {
      this.dispatchObserver = observer;
      return this;
    }

    /** Checks the settings and builds an unstarted core. */
    public RouterCore build() {
      if (journalDirectory == null) {
        throw new IllegalArgumentException("journalDirectory is required");
      }
      if (engine == null && engineFactory == null) {
        throw new IllegalArgumentException("engine or engineFactory is required");
      }
      if (engine != null && engineFactory != null) {
        throw new IllegalArgumentException(
            "set engine or engineFactory, not both (the factory makes the routing engine too)");
      }
      Objects.requireNonNull(timeSource, "timeSource");
      Objects.requireNonNull(waitStrategy, "waitStrategy");
      if (tickIntervalMs < 0) {
        throw new IllegalArgumentException("tickIntervalMs must be >= 0, got " + tickIntervalMs);
      }
      if (ringSize < 1 || Integer.bitCount(ringSize) != 1) {
        throw new IllegalArgumentException("ringSize must be a power of two, got " + ringSize);
      }
      if (snapshotEveryCommands < 0) {
        throw new IllegalArgumentException(
            "snapshotEveryCommands must be >= 0, got " + snapshotEveryCommands);
      }
      if (snapshotsToKeep < 1) {
        throw new IllegalArgumentException("snapshotsToKeep must be >= 1, got " + snapshotsToKeep);
      }
      if (engineFactory == null) {
        return new RouterCore(this, engine, null);
      }
      RoutingEngine routing = newEngine();
      RoutingEngine copy = snapshotEveryCommands == 0 ? null : newEngine();
      if (copy == routing) {
        throw new IllegalArgumentException(
            "engineFactory returned the same engine twice; it must make a new one on each call");
      }
      return new RouterCore(this, routing, copy);
    }

    private RoutingEngine newEngine() {
      RoutingEngine made = engineFactory.get();
      if (made == null) {
        throw new IllegalArgumentException("engineFactory returned null");
      }
      return made;
    }
  }
}
