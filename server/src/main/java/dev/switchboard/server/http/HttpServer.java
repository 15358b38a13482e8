package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.server.security.TokenAuthenticator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: REST API, WebSocket stream, wallboard and console pages, metrics, health. Owns
 * its event loops (one boss, {@code workerThreads} workers), the stream thread and a small executor
 * for endpoints that may block. Binds {@code 127.0.0.1} unless configured otherwise.
 *
 * <pre>{@code
 * try (HttpServer server = new HttpServer(configuration, backend, TimeSource.SYSTEM)) {
 *   server.start();
 *   int port = server.port();
 * }
 * }</pre>
 */
public final class HttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final HttpConfiguration configuration;
  private final ApiBackend backend;
  private final TimeSource clock;
  private final ObjectMapper json;
  private final int workerThreads;
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private ExecutorService blocking;
  private StreamAgent stream;
  private Channel serverChannel;

  /** A server with two worker threads (the machine it is sized for has few cores). */
  public HttpServer(HttpConfiguration configuration, ApiBackend backend, TimeSource clock) {
    this(configuration, backend, clock, 2);
  }

  public HttpServer(
      HttpConfiguration configuration, ApiBackend backend, TimeSource clock, int workerThreads) {
    this.configuration = configuration;
    this.backend = backend;
    this.clock = clock;
    this.workerThreads = workerThreads;
    this.json = jsonMapper();
  }

  /** The mapper responses are written with: records as they are, {@code Optional} unwrapped. */
  public static ObjectMapper jsonMapper() {
    return new ObjectMapper()
        .registerModule(new Jdk8Module())
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  /**
   * Binds and starts serving.
   *
   * @throws IllegalStateException when the port cannot be bound or TLS files cannot be read
   */
  public synchronized void start() {
    SslContext ssl = sslContext();
    boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    workers = new MultiThreadIoEventLoopGroup(workerThreads, NioIoHandler.newFactory());
    blocking =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-http-blocking");
              t.setDaemon(true);
              return t;
            });
    stream = new StreamAgent(backend, json, clock, configuration.streamIntervalMs());
    ApiDispatcher dispatcher =
        new ApiDispatcher(
            backend,
            json,
            new TokenAuthenticator(configuration.tokens()),
            new StaticResources(),
            configuration.metricsPublic());
    HttpRequestHandler requests = new HttpRequestHandler(dispatcher, clock, blocking);
    int high = configuration.streamMaxPendingBytes();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
            .childHandler(
                new HttpServerInitializer(configuration, ssl, requests, dispatcher, stream));
    try {
      serverChannel =
          bootstrap
              .bind(new InetSocketAddress(configuration.bindAddress(), configuration.port()))
              .sync()
              .channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while binding the HTTP server", e);
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException(
          "could not listen on "
              + configuration.bindAddress()
              + ":"
              + configuration.port()
              + ": "
              + e.getMessage(),
          e);
    }
    stream.start();
    LOG.info(
        "HTTP server listening on {}://{}:{} (stream every {} ms)",
        ssl == null ? "http" : "https",
        configuration.bindAddress(),
        port(),
        configuration.streamIntervalMs());
  }

  private SslContext sslContext() {
    HttpConfiguration.Tls tls = configuration.tls();
    if (tls == null) {
      return null;
    }
    try {
      return SslContextBuilder.forServer(new File(tls.certPath()), new File(tls.keyPath())).build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "tls: cannot use certificate "
              + tls.certPath()
              + " and key "
              + tls.keyPath()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The port bound (the configured one, or the ephemeral one chosen for port 0). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** The stream's owner (subscriber count and drop counters, for tests and metrics). */
  public StreamAgent stream() {
    return stream;
  }

  @Override
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
      serverChannel = null;
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (workers != null) {
      workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (stream != null) {
      stream.close();
    }
    if (blocking != null) {
      blocking.shutdownNow();
    }
  }
}
