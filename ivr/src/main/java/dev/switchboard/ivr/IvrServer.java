package dev.switchboard.ivr;

import dev.switchboard.ivr.agi.AgiConnection;
import dev.switchboard.ivr.engine.MenuEngine;
import dev.switchboard.ivr.engine.SessionContext;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.api.WaitEstimator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server: accepts connections from the configured PBXs only, runs each session on its
 * own thread (a small stack: a session holds little, and thousands may wait in menus at once), and
 * keeps what sessions need from the router up to date: the emergency announcements and each queue's
 * callback threshold, learned from router events.
 *
 * <p>Usage: construct, {@link #start()}, register as a {@link RouterEventListener}, {@link
 * #close()} at shutdown. {@link #reload} swaps menus, PBX table and directory for new sessions;
 * sessions under way finish with the configuration they started with.
 */
public final class IvrServer implements RouterEventListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IvrServer.class);

  /** Stack size of a session thread; the session loop is shallow. */
  static final long SESSION_STACK_BYTES = 256 * 1024;

  private static final int ACCEPT_BACKLOG = 1024;

  private final CommandPublisher publisher;
  private final WaitEstimator estimator;
  private final CustomerDirectory fixedDirectory;
  private final TimeSource time;
  private final IvrMetrics metrics = new IvrMetrics();
  private final AtomicReference<Runtime> runtime = new AtomicReference<>();
  private final Map<String, String> announcements = new ConcurrentHashMap<>();
  private final CallbackConfirmations callbacks = new CallbackConfirmations();
  private final Map<String, Integer> callbackOfferSeconds = new ConcurrentHashMap<>();
  private final Set<AgiConnection> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong sessionNumber = new AtomicLong();
  private final IvrConfiguration initial;
  private volatile ServerSocket serverSocket;
  private volatile boolean closed;
  private Thread acceptThread;

  /** What one configuration resolves to; swapped whole on reload. */
  private record Runtime(
      MenuEngine engine, PbxTable pbxs, CustomerDirectory directory, long replyTimeoutMs) {}

  /**
   * A server for this configuration.
   *
   * @param directory the customer directory, or null to read {@link
   *     IvrConfiguration#customerDirectory()} (and re-read it on reload)
   * @throws UncheckedIOException when the configured customer file cannot be read
   * @throws IllegalArgumentException when the customer file is malformed
   */
  public IvrServer(
      IvrConfiguration cfg,
      CommandPublisher publisher,
      WaitEstimator estimator,
      CustomerDirectory directory,
      TimeSource time) {
    this.initial = Objects.requireNonNull(cfg, "cfg");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.estimator = Objects.requireNonNull(estimator, "estimator");
    this.fixedDirectory = directory;
    this.time = Objects.requireNonNull(time, "time");
    runtime.set(runtimeFor(cfg));
  }

  private Runtime runtimeFor(IvrConfiguration cfg) {
    CustomerDirectory directory = fixedDirectory;
    if (directory == null) {
      directory = CustomerDirectory.EMPTY;
      if (cfg.customerDirectory() != null) {
        try {
          directory = CsvCustomerDirectory.load(cfg.customerDirectory());
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot read the customer directory " + cfg.customerDirectory(), e);
        }
      }
    }
    return new Runtime(
        new MenuEngine(cfg), PbxTable.resolve(cfg.pbxs()), directory, cfg.replyTimeoutMs());
  }

  /** Binds the configured address and port and starts accepting. */
  public synchronized void start() {
    if (serverSocket != null) {
      throw new IllegalStateException("already started");
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(
          new InetSocketAddress(InetAddress.getByName(initial.bindAddress()), initial.port()),
          ACCEPT_BACKLOG);
      serverSocket = socket;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen for FastAGI on " + initial.bindAddress() + ":" + initial.port(), e);
    }
    acceptThread = new Thread(this::acceptLoop, "ivr-accept");
    acceptThread.setDaemon(true);
    acceptThread.start();
    LOG.info("FastAGI listening on {}:{}", initial.bindAddress(), port());
  }

  /** The port actually bound (useful when configured as 0); -1 before {@link #start()}. */
  public int port() {
    ServerSocket s = serverSocket;
    return s == null ? -1 : s.getLocalPort();
  }

  /** Sessions running now. */
  public int activeSessions() {
    return active.get();
  }

  /** The counters at this moment. */
  public IvrCounters counters() {
    return metrics.snapshot();
  }

  /**
   * Applies a new configuration to sessions that start from now on. The listening address and port
   * are fixed at start; a change to them is logged and needs a restart.
   *
   * @throws UncheckedIOException when the configured customer file cannot be read (nothing changes)
   */
  public void reload(IvrConfiguration cfg) {
    Runtime next = runtimeFor(cfg);
    if (!cfg.bindAddress().equals(initial.bindAddress()) || cfg.port() != initial.port()) {
      LOG.warn("IVR bind address/port changes apply at the next restart");
    }
    runtime.set(next);
    LOG.info(
        "IVR configuration reloaded: {} entry points, {} nodes",
        cfg.entryPoints().size(),
        cfg.nodes().size());
  }

  /**
   * Learns announcements and callback thresholds, applied during replay too: they are state the IVR
   * must have after a restart, not actions on the PBX. Live, also hears the router's answer to a
   * callback request (registered, or refused) that a session is waiting for.
   */
  @Override
  public boolean wants(EventKind kind) {
    return kind == EventKind.ANNOUNCEMENT_CHANGED
        || kind == EventKind.QUEUE_CONFIGURED
        || kind == EventKind.CALLBACK_REGISTERED
        || kind == EventKind.COMMAND_REJECTED;
  }

  @Override
  public void onEvent(RouterEvent event, boolean replay) {
    if (!replay) {
      callbacks.onEvent(event);
    }
    if (event instanceof RouterEvent.AnnouncementChanged a) {
      if (a.active() && !a.prompt().isEmpty()) {
        announcements.put(a.scope(), a.prompt());
      } else {
        announcements.remove(a.scope());
      }
    } else if (event instanceof RouterEvent.QueueConfigured q) {
      callbackOfferSeconds.put(q.queue().id(), q.queue().callbackOfferSeconds());
    }
  }

  private SessionContext context() {
    return new SessionContext(Map.copyOf(announcements), Map.copyOf(callbackOfferSeconds));
  }

  private void acceptLoop() {
    ServerSocket server = serverSocket;
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.error("FastAGI accept failed; no more calls will be taken", e);
        }
        return;
      }
      try {
        handle(socket);
      } catch (RuntimeException | IOException | OutOfMemoryError e) {
        // Out of threads or memory for one session: drop that connection, keep serving.
        LOG.error("cannot start a session for {}", socket.getRemoteSocketAddress(), e);
        closeQuietly(socket);
      }
    }
  }

  private void handle(Socket socket) throws IOException {
    InetAddress peer = socket.getInetAddress();
    Runtime rt = runtime.get();
    if (!rt.pbxs().allowed(peer)) {
      metrics.refused.increment();
      LOG.warn("FastAGI connection from {} refused: not a configured PBX", peer.getHostAddress());
      closeQuietly(socket);
      return;
    }
    metrics.accepted.increment();
    AgiConnection connection = new AgiConnection(socket, rt.replyTimeoutMs());
    AgiSession.Services services =
        new AgiSession.Services(
            rt.engine(),
            rt.pbxs(),
            rt.directory(),
            publisher,
            estimator,
            time,
            this::context,
            metrics,
            callbacks,
            () -> closed);
    AgiSession session = new AgiSession(connection, peer, services);
    open.add(connection);
    active.incrementAndGet();
    Runnable body =
        () -> {
          try {
            session.run();
          } finally {
            open.remove(connection);
            active.decrementAndGet();
          }
        };
    Thread thread =
        new Thread(
            null, body, "ivr-session-" + sessionNumber.incrementAndGet(), SESSION_STACK_BYTES);
    thread.setDaemon(true);
    try {
      thread.start();
    } catch (OutOfMemoryError | RuntimeException e) {
      open.remove(connection);
      active.decrementAndGet();
      connection.close();
      throw e;
    }
  }

  /** Stops accepting and closes every session's socket (their threads then end). */
  @Override
  public void close() {
    closed = true;
    ServerSocket s = serverSocket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing the FastAGI socket: {}", e.toString());
      }
    }
    for (AgiConnection c : open) {
      c.close();
    }
    Thread t = acceptThread;
    if (t != null) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }
}
