package dev.switchboard.bench.cti;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A minimal AMI server for the CTI load harness: answers asterisk-java's login and the adapter's
 * resync with empty listings, answers every other action with Success, reports each action it reads
 * (with the time it read it), and lets the harness write raw event frames. One client.
 */
final class BlastingAmiServer implements AutoCloseable {
  private final ServerSocket server;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final BiConsumer<Map<String, String>, Long> onAction;
  private final AtomicLong bytesWritten = new AtomicLong();
  private volatile OutputStream out;
  private volatile Socket client;

  BlastingAmiServer(BiConsumer<Map<String, String>, Long> onAction) throws IOException {
    this.onAction = onAction;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "blast-ami");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Waits until the adapter has logged in and asked for its resync listings. */
  void awaitReady() throws InterruptedException {
    ready.await();
  }

  long bytesWritten() {
    return bytesWritten.get();
  }

  /** Writes frames (already CRLF-terminated, blank-line separated) to the client. */
  void write(String frames) throws IOException {
    byte[] b = frames.getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      out.write(b);
    }
    bytesWritten.addAndGet(b.length);
  }

  synchronized void flush() throws IOException {
    out.flush();
  }

  private void serve() {
    try (Socket s = server.accept()) {
      client = s;
      s.setTcpNoDelay(true);
      out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
      write("Asterisk Call Manager/11.0.0\r\n");
      flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      Map<String, String> h = new LinkedHashMap<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            h.put(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                line.substring(colon + 1).trim());
          }
          continue;
        }
        if (!h.isEmpty()) {
          long now = System.nanoTime();
          answer(h);
          onAction.accept(h, now);
          h = new LinkedHashMap<>();
        }
      }
    } catch (IOException e) {
      // Closed by the harness.
    }
  }

  private void answer(Map<String, String> h) throws IOException {
    String id = h.getOrDefault("actionid", "");
    String action = h.getOrDefault("action", "").toLowerCase(Locale.ROOT);
    String reply =
        switch (action) {
          case "challenge" -> frame("Response: Success", "ActionID: " + id, "Challenge: 1");
          case "coresettings" ->
              frame("Response: Success", "ActionID: " + id, "AsteriskVersion: 22.10.1");
          case "coreshowchannels" ->
              frame("Response: Success", "ActionID: " + id, "EventList: start")
                  + frame(
                      "Event: CoreShowChannelsComplete",
                      "ActionID: " + id,
                      "EventList: Complete",
                      "ListItems: 0");
          case "devicestatelist" ->
              frame("Response: Success", "ActionID: " + id, "EventList: start")
                  + frame(
                      "Event: DeviceStateListComplete",
                      "ActionID: " + id,
                      "EventList: Complete",
                      "ListItems: 0");
          case "logoff" -> frame("Response: Goodbye", "ActionID: " + id);
          default -> frame("Response: Success", "ActionID: " + id, "Message: ok");
        };
    write(reply);
    flush();
    if (action.equals("devicestatelist")) {
      ready.countDown();
    }
  }

  static String frame(String... lines) {
    return String.join("\r\n", lines) + "\r\n\r\n";
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket c = client;
    if (c != null) {
      c.close();
    }
  }
}
