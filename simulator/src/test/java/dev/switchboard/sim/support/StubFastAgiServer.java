package dev.switchboard.sim.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A plain-socket FastAGI server for tests: records each session's environment and the replies to
 * the commands a script function chooses, then closes its side and records what Asterisk (the
 * simulator) still wrote (the trailing HANGUP).
 */
public final class StubFastAgiServer implements AutoCloseable {

  /** One recorded session. */
  public static final class Session {
    public final List<String> environment = new ArrayList<>();
    public final List<String> replies = new ArrayList<>();
    public final List<String> afterClose = new ArrayList<>();
    public volatile boolean done;
  }

  /** Sends a command and returns the reply line (multi-line 520 replies are joined). */
  public interface Io {
    String command(String line) throws IOException;
  }

  private final ServerSocket server;
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final Function<List<String>, ScriptBody> scripts;

  /** What a script does with an open session. */
  public interface ScriptBody {
    void run(Io io) throws IOException;
  }

  public StubFastAgiServer(Function<List<String>, ScriptBody> scripts) throws IOException {
    this.scripts = scripts;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "stub-fastagi");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Session> sessions() {
    return sessions;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "stub-fastagi-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    Session session = new Session();
    sessions.add(session);
    try (s) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        session.environment.add(line);
      }
      scripts
          .apply(session.environment)
          .run(
              cmd -> {
                out.write(cmd + "\n");
                out.flush();
                String reply = in.readLine();
                if (reply != null && reply.startsWith("520-")) {
                  StringBuilder sb = new StringBuilder(reply);
                  String more;
                  while ((more = in.readLine()) != null) {
                    sb.append('\n').append(more);
                    if (more.startsWith("520 ")) {
                      break;
                    }
                  }
                  reply = sb.toString();
                }
                session.replies.add(reply);
                return reply;
              });
      s.shutdownOutput();
      String rest;
      while ((rest = in.readLine()) != null) {
        session.afterClose.add(rest);
      }
    } catch (IOException e) {
      session.afterClose.add("<io error " + e + ">");
    }
    session.done = true;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
