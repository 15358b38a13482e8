package dev.switchboard.ivr.agi;

import dev.switchboard.ivr.agi.AgiSessionEnded.Reason;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.fastagi.command.AgiCommand;

/**
 * One FastAGI socket: reads the environment, sends commands (built with asterisk-java's command
 * classes) and reads their replies. Lines are bounded so that garbage without line ends cannot grow
 * memory; every failure becomes an {@link AgiSessionEnded}.
 */
public final class AgiConnection {

  /** Longest line accepted from Asterisk. */
  public static final int MAX_LINE_BYTES = 8192;

  /** Most environment lines accepted (Asterisk sends about 25 plus the script arguments). */
  public static final int MAX_ENVIRONMENT_LINES = 256;

  /** How long Asterisk may take to send the environment: it sends it at once on connect. */
  public static final int ENVIRONMENT_TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final int replyTimeoutMs;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

  /** Wraps a connected socket; {@code replyTimeoutMs} bounds every wait for a line. */
  public AgiConnection(Socket socket, long replyTimeoutMs) throws IOException {
    this.socket = socket;
    this.replyTimeoutMs = (int) Math.min(Integer.MAX_VALUE, replyTimeoutMs);
    socket.setSoTimeout(Math.min(ENVIRONMENT_TIMEOUT_MS, this.replyTimeoutMs));
    socket.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream(), 1024);
    this.out = socket.getOutputStream();
  }

  /** Reads the environment block up to its empty line. */
  public Map<String, String> readEnvironment() throws AgiSessionEnded {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i <= MAX_ENVIRONMENT_LINES; i++) {
      String l = readLine();
      if (l.isEmpty()) {
        setTimeout(replyTimeoutMs);
        return env;
      }
      Optional<Map.Entry<String, String>> entry = AgiCodec.parseEnvironmentLine(l);
      if (entry.isEmpty()) {
        throw new AgiSessionEnded(Reason.PROTOCOL_ERROR, "not an AGI environment line: " + clip(l));
      }
      env.putIfAbsent(entry.get().getKey(), entry.get().getValue());
    }
    throw new AgiSessionEnded(
        Reason.PROTOCOL_ERROR, "environment longer than " + MAX_ENVIRONMENT_LINES + " lines");
  }

  /**
   * Sends a command and returns its 200 reply. {@code HANGUP}, {@code result=-1} when {@code
   * hangupOnMinusOne}, an error status or an unreadable line end the session.
   */
  public AgiReply execute(AgiCommand command, boolean hangupOnMinusOne) throws AgiSessionEnded {
    String text = command.buildCommand();
    try {
      out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new AgiSessionEnded(Reason.CONNECTION_CLOSED, "write failed: " + e.getMessage());
    }
    String l = readLine();
    if (l.equals("HANGUP")) {
      throw new AgiSessionEnded(Reason.CALLER_HANGUP, "caller hung up during " + verb(text));
    }
    AgiReply reply =
        AgiCodec.parseReply(l)
            .orElseThrow(
                () ->
                    new AgiSessionEnded(
                        Reason.PROTOCOL_ERROR,
                        "not an AGI reply to " + verb(text) + ": " + clip(l)));
    if (reply.continued()) {
      skipContinuation(reply.status());
    }
    if (!reply.success()) {
      Reason reason =
          reply.status() == AgiReply.DEAD_CHANNEL ? Reason.CALLER_HANGUP : Reason.COMMAND_FAILED;
      throw new AgiSessionEnded(reason, verb(text) + " failed: " + clip(l));
    }
    if (hangupOnMinusOne && reply.failedResult()) {
      throw new AgiSessionEnded(Reason.CALLER_HANGUP, verb(text) + " returned -1 (hung up)");
    }
    return reply;
  }

  /** A 520 usage text runs until the line with the same status and a space. */
  private void skipContinuation(int status) throws AgiSessionEnded {
    String end = status + " ";
    for (int i = 0; i < MAX_ENVIRONMENT_LINES; i++) {
      if (readLine().startsWith(end)) {
        return;
      }
    }
    throw new AgiSessionEnded(Reason.PROTOCOL_ERROR, "endless multi-line reply " + status);
  }

  private String readLine() throws AgiSessionEnded {
    line.reset();
    try {
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new AgiSessionEnded(Reason.CONNECTION_CLOSED, "connection closed by the PBX");
        }
        if (b == '\n') {
          break;
        }
        if (line.size() >= MAX_LINE_BYTES) {
          throw new AgiSessionEnded(
              Reason.PROTOCOL_ERROR, "line longer than " + MAX_LINE_BYTES + " bytes");
        }
        line.write(b);
      }
    } catch (SocketTimeoutException e) {
      throw new AgiSessionEnded(Reason.TIMEOUT, "no data from the PBX in time");
    } catch (IOException e) {
      throw new AgiSessionEnded(Reason.CONNECTION_CLOSED, "read failed: " + e.getMessage());
    }
    String s = line.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static String verb(String command) {
    int space = command.indexOf(' ', command.indexOf(' ') + 1);
    return space < 0 ? command : command.substring(0, space);
  }

  private static String clip(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
  }

  private void setTimeout(int ms) throws AgiSessionEnded {
    try {
      socket.setSoTimeout(ms);
    } catch (IOException e) {
      throw new AgiSessionEnded(Reason.CONNECTION_CLOSED, "socket unusable: " + e.getMessage());
    }
  }

  /** Closes the socket (idempotent). */
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to do with a socket that will not close.
    }
  }
}
