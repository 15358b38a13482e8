package dev.switchboard.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.server.http.HttpConfiguration;
import dev.switchboard.server.http.HttpServer;
import dev.switchboard.server.security.ApiToken;
import dev.switchboard.server.security.Role;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Wallboard stream fan-out: N WebSocket clients (Netty) on loopback subscribe to a real {@link
 * HttpServer}; the benchmark changes one figure at random moments and every client records the time
 * from the change to the frame that carries it (HdrHistogram). The figure includes the wait for the
 * next stream tick (uniform in [0, streamIntervalMs)) by design: that is what a wallboard sees.
 *
 * <p>Run: {@code java -cp <bench classpath> dev.switchboard.bench.http.WallboardStreamBench
 * [clients=1000] [intervalMs=500] [seconds=60] [agents=200]}
 */
public final class WallboardStreamBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "bench-wallboard-token";

  private WallboardStreamBench() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long intervalMs = args.length > 1 ? Long.parseLong(args[1]) : 500;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int agents = args.length > 3 ? Integer.parseInt(args[3]) : 200;

    BenchApiBackend backend = new BenchApiBackend(20, agents);
    HttpConfiguration configuration =
        HttpConfiguration.defaults(List.of(ApiToken.forSecret("bench", Role.WALLBOARD, TOKEN, "")))
            .withListen("127.0.0.1", 0)
            .withStream(intervalMs, HttpConfiguration.DEFAULT_STREAM_MAX_PENDING_BYTES);
    Recorder recorder = new Recorder(3);
    AtomicInteger snapshots = new AtomicInteger();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try (HttpServer server = new HttpServer(configuration, backend, TimeSource.SYSTEM)) {
      server.start();
      URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/stream?token=" + TOKEN);
      List<Channel> channels = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        channels.add(connect(group, uri, backend, recorder, snapshots));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (snapshots.get() < clients && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      System.out.printf(
          "connected %d/%d clients, server subscribers %d%n",
          snapshots.get(), clients, server.stream().subscriberCount());

      // Warm-up: changes whose latencies are thrown away.
      changeFor(backend, 10, intervalMs);
      recorder.getIntervalHistogram();

      changeFor(backend, seconds, intervalMs);
      TimeUnit.MILLISECONDS.sleep(3 * intervalMs);
      Histogram h = recorder.getIntervalHistogram();
      System.out.printf(
          "clients=%d intervalMs=%d agents=%d samples=%d deltasDropped=%d%n",
          clients, intervalMs, agents, h.getTotalCount(), server.stream().deltasDropped());
      System.out.printf(
          "change->frame latency ms: p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f mean=%.1f%n",
          h.getValueAtPercentile(50) / 1e6,
          h.getValueAtPercentile(90) / 1e6,
          h.getValueAtPercentile(99) / 1e6,
          h.getValueAtPercentile(99.9) / 1e6,
          h.getMaxValue() / 1e6,
          h.getMean() / 1e6);
      channels.forEach(Channel::close);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Changes the marker at random moments (0.5–1.5 stream intervals apart) for a while. */
  private static void changeFor(BenchApiBackend backend, int seconds, long intervalMs)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      backend.change();
      long pauseMs = intervalMs / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, intervalMs));
      // A benchmark's open-loop pacing, not a test synchronisation.
      TimeUnit.MILLISECONDS.sleep(pauseMs);
    }
  }

  private static Channel connect(
      EventLoopGroup group,
      URI uri,
      BenchApiBackend backend,
      Recorder recorder,
      AtomicInteger snapshots)
      throws InterruptedException {
    WebSocketClientProtocolHandler ws =
        new WebSocketClientProtocolHandler(
            WebSocketClientHandshakerFactory.newHandshaker(
                uri,
                WebSocketVersion.V13,
                "switchboard.v1",
                false,
                new DefaultHttpHeaders(),
                16 * 1024 * 1024));
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(new HttpClientCodec())
                    .addLast(new HttpObjectAggregator(16 * 1024 * 1024))
                    .addLast(ws)
                    .addLast(new FrameTimer(backend, recorder, snapshots));
              }
            })
        .connect(uri.getHost(), uri.getPort())
        .sync()
        .channel();
  }

  /** One client's receiver: records change → frame time for each new marker value it sees. */
  private static final class FrameTimer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final BenchApiBackend backend;
    private final Recorder recorder;
    private final AtomicInteger snapshots;
    private long lastMarker = -1;

    FrameTimer(BenchApiBackend backend, Recorder recorder, AtomicInteger snapshots) {
      this.backend = backend;
      this.recorder = recorder;
      this.snapshots = snapshots;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
        throws Exception {
      long receivedAt = System.nanoTime();
      JsonNode node =
          JSON.readTree(frame.content().toString(java.nio.charset.StandardCharsets.UTF_8));
      boolean snapshot = node.path("type").asText().equals("snapshot");
      for (JsonNode q : node.path("queues")) {
        if (q.path("id").asText().equals("q0")) {
          long marker = q.path("offered").asLong();
          if (!snapshot && marker != lastMarker) {
            Long changed = backend.changedAtNanos.get(marker);
            if (changed != null) {
              recorder.recordValue(Math.max(0, receivedAt - changed));
            }
          }
          lastMarker = marker;
        }
      }
      if (snapshot) {
        snapshots.incrementAndGet();
      }
    }
  }
}
