package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.TimeSource;
import dev.switchboard.server.security.TokenAuthenticator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request and stream handlers in an {@link EmbeddedChannel}, without sockets. */
class HttpRequestHandlerTest {

  private final FakeApiBackend backend = FakeApiBackend.standard();
  private final ApiDispatcher dispatcher =
      new ApiDispatcher(
          backend,
          HttpServer.jsonMapper(),
          new TokenAuthenticator(TestServer.TOKENS),
          new StaticResources(),
          false);
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new HttpRequestHandler(dispatcher, () -> 5_000L, Runnable::run));

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private static FullHttpRequest request(HttpMethod method, String uri, String token, String body) {
    FullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            method,
            uri,
            Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
    if (token != null) {
      r.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
    }
    return r;
  }

  private FullHttpResponse response() {
    FullHttpResponse r = channel.readOutbound();
    assertThat(r).isNotNull();
    return r;
  }

  @Test
  void shouldAnswerAnApiRequestAndKeepTheConnection() {
    channel.writeInbound(request(HttpMethod.GET, "/api/v1/queues", TestServer.WALLBOARD, null));

    FullHttpResponse r = response();
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("\"id\":\"sales\"");
    assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/json");
    assertThat(r.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
    assertThat(channel.isOpen()).isTrue();
    r.release();
  }

  @Test
  void shouldRunBlockingEndpointsOnTheGivenExecutor() {
    List<Runnable> queued = new ArrayList<>();
    EmbeddedChannel deferred =
        new EmbeddedChannel(new HttpRequestHandler(dispatcher, TimeSource.SYSTEM, queued::add));
    deferred.writeInbound(
        request(HttpMethod.POST, "/api/v1/config/reload", TestServer.ADMIN, null));

    assertThat((Object) deferred.readOutbound()).isNull();
    assertThat(queued).hasSize(1);
    queued.get(0).run();
    deferred.runPendingTasks();
    FullHttpResponse r = deferred.readOutbound();
    assertThat(r.status().code()).isEqualTo(200);
    r.release();
    deferred.finishAndReleaseAll();
  }

  @Test
  void shouldAnswer431AndCloseWhenTheDecoderFoundTheHeadTooLarge() {
    FullHttpRequest bad = request(HttpMethod.GET, "/bad-request", null, null);
    bad.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("too long")));

    channel.writeInbound(bad);

    FullHttpResponse r = response();
    assertThat(r.status().code()).isEqualTo(431);
    assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("headers-too-large");
    assertThat(channel.isOpen()).isFalse();
    r.release();
  }

  @Test
  void shouldRefuseAStreamUpgradeWithoutAReadingToken() {
    FullHttpRequest upgrade = request(HttpMethod.GET, "/api/v1/stream", null, null);
    upgrade.headers().set(HttpHeaderNames.UPGRADE, "websocket");
    channel.writeInbound(upgrade);
    FullHttpResponse r = response();
    assertThat(r.status().code()).isEqualTo(401);
    r.release();
  }

  @Test
  void shouldRefuseAStreamUpgradeForAnAgentToken() {
    FullHttpRequest upgrade = request(HttpMethod.GET, "/api/v1/stream", null, null);
    upgrade.headers().set(HttpHeaderNames.UPGRADE, "websocket");
    upgrade
        .headers()
        .set(
            HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL,
            "switchboard.v1, bearer." + TestServer.AGENT_A1);
    channel.writeInbound(upgrade);
    FullHttpResponse r = response();
    assertThat(r.status().code()).isEqualTo(403);
    r.release();
  }

  @Test
  void shouldPassAnAuthenticatedStreamUpgradeOnToTheHandshake() {
    FullHttpRequest upgrade =
        request(HttpMethod.GET, "/api/v1/stream?token=" + TestServer.WALLBOARD, null, null);
    upgrade.headers().set(HttpHeaderNames.UPGRADE, "websocket");

    channel.writeInbound(upgrade);

    FullHttpRequest passed = channel.readInbound();
    assertThat(passed.uri()).startsWith("/api/v1/stream");
    assertThat(channel.attr(HttpRequestHandler.PRINCIPAL).get().name()).isEqualTo("wall");
    passed.release();
  }

  @Test
  void shouldAnswer426ToAPlainRequestForTheStream() {
    channel.writeInbound(request(HttpMethod.GET, "/api/v1/stream", TestServer.WALLBOARD, null));
    FullHttpResponse r = response();
    assertThat(r.status().code()).isEqualTo(426);
    r.release();
  }

  /** Records what the frame handler tells its broadcaster. */
  static final class RecordingBroadcaster implements StreamBroadcaster {
    final List<String> calls = new ArrayList<>();

    @Override
    public void subscribe(Channel channel) {
      calls.add("subscribe");
    }

    @Override
    public void unsubscribe(Channel channel) {
      calls.add("unsubscribe");
    }

    @Override
    public void writable(Channel channel) {
      calls.add("writable");
    }
  }

  @Test
  void shouldSubscribeAfterTheHandshakeAndUnsubscribeOnClose() {
    RecordingBroadcaster broadcaster = new RecordingBroadcaster();
    EmbeddedChannel stream = new EmbeddedChannel(new StreamFrameHandler(broadcaster));

    stream
        .pipeline()
        .fireUserEventTriggered(
            new WebSocketServerProtocolHandler.HandshakeComplete(
                "/api/v1/stream", new DefaultHttpHeaders(), "switchboard.v1"));
    stream.pipeline().fireChannelWritabilityChanged();
    stream.close();

    assertThat(broadcaster.calls).containsExactly("subscribe", "writable", "unsubscribe");
  }
}
