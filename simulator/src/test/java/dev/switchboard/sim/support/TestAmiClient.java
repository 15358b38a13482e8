package dev.switchboard.sim.support;

import dev.switchboard.sim.ami.AmiCodec;
import dev.switchboard.sim.ami.AmiMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A raw AMI client for tests: writes actions, collects every message it receives. */
public final class TestAmiClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final List<AmiMessage> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String banner;
  private volatile boolean eof;
  private final Thread reader;

  public TestAmiClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    out = socket.getOutputStream();
    AmiCodec.Reader r = new AmiCodec.Reader(socket.getInputStream());
    reader =
        new Thread(
            () -> {
              try {
                banner = r.readLine();
                AmiMessage m;
                while ((m = r.next()) != null) {
                  received.add(m);
                }
              } catch (IOException e) {
                // socket closed by the test or the server
              }
              eof = true;
            },
            "test-ami-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public String banner() {
    return Await.value("banner", () -> banner, Duration.ofSeconds(5));
  }

  public boolean isClosedByServer() {
    return eof;
  }

  /** Sends an action (name/value pairs after the action name); returns its ActionID. */
  public String send(String action, String... kv) throws IOException {
    String id = "sb-" + ids.incrementAndGet();
    AmiMessage.Builder b = AmiMessage.builder().add("Action", action).add("ActionID", id);
    for (int i = 0; i + 1 < kv.length; i += 2) {
      b.add(kv[i], kv[i + 1]);
    }
    sendRaw(AmiCodec.encode(b.build()));
    return id;
  }

  public void sendRaw(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  public AmiMessage login(String user, String secret) throws IOException {
    String id = send("Login", "Username", user, "Secret", secret);
    return awaitResponse(id, Duration.ofSeconds(5));
  }

  public AmiMessage awaitResponse(String actionId, Duration timeout) {
    return await(
        m -> m.get("Response").isPresent() && actionId.equals(m.getOr("ActionID", "")), timeout);
  }

  public AmiMessage await(Predicate<AmiMessage> p, Duration timeout) {
    return Await.value(
        "AMI message", () -> received.stream().filter(p).findFirst().orElse(null), timeout);
  }

  /** Waits until {@code count} messages match. */
  public List<AmiMessage> awaitCount(Predicate<AmiMessage> p, int count, Duration timeout) {
    Await.until(
        count + " matching AMI messages",
        () -> received.stream().filter(p).count() >= count,
        timeout);
    return received.stream().filter(p).toList();
  }

  public List<AmiMessage> received() {
    return new ArrayList<>(received);
  }

  public static Predicate<AmiMessage> event(String name) {
    return m -> name.equals(m.getOr("Event", ""));
  }

  public static Predicate<AmiMessage> event(String name, String header, String value) {
    return m -> name.equals(m.getOr("Event", "")) && value.equals(m.getOr(header, null));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
