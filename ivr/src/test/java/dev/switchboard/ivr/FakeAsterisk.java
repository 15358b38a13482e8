package dev.switchboard.ivr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The Asterisk side of a FastAGI connection, for tests: sends an environment, reads the commands
 * the server sends and answers them. Every read has a deadline; nothing sleeps.
 */
public final class FakeAsterisk implements AutoCloseable {
  private static final int READ_TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** Every command received, in order. */
  public final List<String> commands = new ArrayList<>();

  private FakeAsterisk(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(READ_TIMEOUT_MS);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to the IVR on loopback. */
  public static FakeAsterisk connect(int port) throws IOException {
    return new FakeAsterisk(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /** An environment like Asterisk 22 sends (trace s01) for this script URL. */
  public static Map<String, String> environment(String script, String uniqueId, String callerId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("agi_network", "yes");
    env.put("agi_network_script", script);
    env.put("agi_request", "agi://127.0.0.1:4573/" + script);
    env.put("agi_channel", "PJSIP/sipp-" + uniqueId.replace(".", ""));
    env.put("agi_language", "en");
    env.put("agi_type", "PJSIP");
    env.put("agi_uniqueid", uniqueId);
    env.put("agi_version", "22.10.1");
    env.put("agi_callerid", callerId);
    env.put("agi_calleridname", "caller");
    env.put("agi_context", "switchboard-inbound");
    env.put("agi_extension", "500");
    env.put("agi_priority", "2");
    env.put("agi_accountcode", "");
    return env;
  }

  /** Sends the environment lines and the empty line that ends them. */
  public void sendEnvironment(Map<String, String> env) throws IOException {
    StringBuilder sb = new StringBuilder();
    env.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    sb.append('\n');
    send(sb.toString());
  }

  /** Writes raw text. */
  public void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Writes one reply line. */
  public void reply(String line) throws IOException {
    send(line + "\n");
  }

  /** The next command line, or null when the server closed the connection. */
  public String readCommand() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      while (true) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        if (b == '\n') {
          break;
        }
        line.write(b);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no command from the IVR within " + READ_TIMEOUT_MS + " ms");
    }
    String command = line.toString(StandardCharsets.UTF_8);
    commands.add(command);
    return command;
  }

  /** Reads until the server closes, answering every command with {@code 200 result=1}. */
  public void drain() throws IOException {
    while (readCommand() != null) {
      reply("200 result=1");
    }
  }

  /** True once the server has closed its side (reads end of stream within the deadline). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Waits until {@code condition} holds, polling every 2 ms, failing after {@code timeout}. */
  public static void await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }
}
