package dev.switchboard.cti;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.LongAdder;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Counts what asterisk-java cannot tell its listeners about: event frames on the wire (so frames of
 * unknown types, which asterisk-java drops, show up as a difference) and garbage lines (no {@code
 * Name: value} shape), which it skips silently. Lines are passed through untouched.
 */
final class CountingSocketConnection implements SocketConnectionFacade {
  private final SocketConnectionFacade delegate;
  private final LongAdder wireEvents;
  private final LongAdder garbageLines;
  private final CtiMetrics metrics;
  private boolean inCommandOutput;

  CountingSocketConnection(SocketConnectionFacade delegate, CtiMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
    this.wireEvents = metrics.wireEvents;
    this.garbageLines = metrics.eventsMalformed;
  }

  @Override
  public String readLine() throws IOException {
    String line = delegate.readLine();
    if (line != null) {
      classify(line);
    }
    return line;
  }

  private void classify(String line) {
    if (line.isEmpty()) {
      inCommandOutput = false;
      metrics.lastReadNanos = System.nanoTime();
      return;
    }
    if (regionMatches(line, "Event:")) {
      wireEvents.increment();
      return;
    }
    if (regionMatches(line, "Response: Follows")) {
      inCommandOutput = true;
      return;
    }
    if (inCommandOutput || line.indexOf(':') > 0 || line.contains("Call Manager")) {
      return;
    }
    garbageLines.increment();
  }

  private static boolean regionMatches(String line, String prefix) {
    return line.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  @Override
  public void write(String s) throws IOException {
    delegate.write(s);
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public boolean isConnected() {
    return delegate.isConnected();
  }

  @Override
  public InetAddress getLocalAddress() {
    return delegate.getLocalAddress();
  }

  @Override
  public int getLocalPort() {
    return delegate.getLocalPort();
  }

  @Override
  public InetAddress getRemoteAddress() {
    return delegate.getRemoteAddress();
  }

  @Override
  public int getRemotePort() {
    return delegate.getRemotePort();
  }
}
