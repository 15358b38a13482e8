package dev.switchboard.cti;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.TimeSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner thread of one PBX link: connects and logs in, resynchronises, sends the queued AMI
 * actions, keeps the link alive with pings, and reconnects with back-off when it drops.
 *
 * <p>Other threads only enqueue work ({@link #enqueue}) and wake it; every use of the asterisk-java
 * connection object happens here, so sends never race a reconnect. The loop reads the clock once
 * per turn and parks until woken or until its next deadline.
 */
final class AmiLinkAgent implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AmiLinkAgent.class);
  private static final long RESPONSE_TIMEOUT_MS = 3_000;
  private static final long PING_INTERVAL_MS = 10_000;
  private static final long IDLE_PARK_MS = 100;
  private static final String EVENT_MASK = "call,user";
  private static final int MAX_HELD_ACTIONS = 10_000;

  private final PbxConfiguration pbx;
  private final CallTracker tracker;
  private final CtiMetrics metrics;
  private final CommandSink sink;
  private final AmiEventAdapter events;
  private final TimeSource clock;
  private final BackoffPolicy backoff;
  private final ConcurrentLinkedQueue<PlannedAction> queue = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<PlannedAction> heldWhileDown = new ArrayDeque<>();
  private final AtomicLong reconnects = new AtomicLong();

  private volatile Thread thread;
  private volatile boolean running;
  private volatile boolean dropped;
  private volatile LinkState state = LinkState.CONNECTING;
  private volatile long sinceMs;

  // Owned by the link thread.
  private volatile CountingManagerConnection connection;
  private int failures;
  private long nextAttemptMs;
  private long lastPingMs;
  private long lastUpMs;
  private boolean attempted;
  private boolean downPublished;

  AmiLinkAgent(
      PbxConfiguration pbx,
      dev.switchboard.router.api.CommandPublisher publisher,
      TimeSource clock,
      RandomGenerator random) {
    this.pbx = pbx;
    this.clock = clock;
    this.tracker = new CallTracker(pbx.id());
    this.metrics = new CtiMetrics();
    this.sink = new CommandSink(pbx.id(), publisher, metrics, this::wake);
    this.events = new AmiEventAdapter(tracker, sink, metrics);
    this.backoff = new BackoffPolicy(pbx.reconnectMinMs(), pbx.reconnectMaxMs(), random);
    this.sinceMs = clock.currentTimeMs();
  }

  CallTracker tracker() {
    return tracker;
  }

  CommandSink sink() {
    return sink;
  }

  PbxConfiguration pbx() {
    return pbx;
  }

  PbxLinkStatus status() {
    return new PbxLinkStatus(pbx.id(), state, sinceMs, reconnects.get(), metrics.snapshot());
  }

  CtiCounters counters() {
    return metrics.snapshot();
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this, "cti-link-" + pbx.id());
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues an action for the link thread; never blocks. */
  void enqueue(PlannedAction action) {
    queue.add(action);
    wake();
  }

  void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  void close() {
    running = false;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void onDisconnect() {
    dropped = true;
    wake();
  }

  @Override
  public void run() {
    try {
      while (running) {
        long now = clock.currentTimeMs();
        long parkMs = IDLE_PARK_MS;
        if (state == LinkState.UP && dropped) {
          linkDropped(now);
        }
        if (state != LinkState.UP) {
          if (state == LinkState.DOWN) {
            // Before the first attempt (CONNECTING) offers wait: the link may be up in a moment.
            failOffersWhileDown();
          }
          if (now >= nextAttemptMs) {
            connectAndResync();
            continue;
          }
          parkMs = Math.min(parkMs, nextAttemptMs - now);
        } else {
          sendQueued();
          keepAlive(now);
        }
        if (sink.retry()) {
          parkMs = 1;
        }
        if (queue.isEmpty() || state != LinkState.UP) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(1, parkMs)));
        }
      }
    } finally {
      disconnectQuietly(true);
    }
  }

  // ---------------------------------------------------------------- connect, resync

  private void connectAndResync() {
    if (attempted) {
      reconnects.incrementAndGet();
    }
    attempted = true;
    setState(LinkState.CONNECTING);
    dropped = false;
    CountingManagerConnection conn =
        new CountingManagerConnection(pbx, metrics, RESPONSE_TIMEOUT_MS);
    connection = conn;
    conn.addEventListener(
        event -> {
          if (event instanceof DisconnectEvent) {
            // Only the current connection's loss matters; an old one's is already handled.
            if (connection == conn) {
              onDisconnect();
            }
          } else {
            events.onManagerEvent(event);
          }
        });
    try {
      conn.login(EVENT_MASK);
      long snapshotEpoch = tracker.epoch();
      Map<String, LiveChannel> live = listChannels(conn);
      List<DeviceStateEvent> devices = listDevices(conn);
      resync(live, devices, snapshotEpoch);
    } catch (Exception e) {
      connectFailed(e);
      return;
    }
    if (dropped) {
      connectFailed(new IllegalStateException("connection lost during resync"));
      return;
    }
    failures = 0;
    downPublished = false;
    lastUpMs = clock.currentTimeMs();
    lastPingMs = lastUpMs;
    metrics.lastReadNanos = System.nanoTime();
    setState(LinkState.UP);
    sink.publish(new Command.PbxLinkChanged(pbx.id(), true));
    LOG.info("pbx {}: AMI link up ({}:{})", pbx.id(), pbx.host(), pbx.port());
    while (!heldWhileDown.isEmpty()) {
      send(heldWhileDown.pollFirst());
    }
  }

  private void connectFailed(Exception e) {
    disconnectQuietly(false);
    long delay = backoff.delayMs(failures);
    failures++;
    nextAttemptMs = clock.currentTimeMs() + delay;
    setState(LinkState.DOWN);
    LOG.warn(
        "pbx {}: AMI connect to {}:{} failed (attempt {}): {}; retrying in {} ms",
        pbx.id(),
        pbx.host(),
        pbx.port(),
        failures,
        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
        delay);
    publishDownOnce();
  }

  private void linkDropped(long now) {
    LOG.warn("pbx {}: AMI link dropped; reconnecting", pbx.id());
    disconnectQuietly(false);
    setState(LinkState.DOWN);
    publishDownOnce();
    nextAttemptMs = now + backoff.delayMs(0);
    failures = 1;
  }

  private void publishDownOnce() {
    if (!downPublished) {
      downPublished = true;
      sink.publish(new Command.PbxLinkChanged(pbx.id(), false));
    }
  }

  private void resync(
      Map<String, LiveChannel> live, List<DeviceStateEvent> devices, long snapshotEpoch) {
    synchronized (tracker) {
      for (DeviceStateEvent d : devices) {
        Translation t = tracker.onDeviceState(d.getDevice(), d.getState());
        if (t.command() != null) {
          sink.publish(t.command());
        }
      }
      List<Translation> findings = tracker.reconcile(live, snapshotEpoch);
      for (Translation t : findings) {
        if (t.command() instanceof Command.ContactAbandoned a
            && a.reason() == AbandonReason.LOST_DURING_OUTAGE) {
          metrics.contactsLostInOutage.increment();
        }
        sink.publish(t.command());
      }
      LOG.info(
          "pbx {}: resync: {} live channels, {} devices, {} contacts tracked, {} corrections",
          pbx.id(),
          live.size(),
          devices.size(),
          tracker.size(),
          findings.size());
    }
  }

  private Map<String, LiveChannel> listChannels(CountingManagerConnection conn) throws Exception {
    ResponseEvents listing = list(conn, new CoreShowChannelsAction());
    if (listing.getResponse() instanceof ManagerError error) {
      // Without the 'reporting' privilege CoreShowChannels is refused; Status lists the same.
      LOG.info("pbx {}: CoreShowChannels refused ({}), using Status", pbx.id(), error.getMessage());
      return liveChannels(list(conn, new StatusAction()).getEvents());
    }
    return liveChannels(listing.getEvents());
  }

  /** The live channels of a CoreShowChannels or Status listing, by Uniqueid. */
  static Map<String, LiveChannel> liveChannels(Iterable<ResponseEvent> items) {
    Map<String, LiveChannel> live = new HashMap<>();
    for (ResponseEvent item : items) {
      LiveChannel ch = null;
      if (item instanceof CoreShowChannelEvent c) {
        ch =
            new LiveChannel(
                c.getChannel(),
                c.getUniqueid(),
                c.getLinkedid(),
                c.getContext(),
                c.getExten(),
                c.getApplication(),
                c.getBridgeid());
      } else if (item instanceof StatusEvent s) {
        ch =
            new LiveChannel(
                s.getChannel(),
                s.getUniqueId(),
                s.getLinkedId(),
                s.getContext(),
                s.getExten(),
                s.getApplication(),
                s.getBridgeId());
      }
      if (ch != null && !ch.uniqueId().isEmpty()) {
        live.put(ch.uniqueId(), ch);
      }
    }
    return live;
  }

  private List<DeviceStateEvent> listDevices(CountingManagerConnection conn) throws Exception {
    ResponseEvents listing = list(conn, new DeviceStateListAction());
    if (listing.getResponse() instanceof ManagerError error) {
      LOG.warn("pbx {}: DeviceStateList refused: {}", pbx.id(), error.getMessage());
      return List.of();
    }
    return listing.getEvents().stream()
        .filter(DeviceStateEvent.class::isInstance)
        .map(DeviceStateEvent.class::cast)
        .toList();
  }

  private ResponseEvents list(CountingManagerConnection conn, EventGeneratingAction action)
      throws Exception {
    metrics.actionsSent.increment();
    ResponseEvents listing = conn.sendEventGeneratingAction(action, RESPONSE_TIMEOUT_MS * 2);
    if (listing.getResponse() == null) {
      throw new IllegalStateException(action.getAction() + ": no response");
    }
    return listing;
  }

  // ---------------------------------------------------------------- actions

  private void sendQueued() {
    PlannedAction a;
    while (state == LinkState.UP && !dropped && (a = queue.poll()) != null) {
      send(a);
    }
  }

  private void failOffersWhileDown() {
    PlannedAction a;
    while ((a = queue.poll()) != null) {
      if (a.servesOffer()) {
        if (a.ringsAgent()) {
          metrics.actionsFailed.increment();
          actionFailed(a, "PBX link is down");
        }
      } else {
        // Overflow, callback-offer and revoke actions stay valid after a reconnect if the
        // channel still exists; the PBX refuses them harmlessly if it does not.
        if (heldWhileDown.size() < MAX_HELD_ACTIONS) {
          heldWhileDown.addLast(a);
        } else {
          metrics.actionsFailed.increment();
          LOG.warn("pbx {}: link down too long, dropped {}", pbx.id(), a.action().getAction());
        }
      }
    }
  }

  private void send(PlannedAction a) {
    if (a.servesOffer() && !tracker.isOffered(a.contactId(), a.agentId())) {
      return;
    }
    try {
      connection.sendAction(a.action(), response -> onResponse(a, response));
      metrics.actionsSent.increment();
    } catch (Exception e) {
      metrics.actionsFailed.increment();
      LOG.warn("pbx {}: could not send {}: {}", pbx.id(), a.action().getAction(), e.toString());
      if (a.ringsAgent()) {
        actionFailed(a, e.toString());
      }
      dropped = true;
    }
  }

  /** Runs on asterisk-java's event thread. */
  private void onResponse(PlannedAction a, ManagerResponse response) {
    if (response == null) {
      // Lost with the connection: the resync after reconnecting finds out what happened.
      metrics.actionsFailed.increment();
      return;
    }
    if (response instanceof ManagerError error) {
      metrics.actionsFailed.increment();
      boolean channelGone = AmiVocabulary.isChannelGone(error.getMessage());
      // A caller hanging up while an action for it is on its way is an everyday race, not a fault.
      if (channelGone) {
        LOG.info(
            "pbx {}: {} for contact {} found no channel: {}",
            pbx.id(),
            a.action().getAction(),
            a.contactId(),
            error.getMessage());
      } else {
        LOG.warn(
            "pbx {}: {} for contact {} failed: {}",
            pbx.id(),
            a.action().getAction(),
            a.contactId(),
            error.getMessage());
      }
      if (a.servesOffer() && channelGone) {
        callerGone(a, error.getMessage());
      } else if (a.ringsAgent()) {
        actionFailed(a, error.getMessage());
      }
    }
  }

  /** An offer's Setvar or Redirect found no caller channel: the caller hung up meanwhile. */
  private void callerGone(PlannedAction a, String why) {
    synchronized (tracker) {
      Translation t = tracker.onCallerChannelGone(a.contactId(), a.agentId());
      if (t.command() != null) {
        LOG.info("pbx {}: caller of {} gone before ringing: {}", pbx.id(), a.contactId(), why);
        sink.publish(t.command());
      }
    }
  }

  private void actionFailed(PlannedAction a, String why) {
    synchronized (tracker) {
      Translation t = tracker.onActionFailed(a.contactId(), a.agentId());
      if (t.command() != null) {
        LOG.info("pbx {}: offer of {} to {} failed: {}", pbx.id(), a.contactId(), a.agentId(), why);
        sink.publish(t.command());
      }
    }
  }

  /**
   * Pings a quiet link and declares it dropped when a ping went unanswered. Liveness is any message
   * read off the socket, not the Ping's own response: under load that response waits behind
   * thousands of events in asterisk-java's dispatch queue, while the socket is busy.
   */
  private void keepAlive(long now) {
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - metrics.lastReadNanos);
    if (silentMs < PING_INTERVAL_MS) {
      return;
    }
    if (silentMs >= PING_INTERVAL_MS + RESPONSE_TIMEOUT_MS && lastPingMs > lastUpMs) {
      LOG.warn(
          "pbx {}: AMI link silent for {} ms despite a Ping; treating it as dropped",
          pbx.id(),
          silentMs);
      dropped = true;
      return;
    }
    if (now - lastPingMs < PING_INTERVAL_MS) {
      return;
    }
    lastPingMs = now;
    try {
      connection.sendAction(new PingAction(), null);
    } catch (Exception e) {
      dropped = true;
    }
  }

  // ---------------------------------------------------------------- helpers

  private void setState(LinkState next) {
    if (state != next) {
      state = next;
      sinceMs = clock.currentTimeMs();
    }
  }

  private void disconnectQuietly(boolean logoff) {
    CountingManagerConnection conn = connection;
    connection = null;
    if (conn == null) {
      return;
    }
    ManagerConnectionState s = conn.getState();
    try {
      // logoff() also stops asterisk-java's own reconnect thread (state RECONNECTING).
      if (s == ManagerConnectionState.CONNECTED || s == ManagerConnectionState.RECONNECTING) {
        conn.logoff();
      }
    } catch (RuntimeException e) {
      if (logoff) {
        LOG.debug("pbx {}: logoff failed: {}", pbx.id(), e.toString());
      }
    }
  }
}
