package dev.switchboard.sim.ami;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener speaking the Asterisk Manager Interface: banner, login (plain or MD5 challenge),
 * Ping, Events, Logoff handled here; every other action of an authenticated session goes to the
 * {@link ActionHandler} (the simulated PBX). Events are broadcast to every authenticated session
 * through its own bounded queue, so a slow client never blocks the simulation: when its queue is
 * full it is disconnected, as Asterisk drops a stuck manager session.
 */
public final class AmiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AmiServer.class);

  /**
   * Real time after login (or after the last login-time probe) at which a client that has sent no
   * other action counts as ready for events anyway.
   */
  public static final long SESSION_READY_DELAY_MS = 500;

  /** Receives the actions the server does not answer itself. Must not block. */
  public interface ActionHandler {
    /**
     * Handles one action of an authenticated session; answers with {@link AmiSession#send}.
     *
     * @param session the client that sent it
     * @param action the action (has an {@code Action} header)
     */
    void onAction(AmiSession session, AmiMessage action);
  }

  private final AmiServerConfiguration configuration;
  private final ActionHandler handler;
  private final LongSupplier nowMicros;
  private final List<AmiSession> sessions = new CopyOnWriteArrayList<>();
  private final AtomicLong sessionIds = new AtomicLong(0x7f7c0c001b60L);
  private final ScheduledExecutorService timers;
  private final long startedAtMicros;
  private ServerSocket serverSocket;
  private Thread acceptThread;
  private volatile boolean running;
  private final List<Runnable> firstLoginHooks = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean anyLogin =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Consumer<AmiSession> sessionReadyListener = s -> {};

  /**
   * @param configuration port, credentials, banner, queue size
   * @param handler the PBX that answers actions
   * @param nowMicros the simulation clock (epoch microseconds) for {@code Timestamp} headers
   */
  public AmiServer(
      AmiServerConfiguration configuration, ActionHandler handler, LongSupplier nowMicros) {
    this.configuration = configuration;
    this.handler = handler;
    this.nowMicros = nowMicros;
    this.startedAtMicros = nowMicros.getAsLong();
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ami-timers");
              t.setDaemon(true);
              return t;
            });
  }

  /** Binds 127.0.0.1 and starts accepting. */
  public synchronized void start() throws IOException {
    serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), configuration.port()), 64);
    running = true;
    acceptThread = new Thread(this::acceptLoop, "ami-accept-" + port());
    acceptThread.setDaemon(true);
    acceptThread.start();
    LOG.info("AMI listening on 127.0.0.1:{}", port());
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return serverSocket.getLocalPort();
  }

  AmiServerConfiguration configuration() {
    return configuration;
  }

  ActionHandler handler() {
    return handler;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  long nowMicros() {
    return nowMicros.getAsLong();
  }

  long uptimeSeconds() {
    return Math.max(0, (nowMicros.getAsLong() - startedAtMicros) / 1_000_000);
  }

  /** Sends an event to every authenticated session whose event mask accepts it. */
  public void broadcast(AmiMessage event) {
    String encoded = AmiCodec.encode(event);
    String privilege = event.getOr("Privilege", "");
    for (AmiSession s : sessions) {
      s.deliverEvent(encoded, privilege);
    }
  }

  /** Sends an event to every authenticated session except one (security events). */
  void broadcastExcept(AmiMessage event, AmiSession except) {
    String encoded = AmiCodec.encode(event);
    String privilege = event.getOr("Privilege", "");
    for (AmiSession s : sessions) {
      if (s != except) {
        s.deliverEvent(encoded, privilege);
      }
    }
  }

  /**
   * Runs a task once, when the first client logs in (or at once if one already has). The simulator
   * uses it to start agents and callers only when the router is listening, so it does not miss the
   * agents' login events.
   */
  public void onFirstLogin(Runnable task) {
    firstLoginHooks.add(task);
    if (anyLogin.get() && firstLoginHooks.remove(task)) {
      task.run();
    }
  }

  void authenticated(AmiSession session) {
    if (anyLogin.compareAndSet(false, true)) {
      for (Runnable r : firstLoginHooks) {
        if (firstLoginHooks.remove(r)) {
          r.run();
        }
      }
    }
  }

  /**
   * Sets what runs once per authenticated session when that client is ready for events: at its
   * first action after login other than the login-time probes asterisk-java sends inside {@code
   * login()} (CoreSettings, Command, Events), or {@link #SESSION_READY_DELAY_MS} ms of real time
   * after login or after the last such probe, whichever comes first. A client that logs off and
   * logs in again is a new session and is ready again. The simulator uses it to re-announce the
   * agents' state to that client only (a reconnecting router missed the originals).
   */
  public void onSessionReady(Consumer<AmiSession> listener) {
    this.sessionReadyListener = java.util.Objects.requireNonNull(listener, "listener");
  }

  void sessionReady(AmiSession session) {
    try {
      sessionReadyListener.accept(session);
    } catch (RuntimeException e) {
      LOG.warn("AMI session-ready hook failed: {}", e.toString(), e);
    }
  }

  /** Number of connected sessions (authenticated or not). */
  public int sessionCount() {
    return sessions.size();
  }

  void removed(AmiSession session) {
    sessions.remove(session);
  }

  private void acceptLoop() {
    while (running) {
      try {
        Socket socket = serverSocket.accept();
        socket.setTcpNoDelay(true);
        AmiSession session =
            new AmiSession(
                this,
                socket,
                "0x" + Long.toHexString(sessionIds.getAndAdd(0x10)),
                configuration.sessionQueueCapacity());
        sessions.add(session);
        session.start();
      } catch (SocketException e) {
        if (running) {
          LOG.warn("AMI accept failed: {}", e.toString());
        }
      } catch (IOException e) {
        LOG.warn("AMI accept failed: {}", e.toString());
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    try {
      if (serverSocket != null) {
        serverSocket.close();
      }
    } catch (IOException e) {
      LOG.debug("closing AMI listener: {}", e.toString());
    }
    for (AmiSession s : sessions) {
      s.close("server stopping");
    }
    timers.shutdownNow();
    try {
      if (acceptThread != null) {
        acceptThread.join(TimeUnit.SECONDS.toMillis(2));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
