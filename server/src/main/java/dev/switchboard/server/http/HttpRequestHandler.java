package dev.switchboard.server.http;

import dev.switchboard.router.api.TimeSource;
import dev.switchboard.server.security.Access;
import dev.switchboard.server.security.Principal;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each complete HTTP request into a response through the {@link ApiDispatcher}: requests the
 * decoder could not parse get 431 (head too large), 414 (line too long) or 400; the stream's
 * upgrade request is authenticated here and passed on to the WebSocket handshake; endpoints that
 * may block (configuration reload) run on a separate executor so the event loop keeps serving.
 * Sharable: it keeps no per-connection state.
 */
@ChannelHandler.Sharable
public final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  /** Who opened a stream connection. */
  public static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf("principal");

  /** The subprotocol the stream speaks; a client may offer {@code bearer.<token>} beside it. */
  public static final String SUBPROTOCOL = "switchboard.v1";

  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);
  private static final String BEARER_PROTOCOL = "bearer.";

  private final ApiDispatcher dispatcher;
  private final TimeSource clock;
  private final Executor blocking;

  public HttpRequestHandler(ApiDispatcher dispatcher, TimeSource clock, Executor blocking) {
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.blocking = blocking;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String remote = String.valueOf(ctx.channel().remoteAddress());
    if (request.decoderResult().isFailure()) {
      refuseUnparsed(ctx, request.decoderResult().cause(), remote);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = request.method().equals(HttpMethod.HEAD);
    String path = new QueryStringDecoder(request.uri()).rawPath();
    if (path.equals(ApiDispatcher.STREAM_PATH)) {
      openStream(ctx, request, remote);
      return;
    }
    byte[] body = ByteBufUtil.getBytes(request.content());
    ApiDispatcher.Resolution resolution =
        dispatcher.resolve(
            head ? HttpMethod.GET : request.method(),
            request.uri(),
            request.headers().get(HttpHeaderNames.AUTHORIZATION),
            body,
            clock.currentTimeMs(),
            remote);
    if (resolution instanceof ApiDispatcher.Resolution.Ready ready) {
      if (ready.route().blocking()) {
        CompletableFuture.supplyAsync(
                () -> dispatcher.run(ready.route(), ready.request(), remote), blocking)
            .whenComplete(
                (response, failure) ->
                    write(ctx, failed(response, failure, remote), keepAlive, head));
      } else {
        ApiResponse response;
        try {
          response = dispatcher.run(ready.route(), ready.request(), remote);
        } catch (RuntimeException e) {
          response = failed(null, e, remote);
        }
        write(ctx, response, keepAlive, head);
      }
    } else {
      write(ctx, ((ApiDispatcher.Resolution.Done) resolution).response(), keepAlive, head);
    }
  }

  private ApiResponse failed(ApiResponse response, Throwable failure, String remote) {
    if (failure == null) {
      return response;
    }
    LOG.error("request from {} failed inside the server", remote, failure);
    return dispatcher.error(
        HttpResponseStatus.INTERNAL_SERVER_ERROR,
        "internal-error",
        "the server failed; see its log");
  }

  private void openStream(ChannelHandlerContext ctx, FullHttpRequest request, String remote) {
    if (!request.method().equals(HttpMethod.GET)
        || !request.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
      LOG.info(
          "refused {} {} from {}: 426 upgrade-required",
          request.method(),
          ApiDispatcher.STREAM_PATH,
          remote);
      write(
          ctx,
          dispatcher
              .error(
                  HttpResponseStatus.UPGRADE_REQUIRED,
                  "upgrade-required",
                  "the stream is a WebSocket: send an Upgrade: websocket request")
              .withHeader("Upgrade", "websocket"),
          false,
          false);
      return;
    }
    String token = streamToken(request);
    Principal principal = token == null ? null : dispatcher.authenticate(token).orElse(null);
    if (principal == null) {
      LOG.info("refused stream from {}: 401 unauthorized", remote);
      write(
          ctx,
          dispatcher.error(
              HttpResponseStatus.UNAUTHORIZED,
              "unauthorized",
              "the stream needs a token (?token= or subprotocol bearer.<token>)"),
          false,
          false);
      return;
    }
    if (!Access.READ.allows(principal, "")) {
      LOG.info("refused stream from {}: 403 forbidden (token {})", remote, principal.name());
      write(
          ctx,
          dispatcher.error(
              HttpResponseStatus.FORBIDDEN,
              "forbidden",
              "role " + principal.role().jsonName() + " may not read the stream"),
          false,
          false);
      return;
    }
    ctx.channel().attr(PRINCIPAL).set(principal);
    ctx.fireChannelRead(request.retain());
  }

  private static String streamToken(FullHttpRequest request) {
    List<String> fromQuery = new QueryStringDecoder(request.uri()).parameters().get("token");
    if (fromQuery != null && !fromQuery.isEmpty()) {
      return fromQuery.get(0);
    }
    String protocols = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
    if (protocols != null) {
      for (String p : protocols.split(",")) {
        String trimmed = p.trim();
        if (trimmed.startsWith(BEARER_PROTOCOL)) {
          return trimmed.substring(BEARER_PROTOCOL.length());
        }
      }
    }
    return null;
  }

  private void refuseUnparsed(ChannelHandlerContext ctx, Throwable cause, String remote) {
    ApiResponse response;
    if (cause instanceof TooLongHttpHeaderException) {
      response =
          dispatcher.error(
              HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
              "headers-too-large",
              "the request head is larger than the server accepts");
    } else if (cause instanceof TooLongHttpLineException) {
      response =
          dispatcher.error(
              HttpResponseStatus.REQUEST_URI_TOO_LONG,
              "uri-too-long",
              "the request line is longer than the server accepts");
    } else if (cause instanceof TooLongFrameException) {
      response =
          dispatcher.error(
              HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
              "body-too-large",
              "the request is larger than the server accepts");
    } else {
      response =
          dispatcher.error(
              HttpResponseStatus.BAD_REQUEST, "bad-request", "the request is not valid HTTP");
    }
    LOG.info(
        "refused unparsable request from {}: {} ({})",
        remote,
        response.status().code(),
        cause.getMessage());
    write(ctx, response, false, false);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      // An HTTP connection that sends nothing for a while (or sends a head very slowly) is closed.
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.info("closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  /** Writes a response with the headers every response carries, closing if it must. */
  static void write(
      ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive, boolean head) {
    FullHttpResponse out =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            response.status(),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
    out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
    out.headers().set("X-Content-Type-Options", "nosniff");
    out.headers().set("Referrer-Policy", "no-referrer");
    out.headers().set("X-Frame-Options", "DENY");
    out.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      out.headers().set(h.getKey(), h.getValue());
    }
    if (keepAlive) {
      out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(out);
    } else {
      out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
