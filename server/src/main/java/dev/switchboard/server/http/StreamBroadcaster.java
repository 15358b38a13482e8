package dev.switchboard.server.http;

import io.netty.channel.Channel;

/**
 * Where the stream's frame handler hands its WebSocket channels. Injected into every connection's
 * handler (no static channel group), so a test can count what a handler subscribes.
 */
public interface StreamBroadcaster {

  /** A client finished its handshake: send it a snapshot, then deltas. */
  void subscribe(Channel channel);

  /** The client left. */
  void unsubscribe(Channel channel);

  /** The client's outbound buffer drained below its limit: catch it up with a fresh snapshot. */
  void writable(Channel channel);
}
