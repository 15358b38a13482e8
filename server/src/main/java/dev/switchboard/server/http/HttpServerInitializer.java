package dev.switchboard.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of one connection: TLS (when configured), HTTP codec with head limits, an idle
 * timeout, the body aggregator with its limit (413 in the API's error shape), the request handler,
 * then the WebSocket handshake and the stream's frame handler.
 */
public final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServerInitializer.class);

  /** Longest request line (method, target, version). */
  static final int MAX_INITIAL_LINE_BYTES = 4096;

  /** HTTP connections idle this long are closed (stream connections are exempt). */
  static final int IDLE_SECONDS = 60;

  private final HttpConfiguration configuration;
  private final SslContext ssl;
  private final HttpRequestHandler requests;
  private final StreamBroadcaster broadcaster;
  private final ApiDispatcher dispatcher;

  public HttpServerInitializer(
      HttpConfiguration configuration,
      SslContext ssl,
      HttpRequestHandler requests,
      ApiDispatcher dispatcher,
      StreamBroadcaster broadcaster) {
    this.configuration = configuration;
    this.ssl = ssl;
    this.requests = requests;
    this.dispatcher = dispatcher;
    this.broadcaster = broadcaster;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast("ssl", ssl.newHandler(ch.alloc()));
    }
    p.addLast(
        "http",
        new HttpServerCodec(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(configuration.maxHeaderBytes())
                .setMaxChunkSize(8192)));
    p.addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS));
    p.addLast("aggregator", new LimitedAggregator(configuration.maxBodyBytes(), dispatcher));
    p.addLast("requests", requests);
    p.addLast(
        "websocket",
        new WebSocketServerProtocolHandler(
            WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(ApiDispatcher.STREAM_PATH)
                .checkStartsWith(true)
                .subprotocols(HttpRequestHandler.SUBPROTOCOL)
                .maxFramePayloadLength(4096)
                .handshakeTimeoutMillis(10_000)
                .build()));
    p.addLast("stream", new StreamFrameHandler(broadcaster));
  }

  /** The body aggregator, answering an oversized body in the API's error shape. */
  static final class LimitedAggregator extends HttpObjectAggregator {
    private final ApiDispatcher dispatcher;

    LimitedAggregator(int maxContentLength, ApiDispatcher dispatcher) {
      super(maxContentLength);
      this.dispatcher = dispatcher;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      LOG.info(
          "refused request from {}: 413 body-too-large ({} {})",
          ctx.channel().remoteAddress(),
          oversized instanceof io.netty.handler.codec.http.HttpRequest r ? r.method() : "",
          oversized instanceof io.netty.handler.codec.http.HttpRequest r
              // The path only: a query may carry a token.
              ? new io.netty.handler.codec.http.QueryStringDecoder(r.uri()).rawPath()
              : "");
      if (oversized instanceof FullHttpMessage full) {
        full.release();
      }
      HttpRequestHandler.write(
          ctx,
          dispatcher.error(
              HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
              "body-too-large",
              "the body is larger than " + maxContentLength() + " bytes"),
          false,
          false);
    }
  }
}
