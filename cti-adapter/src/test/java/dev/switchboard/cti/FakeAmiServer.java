package dev.switchboard.cti;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in Asterisk AMI server for socket-level fixture tests, on 127.0.0.1 and an ephemeral
 * port. It greets with the recorded banner, answers asterisk-java's login (Challenge, Login,
 * CoreSettings), serves resync listings, records every other action, answers it like Asterisk does,
 * and replays a recorded transcript's events.
 *
 * <p>The replay is paced by the adapter, not by a clock: where the transcript shows the response to
 * an action the recording router sent (e.g. {@code Redirect}, ActionID {@code sb-3}), a gate may
 * feed router events to the adapter and then waits until the adapter has sent the matching action;
 * the recorded ActionID is then mapped to the adapter's own for later events (e.g. an {@code
 * OriginateResponse}).
 */
final class FakeAmiServer implements AutoCloseable {
  static final String BANNER = "Asterisk Call Manager/11.0.0";
  private static final Duration GATE_TIMEOUT = Duration.ofSeconds(30);

  /** An action the adapter sent; header names are lower case. */
  record Action(int connection, String name, Map<String, String> headers, long receivedNanos) {
    String get(String header) {
      return headers.getOrDefault(header.toLowerCase(Locale.ROOT), "");
    }

    String actionId() {
      return get("actionid");
    }
  }

  /** A replay pause point: at the recorded response {@code recordedActionId}. */
  record Gate(String recordedActionId, Runnable before, Predicate<Action> expect) {}

  /** A one-shot hook run right after the first replayed frame that matches. */
  static final class Hook {
    final Predicate<Map<String, String>> frame;
    final Runnable action;
    boolean done;

    Hook(Predicate<Map<String, String>> frame, Runnable action) {
      this.frame = frame;
      this.action = action;
    }
  }

  /** What one connection does. */
  static final class Session {
    boolean rejectLogin;
    long loginDelayMs;
    List<String> replay = List.of();
    final Map<String, Gate> gates = new LinkedHashMap<>();
    final Map<String, List<String>> listings = new ConcurrentHashMap<>();
    final List<String> refused = new ArrayList<>();
    int dropAfterFrames = -1;
    String dropAtRecordedResponse;
    Predicate<Action> failing = a -> false;
    String failureMessage = "No such channel";
    final List<Hook> hooks = new ArrayList<>();

    /** Runs {@code action} after the first replayed frame with these header values. */
    Session after(String event, String channel, Runnable action) {
      hooks.add(
          new Hook(
              h -> event.equalsIgnoreCase(h.get("event")) && channel.equals(h.get("channel")),
              action));
      return this;
    }

    Session gate(String recordedActionId, Runnable before, Predicate<Action> expect) {
      gates.put(recordedActionId, new Gate(recordedActionId, before, expect));
      return this;
    }
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final Map<Socket, OutputStream> sockets = new ConcurrentHashMap<>();
  final List<Action> actions = new CopyOnWriteArrayList<>();
  final List<String> gateFailures = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger logins = new AtomicInteger();
  final AtomicInteger replaysDone = new AtomicInteger();
  private volatile boolean closed;

  FakeAmiServer(Session... sessions) throws IOException {
    this.sessions.addAll(List.of(sessions));
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "fake-ami-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** The actions the adapter sent with this name (case-insensitive), in order. */
  List<Action> actions(String name) {
    return actions.stream().filter(a -> a.name().equalsIgnoreCase(name)).toList();
  }

  /** Actions other than login, listings and keep-alive: what the adapter did to calls. */
  List<Action> callActions() {
    return actions.stream()
        .filter(
            a ->
                !List.of(
                        "challenge",
                        "login",
                        "coresettings",
                        "command",
                        "ping",
                        "logoff",
                        "coreshowchannels",
                        "devicestatelist",
                        "status")
                    .contains(a.name().toLowerCase(Locale.ROOT)))
        .toList();
  }

  /** Closes every open client connection (the PBX "drops" the link). */
  void dropConnections() throws IOException {
    for (Socket s : sockets.keySet()) {
      s.close();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        sockets.put(s, s.getOutputStream());
        int index = connections.getAndIncrement();
        Session session = sessions.get(Math.min(index, sessions.size() - 1));
        Thread t = new Thread(() -> serve(s, index, session), "fake-ami-conn-" + index);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket, int index, Session session) {
    Map<String, String> idMap = new ConcurrentHashMap<>();
    try (socket) {
      OutputStream out = sockets.get(socket);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      write(out, BANNER + "\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            headers.put(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                line.substring(colon + 1).trim());
          }
          continue;
        }
        if (headers.isEmpty()) {
          continue;
        }
        Action action =
            new Action(
                index, headers.getOrDefault("action", ""), Map.copyOf(headers), System.nanoTime());
        headers = new LinkedHashMap<>();
        if (!respond(socket, out, session, action, idMap)) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away or the test dropped the link.
    }
  }

  /** Answers one action; false when the connection is to be closed. */
  private boolean respond(
      Socket socket, OutputStream out, Session session, Action a, Map<String, String> idMap)
      throws IOException {
    String id = a.actionId();
    String name = a.name().toLowerCase(Locale.ROOT);
    switch (name) {
      case "challenge" -> {
        write(out, frame("Response: Success", "ActionID: " + id, "Challenge: 840415273"));
        return true;
      }
      case "login" -> {
        actions.add(a);
        logins.incrementAndGet();
        if (session.rejectLogin) {
          // Asterisk answers a bad secret after about a second, then closes the connection.
          delays.schedule(
              () -> {
                try {
                  write(
                      out,
                      frame(
                          "Response: Error", "ActionID: " + id, "Message: Authentication failed"));
                  socket.close();
                } catch (IOException e) {
                  // Already gone.
                }
              },
              session.loginDelayMs,
              TimeUnit.MILLISECONDS);
          return true;
        }
        write(
            out, frame("Response: Success", "ActionID: " + id, "Message: Authentication accepted"));
        write(
            out,
            frame(
                "Event: FullyBooted",
                "Privilege: system,all",
                "Uptime: 122",
                "LastReload: 0",
                "Status: Fully Booted"));
        return true;
      }
      case "coresettings" -> {
        write(
            out,
            frame(
                "Response: Success",
                "ActionID: " + id,
                "AMIversion: 11.0.0",
                "AsteriskVersion: 22.10.1",
                "SystemName: ",
                "CoreMaxCalls: 0"));
        return true;
      }
      case "ping" -> {
        write(out, frame("Response: Success", "ActionID: " + id, "Ping: Pong", "Timestamp: 1.0"));
        return true;
      }
      case "logoff" -> {
        actions.add(a);
        write(
            out,
            frame("Response: Goodbye", "ActionID: " + id, "Message: Thanks for all the fish."));
        return false;
      }
      case "coreshowchannels", "devicestatelist", "status" -> {
        actions.add(a);
        serveListing(out, session, a);
        if (name.equals("devicestatelist")) {
          startReplay(socket, out, session, idMap);
        }
        return true;
      }
      default -> {
        actions.add(a);
        if (session.failing.test(a)) {
          write(
              out,
              frame("Response: Error", "ActionID: " + id, "Message: " + session.failureMessage));
        } else {
          write(
              out, frame("Response: Success", "ActionID: " + id, "Message: " + successText(name)));
        }
        return true;
      }
    }
  }

  private void serveListing(OutputStream out, Session session, Action a) throws IOException {
    String name = a.name().toLowerCase(Locale.ROOT);
    String id = a.actionId();
    if (session.refused.contains(name)) {
      write(out, frame("Response: Error", "ActionID: " + id, "Message: Permission denied"));
      return;
    }
    List<String> items = session.listings.getOrDefault(name, List.of());
    StringBuilder sb = new StringBuilder();
    sb.append(frame("Response: Success", "ActionID: " + id, "EventList: start", "Message: ok"));
    for (String item : items) {
      sb.append(Transcript.withActionId(item, id));
    }
    String complete =
        switch (name) {
          case "coreshowchannels" -> "CoreShowChannelsComplete";
          case "devicestatelist" -> "DeviceStateListComplete";
          default -> "StatusComplete";
        };
    sb.append(
        frame(
            "Event: " + complete,
            "ActionID: " + id,
            "EventList: Complete",
            "ListItems: " + items.size()));
    write(out, sb.toString());
  }

  private void startReplay(
      Socket socket, OutputStream out, Session session, Map<String, String> idMap) {
    if (session.replay.isEmpty()) {
      return;
    }
    Thread t =
        new Thread(
            () -> replay(socket, out, session, idMap), "fake-ami-replay-" + connections.get());
    t.setDaemon(true);
    t.start();
  }

  private void replay(Socket socket, OutputStream out, Session session, Map<String, String> idMap) {
    int consumed = 0;
    int sent = 0;
    try {
      for (String frame : session.replay) {
        if (session.dropAfterFrames >= 0 && sent >= session.dropAfterFrames) {
          socket.close();
          return;
        }
        Map<String, String> h = Transcript.headers(frame);
        String recordedId = h.get("actionid");
        if (!h.containsKey("event") && h.containsKey("response")) {
          if ("Goodbye".equalsIgnoreCase(h.get("response"))) {
            break;
          }
          if (recordedId != null && recordedId.equals(session.dropAtRecordedResponse)) {
            socket.close();
            return;
          }
          Gate gate = recordedId == null ? null : session.gates.get(recordedId);
          if (gate != null) {
            if (gate.before() != null) {
              gate.before().run();
            }
            Action matched = awaitAction(gate.expect(), consumed);
            if (matched == null) {
              gateFailures.add("no action for gate " + recordedId);
            } else {
              consumed = actions.indexOf(matched) + 1;
              idMap.put(recordedId, matched.actionId());
            }
          }
          continue;
        }
        if (recordedId != null) {
          String mapped = idMap.get(recordedId);
          if (mapped == null) {
            // A listing for an action this adapter never sent (Status in s01): not delivered.
            continue;
          }
          frame = Transcript.withActionId(frame, mapped);
        }
        write(out, frame);
        sent++;
        for (Hook hook : session.hooks) {
          if (!hook.done && hook.frame.test(h)) {
            hook.done = true;
            hook.action.run();
          }
        }
      }
      replaysDone.incrementAndGet();
    } catch (IOException e) {
      // Dropped.
    }
  }

  private Action awaitAction(Predicate<Action> expect, int from) {
    long deadline = System.nanoTime() + GATE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<Action> snapshot = actions;
      for (int i = from; i < snapshot.size(); i++) {
        if (expect.test(snapshot.get(i))) {
          return snapshot.get(i);
        }
      }
      Await.pause();
    }
    return null;
  }

  private static String successText(String action) {
    return switch (action) {
      case "redirect" -> "Redirect successful";
      case "setvar" -> "Variable Set";
      case "originate" -> "Originate successfully queued";
      case "hangup" -> "Channel Hungup";
      default -> "Success";
    };
  }

  static String frame(String... lines) {
    return String.join("\r\n", lines) + "\r\n\r\n";
  }

  /** Writes raw bytes (tests use it for garbage). */
  static void write(OutputStream out, String text) throws IOException {
    synchronized (out) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  /** Sends raw text to every open connection. */
  void broadcast(String text) throws IOException {
    for (Map.Entry<Socket, OutputStream> e : sockets.entrySet()) {
      if (!e.getKey().isClosed()) {
        write(e.getValue(), text);
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    dropConnections();
    delays.shutdownNow();
  }
}
