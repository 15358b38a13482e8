package dev.switchboard.sim.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Asterisk side of FastAGI: connects to the script server, sends the {@code agi_*} environment
 * and an empty line (as in s01-fastagi.txt), then answers each command line with the reply Asterisk
 * 22 gives. DTMF comes from the {@link AgiChannel} (the simulated caller). When the server closes
 * its side, {@code HANGUP} is still written, as Asterisk does. Each session runs on its own thread
 * so a slow script never holds up the PBX thread.
 */
public final class AgiClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AgiClient.class);

  private final ExecutorService pool;
  private final int connectTimeoutMs;
  private final int readTimeoutMs;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile boolean windingDown;

  /**
   * @param connectTimeoutMs how long to wait for the FastAGI server to accept
   * @param readTimeoutMs how long a silent server is tolerated before the session is dropped
   */
  public AgiClient(int connectTimeoutMs, int readTimeoutMs) {
    this.connectTimeoutMs = connectTimeoutMs;
    this.readTimeoutMs = readTimeoutMs;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "agi-session-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The simulated PBX is being shut down with the system it serves: an unreachable FastAGI server
   * is then expected (it may close first) and is logged at INFO, not WARN.
   */
  public void windDown() {
    windingDown = true;
  }

  /** Sessions that could not connect so far. */
  public int connectFailures() {
    return failures.get();
  }

  /** Runs one session asynchronously; the channel is told when it is over. */
  public void start(AgiRequest request, AgiChannel channel) {
    try {
      pool.execute(() -> run(request, channel));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      channel.finished("FAILURE");
    }
  }

  private void run(AgiRequest request, AgiChannel channel) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(request.host(), request.port()), connectTimeoutMs);
      socket.setSoTimeout(readTimeoutMs);
    } catch (IOException e) {
      if (failures.getAndIncrement() == 0) {
        String message =
            "FastAGI server {}:{} unreachable ({}): calls continue with AGISTATUS=FAILURE";
        if (windingDown) {
          LOG.info(message, request.host(), request.port(), e.toString());
        } else {
          LOG.warn(message, request.host(), request.port(), e.toString());
        }
      }
      closeQuietly(socket);
      channel.finished("FAILURE");
      return;
    }
    String status = "SUCCESS";
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream raw = socket.getOutputStream();
        Writer out = new OutputStreamWriter(raw, StandardCharsets.UTF_8)) {
      StringBuilder env = new StringBuilder(512);
      for (Map.Entry<String, String> e : request.environment()) {
        env.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
      }
      out.write(env.append('\n').toString());
      out.flush();
      boolean hangupSent = false;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (channel.isHungUp() && !hangupSent) {
          out.write("HANGUP\n");
          hangupSent = true;
        }
        AgiReply reply = execute(line.trim(), channel);
        out.write(reply.line() + "\n");
        out.flush();
        if (reply.hangsUp() && !hangupSent) {
          out.write("HANGUP\n");
          out.flush();
          hangupSent = true;
        }
      }
      if (!hangupSent) {
        writeQuietly(out, "HANGUP\n");
      }
      if (channel.isHungUp()) {
        status = "HANGUP";
      }
    } catch (SocketTimeoutException e) {
      LOG.warn(
          "FastAGI server {}:{} silent too long: dropping session", request.host(), request.port());
      status = "FAILURE";
    } catch (IOException e) {
      LOG.debug("FastAGI session ended: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.warn("FastAGI session failed: {}", e.toString(), e);
      status = "FAILURE";
    }
    channel.finished(status);
  }

  /** One reply line, and whether the command hung the channel up. */
  record AgiReply(int code, String line, String result, boolean hangsUp) {
    static AgiReply ok(String line) {
      return new AgiReply(200, line, "Success", false);
    }
  }

  /** Executes one command against the channel (package-private for tests). */
  AgiReply execute(String line, AgiChannel channel) {
    int commandId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    channel.commandStarted(commandId, line);
    AgiReply reply;
    if (channel.isHungUp()) {
      reply =
          new AgiReply(
              511,
              "511 Command Not Permitted on a dead channel or intercept routine",
              "Command Not Permitted on a dead channel or intercept routine",
              false);
    } else {
      reply = dispatch(AgiCommandParser.split(line), channel);
    }
    channel.commandEnded(commandId, line, reply.code(), reply.result());
    return reply;
  }

  private AgiReply dispatch(List<String> w, AgiChannel channel) {
    String c0 = word(w, 0);
    String c1 = word(w, 1);
    switch (c0) {
      case "ANSWER":
        return AgiReply.ok("200 result=0");
      case "NOOP":
        return AgiReply.ok("200 result=0");
      case "VERBOSE":
        return AgiReply.ok("200 result=1");
      case "HANGUP":
        channel.hangup();
        return new AgiReply(200, "200 result=1", "Success", true);
      case "EXEC":
        return w.size() < 2 ? usage("EXEC <application> <options>") : AgiReply.ok("200 result=0");
      case "CHANNEL":
        return c1.equals("STATUS") ? AgiReply.ok("200 result=6") : unknown();
      case "WAIT":
        return c1.equals("FOR") && word(w, 2).equals("DIGIT") ? waitForDigit(channel) : unknown();
      case "STREAM":
        if (!c1.equals("FILE")) {
          return unknown();
        }
        return w.size() < 4
            ? usage("STREAM FILE <filename> <escape_digits> [sample offset]")
            : AgiReply.ok("200 result=0 endpos=8000");
      case "CONTROL":
        return AgiReply.ok("200 result=0");
      case "GET":
        return get(w, c1, channel);
      case "SAY":
        return w.size() < 3
            ? usage("SAY <what> <value> <escape_digits>")
            : AgiReply.ok("200 result=0");
      case "SET":
        return set(w, c1, channel);
      case "RECORD":
        return AgiReply.ok("200 result=0 (timeout) endpos=0");
      case "DATABASE":
        return AgiReply.ok("200 result=0");
      default:
        return unknown();
    }
  }

  private AgiReply get(List<String> w, String c1, AgiChannel channel) {
    switch (c1) {
      case "DATA" -> {
        if (w.size() < 3) {
          return usage("GET DATA <file to be streamed> [timeout] [max digits]");
        }
        String digits = channel.nextDigits(w.get(2));
        int max = w.size() > 4 ? parseInt(w.get(4), 1024) : 1024;
        if (digits.isEmpty()) {
          return AgiReply.ok("200 result= (timeout)");
        }
        return AgiReply.ok("200 result=" + digits.substring(0, Math.min(max, digits.length())));
      }
      case "OPTION" -> {
        if (w.size() < 4) {
          return usage("GET OPTION <filename> <escape_digits> [timeout]");
        }
        String digits = channel.nextDigits(w.get(2));
        if (!digits.isEmpty() && w.get(3).indexOf(digits.charAt(0)) >= 0) {
          return AgiReply.ok("200 result=" + (int) digits.charAt(0) + " endpos=8000");
        }
        return AgiReply.ok("200 result=0 endpos=8000");
      }
      case "VARIABLE" -> {
        if (w.size() < 3) {
          return usage("GET VARIABLE <variablename>");
        }
        return variable(channel.getVariable(w.get(2)));
      }
      case "FULL" -> {
        if (!word(w, 2).equals("VARIABLE") || w.size() < 4) {
          return usage("GET FULL VARIABLE <expression>");
        }
        String expr = w.get(3);
        if (expr.startsWith("${") && expr.endsWith("}")) {
          return variable(channel.getVariable(expr.substring(2, expr.length() - 1)));
        }
        return AgiReply.ok("200 result=1 (" + expr + ")");
      }
      default -> {
        return unknown();
      }
    }
  }

  private static AgiReply variable(String value) {
    return value == null
        ? AgiReply.ok("200 result=0")
        : AgiReply.ok("200 result=1 (" + value + ")");
  }

  private AgiReply set(List<String> w, String c1, AgiChannel channel) {
    switch (c1) {
      case "VARIABLE" -> {
        if (w.size() < 4) {
          return usage("SET VARIABLE <variablename> <value>");
        }
        channel.setVariable(w.get(2), w.get(3));
        return AgiReply.ok("200 result=1");
      }
      case "CALLERID" -> {
        return AgiReply.ok("200 result=1");
      }
      case "MUSIC", "CONTEXT", "EXTENSION", "PRIORITY", "AUTOHANGUP" -> {
        return AgiReply.ok("200 result=0");
      }
      default -> {
        return unknown();
      }
    }
  }

  private static AgiReply waitForDigit(AgiChannel channel) {
    String digits = channel.nextDigits("");
    if (digits.isEmpty()) {
      return AgiReply.ok("200 result=0");
    }
    return AgiReply.ok("200 result=" + (int) digits.charAt(0));
  }

  private static AgiReply unknown() {
    return new AgiReply(510, "510 Invalid or unknown command", "Invalid or unknown command", false);
  }

  private static AgiReply usage(String usage) {
    return new AgiReply(
        520,
        "520-Invalid command syntax.  Proper usage follows:\n Usage: "
            + usage
            + "\n520 End of proper usage.",
        "Usage",
        false);
  }

  private static String word(List<String> w, int i) {
    return i < w.size() ? w.get(i).toUpperCase(Locale.ROOT) : "";
  }

  private static int parseInt(String s, int fallback) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static void writeQuietly(Writer out, String text) {
    try {
      out.write(text);
      out.flush();
    } catch (IOException e) {
      LOG.debug("FastAGI HANGUP after close not delivered: {}", e.toString());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing FastAGI socket: {}", e.toString());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
