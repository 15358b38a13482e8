package dev.switchboard.cti;

import static dev.switchboard.cti.RouterEvents.PBX;

import dev.switchboard.router.api.TimeSource;
import java.util.List;
import java.util.SplittableRandom;

/** What the socket ITs repeat: an adapter on one fake PBX, the agents it knows, tearing down. */
final class FakePbxFixture {
  private FakePbxFixture() {}

  /**
   * An adapter (not started) with one link to {@code server} as {@link RouterEvents#PBX}, its
   * reconnect back-off between {@code reconnectMinMs} and {@code reconnectMaxMs}, jitter seeded.
   */
  static CtiAdapter adapter(
      FakeAmiServer server,
      RecordingPublisher router,
      long reconnectMinMs,
      long reconnectMaxMs,
      long seed) {
    return new CtiAdapter(
        List.of(
            PbxConfiguration.defaults(PBX, "127.0.0.1", server.port(), "router", "secret")
                .withReconnect(reconnectMinMs, reconnectMaxMs)),
        router,
        TimeSource.SYSTEM,
        new SplittableRandom(seed));
  }

  /** Tells the adapter of the recordings' agents a01…a{count} on devices agent01…. */
  static void announceAgents(CtiAdapter adapter, int count) {
    for (int i = 1; i <= count; i++) {
      String n = String.format("%02d", i);
      adapter.onEvent(RouterEvents.agent("a" + n, "agent" + n), false);
    }
  }

  /** Closes the adapter, then the server; either may be null (a test that never started). */
  static void close(CtiAdapter adapter, FakeAmiServer server) throws Exception {
    if (adapter != null) {
      adapter.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
