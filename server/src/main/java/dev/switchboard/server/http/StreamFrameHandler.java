package dev.switchboard.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * One stream connection after its handshake: subscribes it to the broadcaster, tells the
 * broadcaster when the client catches up, unsubscribes it when it leaves. Clients have nothing to
 * say on the stream; their text frames are ignored (pings and closes are answered by Netty's
 * protocol handler).
 */
public final class StreamFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private final StreamBroadcaster broadcaster;

  public StreamFrameHandler(StreamBroadcaster broadcaster) {
    this.broadcaster = broadcaster;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      // A stream client only listens: the HTTP idle timeout would close it.
      if (ctx.pipeline().get(IdleStateHandler.class) != null) {
        ctx.pipeline().remove(IdleStateHandler.class);
      }
      broadcaster.subscribe(ctx.channel());
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().isWritable()) {
      broadcaster.writable(ctx.channel());
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    broadcaster.unsubscribe(ctx.channel());
    super.channelInactive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    // The stream is one-way: what a client sends is dropped (and released by the superclass).
  }
}
