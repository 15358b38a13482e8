package dev.switchboard.sim.ami;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One manager client: a reader thread that parses actions and a writer thread that drains this
 * client's bounded queue. Login, Challenge, Ping, Events and Logoff are answered here; everything
 * else goes to the server's {@link AmiServer.ActionHandler}.
 */
public final class AmiSession {

  private static final Logger LOG = LoggerFactory.getLogger(AmiSession.class);
  private static final String CLOSE = "\u0000close";
  private static final DateTimeFormatter EVENT_TV =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final AmiServer server;
  private final Socket socket;
  private final String sessionId;
  private final BlockingQueue<String> outbound;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean authenticated;
  private volatile boolean loginPending;
  private volatile Set<String> eventMask = Set.of("all");
  private volatile String challenge;
  private final AtomicBoolean readyFired = new AtomicBoolean();
  private volatile ScheduledFuture<?> readyTimer;

  AmiSession(AmiServer server, Socket socket, String sessionId, int queueCapacity) {
    this.server = server;
    this.socket = socket;
    this.sessionId = sessionId;
    this.outbound = new ArrayBlockingQueue<>(queueCapacity + 1);
  }

  void start() {
    outbound.add(server.configuration().banner() + "\r\n");
    Thread writer = new Thread(this::writeLoop, "ami-writer-" + socket.getPort());
    writer.setDaemon(true);
    writer.start();
    Thread reader = new Thread(this::readLoop, "ami-reader-" + socket.getPort());
    reader.setDaemon(true);
    reader.start();
  }

  /** Whether Login succeeded on this session. */
  public boolean isAuthenticated() {
    return authenticated;
  }

  /**
   * Queues a message for this client (a response or a list item). Never blocks: on overflow the
   * client is disconnected.
   */
  public void send(AmiMessage message) {
    enqueue(AmiCodec.encode(message));
  }

  /**
   * Queues an event for this client only, if its event mask accepts the event's {@code Privilege}
   * (as a broadcast would). Never blocks.
   */
  public void sendEvent(AmiMessage event) {
    deliverEvent(AmiCodec.encode(event), event.getOr("Privilege", ""));
  }

  void deliverEvent(String encoded, String privilege) {
    if (!authenticated || !maskAccepts(privilege)) {
      return;
    }
    enqueue(encoded);
  }

  private boolean maskAccepts(String privilege) {
    Set<String> mask = eventMask;
    if (mask.isEmpty()) {
      return false;
    }
    if (mask.contains("all") || mask.contains("on")) {
      return true;
    }
    for (String p : privilege.split(",")) {
      if (!p.equals("all") && mask.contains(p.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private void enqueue(String encoded) {
    if (closed.get()) {
      return;
    }
    if (!outbound.offer(encoded)) {
      LOG.warn(
          "AMI client {} too slow ({} messages queued): disconnecting it",
          socket.getRemoteSocketAddress(),
          outbound.size());
      close("send queue overflow");
    }
  }

  private void writeLoop() {
    try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
      while (true) {
        String next = outbound.poll();
        if (next == null) {
          out.flush();
          next = outbound.poll(1, TimeUnit.SECONDS);
          if (next == null) {
            if (closed.get()) {
              return;
            }
            continue;
          }
        }
        if (next == CLOSE) {
          out.flush();
          return;
        }
        out.write(next.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      LOG.debug("AMI write to {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeSocket();
    }
  }

  private void readLoop() {
    // The input stream is not closed here: closing it would close the socket before the writer
    // has flushed the last response (Logoff's Goodbye); the writer closes the socket.
    try {
      InputStream in = socket.getInputStream();
      AmiCodec.Reader reader = new AmiCodec.Reader(in);
      AmiMessage message;
      while (!closed.get() && (message = reader.next()) != null) {
        handle(message);
      }
    } catch (IOException e) {
      LOG.debug("AMI read from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
    } catch (RuntimeException e) {
      LOG.warn("AMI session {} failed: {}", socket.getRemoteSocketAddress(), e.toString(), e);
    } finally {
      close("client disconnected");
    }
  }

  private void handle(AmiMessage message) {
    String action = message.getOr("Action", "").trim().toLowerCase(Locale.ROOT);
    String actionId = message.get("ActionID").orElse(null);
    if (loginPending) {
      return;
    }
    switch (action) {
      case "login" -> login(message, actionId);
      case "challenge" -> challenge(message, actionId);
      case "logoff" -> {
        send(response("Goodbye", actionId).add("Message", "Thanks for all the fish.").build());
        close("logoff");
      }
      case "" -> send(error(actionId, "Missing action in request"));
      default -> {
        if (!authenticated) {
          send(error(actionId, "Permission denied"));
          return;
        }
        if (action.equals("events") || action.equals("coresettings") || action.equals("command")) {
          // asterisk-java's probes inside login(): its listeners may not be live yet.
          armReady();
        } else {
          fireReady();
        }
        if (action.equals("ping")) {
          send(
              response("Success", actionId)
                  .add("Ping", "Pong")
                  .add("Timestamp", timestamp(server.nowMicros()))
                  .build());
        } else if (action.equals("events")) {
          events(message, actionId);
        } else {
          server.handler().onAction(this, message);
        }
      }
    }
  }

  private void challenge(AmiMessage message, String actionId) {
    if (!message.getOr("AuthType", "").equalsIgnoreCase("md5")) {
      send(error(actionId, "Must specify AuthType"));
      return;
    }
    String c = Integer.toString(ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999));
    challenge = c;
    send(response("Success", actionId).add("Challenge", c).build());
  }

  private void login(AmiMessage message, String actionId) {
    if (authenticated) {
      send(response("Success", actionId).add("Message", "Already authenticated").build());
      return;
    }
    AmiServerConfiguration cfg = server.configuration();
    String user = message.getOr("Username", "");
    boolean ok = user.equals(cfg.username()) && secretMatches(message, cfg.secret());
    if (ok) {
      authenticated = true;
      applyEventsParameter(message.get("Events").orElse("on"));
      send(response("Success", actionId).add("Message", "Authentication accepted").build());
      send(
          AmiMessage.builder()
              .add("Event", "FullyBooted")
              .add("Privilege", "system,all")
              .add("Uptime", Long.toString(server.uptimeSeconds()))
              .add("LastReload", Long.toString(server.uptimeSeconds()))
              .add("Status", "Fully Booted")
              .build());
      server.broadcast(securityEvent("SuccessfulAuth", "Informational", 1, user, true));
      server.authenticated(this);
      armReady();
      return;
    }
    LOG.info("AMI login failed for user '{}' from {}", user, socket.getRemoteSocketAddress());
    server.broadcastExcept(
        securityEvent(
            user.equals(cfg.username()) ? "InvalidPassword" : "InvalidAccountID",
            "Error",
            2,
            user,
            false),
        this);
    loginPending = true;
    server
        .timers()
        .schedule(
            () -> {
              send(error(actionId, "Authentication failed"));
              close("authentication failed");
            },
            cfg.failedLoginDelayMs(),
            TimeUnit.MILLISECONDS);
  }

  /** (Re)starts the fallback timer after which this client counts as ready for events. */
  private void armReady() {
    if (readyFired.get() || closed.get()) {
      return;
    }
    ScheduledFuture<?> old = readyTimer;
    if (old != null) {
      old.cancel(false);
    }
    try {
      readyTimer =
          server
              .timers()
              .schedule(this::fireReady, AmiServer.SESSION_READY_DELAY_MS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The server is stopping: nobody needs the re-announcement any more.
      LOG.debug("AMI session {} not armed: server stopping", sessionId);
    }
  }

  /** Once per session: tells the server this client now listens (see AmiServer#onSessionReady). */
  private void fireReady() {
    if (!authenticated || closed.get() || !readyFired.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> t = readyTimer;
    if (t != null) {
      t.cancel(false);
    }
    server.sessionReady(this);
  }

  private boolean secretMatches(AmiMessage message, String secret) {
    if (message.getOr("AuthType", "").equalsIgnoreCase("md5")) {
      String c = challenge;
      String key = message.getOr("Key", "");
      return c != null && key.equalsIgnoreCase(md5Hex(c + secret));
    }
    return message.getOr("Secret", "").equals(secret);
  }

  private static String md5Hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 not available", e);
    }
  }

  private void events(AmiMessage message, String actionId) {
    String mask = message.getOr("EventMask", "on");
    applyEventsParameter(mask);
    send(response("Success", actionId).add("Events", eventMask.isEmpty() ? "Off" : "On").build());
  }

  private void applyEventsParameter(String mask) {
    String m = mask.trim().toLowerCase(Locale.ROOT);
    if (m.equals("off") || m.equals("no") || m.equals("false") || m.equals("0")) {
      eventMask = Set.of();
    } else if (m.equals("on") || m.equals("yes") || m.equals("true") || m.isEmpty()) {
      eventMask = Set.of("all");
    } else {
      eventMask = Set.of(m.split("\\s*,\\s*"));
    }
  }

  private AmiMessage securityEvent(
      String name, String severity, int version, String user, boolean success) {
    long now = server.nowMicros();
    String tv = EVENT_TV.format(Instant.ofEpochSecond(now / 1_000_000, (now % 1_000_000) * 1000));
    AmiMessage.Builder b =
        AmiMessage.builder()
            .add("Event", name)
            .add("Privilege", "security,all")
            .add("Timestamp", timestamp(now))
            .add("EventTV", tv)
            .add("Severity", severity)
            .add("Service", "AMI")
            .add("EventVersion", Integer.toString(version))
            .add("AccountID", user)
            .add("SessionID", sessionId)
            .add("LocalAddress", "IPV4/TCP/127.0.0.1/" + socket.getLocalPort())
            .add("RemoteAddress", "IPV4/TCP/127.0.0.1/" + socket.getPort());
    if (success) {
      b.add("UsingPassword", "0").add("SessionTV", tv);
    } else {
      b.add("SessionTV", "1970-01-01T00:00:00.000+0000");
    }
    return b.build();
  }

  /** Formats epoch microseconds as Asterisk's {@code Timestamp:} ({@code secs.micros}). */
  public static String timestamp(long epochMicros) {
    return String.format(
        Locale.ROOT, "%d.%06d", epochMicros / 1_000_000, Math.floorMod(epochMicros, 1_000_000));
  }

  /** Starts a response: {@code Response}, then {@code ActionID} if the action had one. */
  public static AmiMessage.Builder response(String kind, String actionId) {
    AmiMessage.Builder b = AmiMessage.builder().add("Response", kind);
    if (actionId != null) {
      b.add("ActionID", actionId);
    }
    return b;
  }

  /** A {@code Response: Error} with a message. */
  public static AmiMessage error(String actionId, String message) {
    return response("Error", actionId).add("Message", message).build();
  }

  /** Closes the session once what is already queued has been written. */
  public void close(String why) {
    if (closed.compareAndSet(false, true)) {
      LOG.debug("AMI session {} closing: {}", socket.getRemoteSocketAddress(), why);
      server.removed(this);
      ScheduledFuture<?> t = readyTimer;
      if (t != null) {
        t.cancel(false);
      }
      if (!outbound.offer(CLOSE)) {
        closeSocket();
      }
    }
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing AMI socket: {}", e.toString());
    }
  }
}
