package dev.switchboard.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.router.api.TimeSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's owner thread: every {@code streamIntervalMs} it reads the statistics snapshot once,
 * computes the delta from the previous one ({@link SnapshotDiff}), encodes it once and writes the
 * same bytes to every subscribed client.
 *
 * <p>Subscriptions, catch-ups and ticks all run on this one thread, so each client sees a snapshot
 * and then exactly the deltas that follow it, in order. A slow client never holds anyone up: writes
 * are asynchronous, and a client that is congested is skipped and marked stale; its deltas are
 * dropped and, once it has caught up, it gets one fresh snapshot instead. Congested means its
 * outbound buffer is over its byte limit ({@code !isWritable()}) or it still has {@value
 * #MAX_FRAMES_IN_FLIGHT} frames not yet handed to its socket: deltas are small, so a byte limit
 * alone would let a slow client queue thousands of them and see the wallboard minutes late. What
 * one client can hold on the server is bounded by the high-water mark plus one snapshot.
 */
public final class StreamAgent implements StreamBroadcaster, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamAgent.class);

  private final ApiBackend backend;
  private final ObjectMapper json;
  private final TimeSource clock;
  private final long intervalMs;
  private final ScheduledExecutorService thread;
  private final Map<Channel, Subscriber> subscribers = new IdentityHashMap<>();
  private final AtomicLong framesSent = new AtomicLong();
  private final AtomicLong deltasDropped = new AtomicLong();
  private final AtomicLong snapshotsSent = new AtomicLong();
  private volatile int subscriberCount;

  private ObjectNode last;
  private long seq;
  private String lastFailure = "";

  /** Frames written to a client and not yet handed to its socket, beyond which it is skipped. */
  static final int MAX_FRAMES_IN_FLIGHT = 2;

  private static final class Subscriber {
    /** Stream thread only: deltas were dropped, the next frame must be a snapshot. */
    boolean stale;

    /** Decremented on the channel's event loop when a write completes. */
    final AtomicInteger inFlight = new AtomicInteger();

    boolean congested(Channel channel) {
      return !channel.isWritable() || inFlight.get() >= MAX_FRAMES_IN_FLIGHT;
    }
  }

  public StreamAgent(ApiBackend backend, ObjectMapper json, TimeSource clock, long intervalMs) {
    this.backend = backend;
    this.json = json;
    this.clock = clock;
    this.intervalMs = intervalMs;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-stream");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the periodic updates. */
  public void start() {
    thread.scheduleWithFixedDelay(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void subscribe(Channel channel) {
    onStreamThread(
        () -> {
          if (!channel.isActive()) {
            return;
          }
          if (last == null) {
            last = current();
          }
          Subscriber s = new Subscriber();
          subscribers.put(channel, s);
          subscriberCount = subscribers.size();
          sendSnapshot(channel, s);
        });
  }

  @Override
  public void unsubscribe(Channel channel) {
    onStreamThread(
        () -> {
          subscribers.remove(channel);
          subscriberCount = subscribers.size();
        });
  }

  @Override
  public void writable(Channel channel) {
    onStreamThread(
        () -> {
          Subscriber s = subscribers.get(channel);
          if (s != null && s.stale && !s.congested(channel)) {
            s.stale = false;
            sendSnapshot(channel, s);
          }
        });
  }

  private void onStreamThread(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      // The server is stopping: its connections are closing too, nothing is left to tell.
      LOG.debug("stream stopped; dropped a subscription change");
    }
  }

  /** Clients subscribed now. */
  public int subscriberCount() {
    return subscriberCount;
  }

  /** Frames written so far (snapshots and deltas). */
  public long framesSent() {
    return framesSent.get();
  }

  /** Deltas not written because their client was over its outbound limit. */
  public long deltasDropped() {
    return deltasDropped.get();
  }

  /** Snapshots written (on subscribe and on catch-up). */
  public long snapshotsSent() {
    return snapshotsSent.get();
  }

  private void tick() {
    try {
      ObjectNode current = current();
      ObjectNode delta = last == null ? null : SnapshotDiff.delta(last, current, seq + 1);
      if (last == null || delta != null) {
        seq++;
      }
      last = current;
      if (delta == null || subscribers.isEmpty()) {
        catchUpStale();
        return;
      }
      ByteBuf bytes = Unpooled.wrappedBuffer(json.writeValueAsBytes(delta));
      try {
        Iterator<Map.Entry<Channel, Subscriber>> it = subscribers.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<Channel, Subscriber> e = it.next();
          Channel channel = e.getKey();
          Subscriber s = e.getValue();
          if (!channel.isActive()) {
            it.remove();
          } else if (s.congested(channel)) {
            s.stale = true;
            deltasDropped.incrementAndGet();
          } else if (s.stale) {
            s.stale = false;
            sendSnapshot(channel, s);
          } else {
            write(channel, s, bytes.retainedDuplicate());
          }
        }
        subscriberCount = subscribers.size();
      } finally {
        bytes.release();
      }
      lastFailure = "";
    } catch (RuntimeException | JsonProcessingException e) {
      // A failing statistics read must not end the schedule; log each new failure once.
      if (!String.valueOf(e).equals(lastFailure)) {
        lastFailure = String.valueOf(e);
        LOG.warn("stream update failed; clients keep their last state", e);
      }
    }
  }

  private void catchUpStale() {
    for (Map.Entry<Channel, Subscriber> e : subscribers.entrySet()) {
      Subscriber s = e.getValue();
      if (s.stale && !s.congested(e.getKey())) {
        s.stale = false;
        sendSnapshot(e.getKey(), s);
      }
    }
  }

  private void write(Channel channel, Subscriber s, ByteBuf content) {
    s.inFlight.incrementAndGet();
    channel
        .writeAndFlush(new TextWebSocketFrame(content))
        .addListener(done -> s.inFlight.decrementAndGet());
    framesSent.incrementAndGet();
  }

  private void sendSnapshot(Channel channel, Subscriber s) {
    ObjectNode frame = last.deepCopy();
    frame.put("type", "snapshot");
    frame.put("seq", seq);
    try {
      write(channel, s, Unpooled.wrappedBuffer(json.writeValueAsBytes(frame)));
      snapshotsSent.incrementAndGet();
    } catch (JsonProcessingException e) {
      LOG.warn("could not encode a stream snapshot", e);
    }
  }

  /** The snapshot as the stream sends it: every section an array, plus the announcements. */
  private ObjectNode current() {
    long nowMs = clock.currentTimeMs();
    JsonNode tree = json.valueToTree(backend.snapshot(nowMs));
    ObjectNode out = json.createObjectNode();
    out.put("timeMs", tree.path("timeMs").asLong(nowMs));
    for (String section : SnapshotDiff.SECTIONS) {
      JsonNode items = tree.get(section);
      out.set(section, items != null && items.isArray() ? items : json.createArrayNode());
    }
    out.set("announcements", json.valueToTree(backend.announcements()));
    return out;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
