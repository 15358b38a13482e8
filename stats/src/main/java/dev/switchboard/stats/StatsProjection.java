package dev.switchboard.stats;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics state machine: applies router events one at a time to per-queue, per-agent and
 * per-contact figures. Single-threaded and deterministic; time comes only from the events (made
 * non-decreasing, since producers stamp commands concurrently and may be a millisecond out of
 * order). {@link StatsService} guards it with a lock.
 */
final class StatsProjection {

  private static final Logger LOG = LoggerFactory.getLogger(StatsProjection.class);

  final BusinessDay day;
  private final long intervalMs;
  private final int historyIntervals;
  private final ProjectionSink sink;

  final Map<String, QueueFigures> queues = new HashMap<>();
  final Map<String, AgentFigures> agents = new HashMap<>();
  private final Map<String, ContactRecord> active = new HashMap<>();
  private final LinkedHashMap<String, ContactRecord> finished;

  final AgentMembership membership = new AgentMembership(queues, agents);
  final Map<String, Boolean> pbxLinks = new TreeMap<>();

  long lastTimeMs = Long.MIN_VALUE;
  long dayStartMs = Long.MIN_VALUE;
  private long dayEndMs = Long.MIN_VALUE;
  private long intervalStartMs = Long.MIN_VALUE;
  private long intervalEndMs = Long.MIN_VALUE;
  private long unknownSurveys;

  StatsProjection(StatsConfiguration cfg, ProjectionSink sink) {
    this.day = new BusinessDay(cfg.zone(), cfg.dayStart());
    this.intervalMs = cfg.intervalMinutes() * 60_000L;
    this.historyIntervals = cfg.historyIntervals();
    this.sink = sink;
    int limit = cfg.contactHistoryLimit();
    this.finished =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, ContactRecord> eldest) {
            return size() > limit;
          }
        };
  }

  /** Applies one event. */
  void apply(RouterEvent event) {
    long t =
        lastTimeMs == Long.MIN_VALUE
            ? event.timestampMs()
            : Math.max(lastTimeMs, event.timestampMs());
    advance(t);
    // Java 17 has no pattern switch; an instanceof chain over the sealed events instead. Events
    // not listed (selection, announcements, rejected commands) change no figure.
    if (event instanceof RouterEvent.ContactQueued e) {
      onQueued(t, e);
    } else if (event instanceof RouterEvent.ContactOffered e) {
      onOffered(t, e);
    } else if (event instanceof RouterEvent.OfferRevoked e) {
      onOfferBack(t, e.contactId(), "OfferRevoked", e.reason(), null);
    } else if (event instanceof RouterEvent.OfferNotTaken e) {
      onOfferBack(t, e.contactId(), "OfferNotTaken", e.failure().pauseReason(), e);
    } else if (event instanceof RouterEvent.ContactEscalated e) {
      note(
          t,
          e.contactId(),
          e.queueId(),
          "ContactEscalated",
          "step " + e.stepIndex() + ": " + e.description());
    } else if (event instanceof RouterEvent.ContactMoved e) {
      onMoved(t, e);
    } else if (event instanceof RouterEvent.ContactOverflowed e) {
      onOverflowed(t, e);
    } else if (event instanceof RouterEvent.CallbackOffered e) {
      note(t, e.contactId(), e.queueId(), "CallbackOffered", "");
    } else if (event instanceof RouterEvent.CallbackRegistered e) {
      onCallbackRegistered(t, e);
    } else if (event instanceof RouterEvent.CallbackDue e) {
      note(t, e.contactId(), e.queueId(), "CallbackDue", "");
    } else if (event instanceof RouterEvent.ContactAnswered e) {
      onAnswered(t, e);
    } else if (event instanceof RouterEvent.ContactAbandoned e) {
      onAbandoned(t, e);
    } else if (event instanceof RouterEvent.ContactEnded e) {
      onEnded(t, e);
    } else if (event instanceof RouterEvent.AgentStateChanged e) {
      onAgentState(t, e);
    } else if (event instanceof RouterEvent.AgentConfigured e) {
      onAgentConfigured(e.agent());
    } else if (event instanceof RouterEvent.QueueConfigured e) {
      onQueueConfigured(e.queue());
    } else if (event instanceof RouterEvent.SurveyRecorded e) {
      onSurvey(t, e);
    } else if (event instanceof RouterEvent.PbxLinkChanged e) {
      pbxLinkChanged(t, e.pbxId(), e.up());
    }
  }

  /** Moves the clock to {@code t}; on a new interval or day, rolls every queue. */
  void advance(long t) {
    lastTimeMs = t;
    if (t < intervalEndMs) {
      return;
    }
    if (t >= dayEndMs) {
      dayStartMs = day.startOf(t);
      dayEndMs = day.endOf(t);
    }
    long index = (t - dayStartMs) / intervalMs;
    intervalStartMs = dayStartMs + index * intervalMs;
    intervalEndMs = Math.min(intervalStartMs + intervalMs, dayEndMs);
    for (QueueFigures q : queues.values()) {
      q.roll(dayStartMs, intervalStartMs, intervalEndMs);
    }
  }

  QueueFigures queue(String id) {
    QueueFigures q = queues.get(id);
    if (q == null) {
      q = new QueueFigures(id, historyIntervals);
      if (lastTimeMs != Long.MIN_VALUE) {
        q.roll(dayStartMs, intervalStartMs, intervalEndMs);
      }
      queues.put(id, q);
      sink.queueCreated(q);
    }
    return q;
  }

  private AgentFigures agent(String id) {
    AgentFigures a = agents.get(id);
    if (a == null) {
      a = new AgentFigures(id);
      a.stateSinceMs = lastTimeMs;
      agents.put(id, a);
      membership.agentCreated(a);
    }
    a.roll(dayStartMs);
    return a;
  }

  private void count(QueueFigures q, int field, long amount) {
    q.count(lastTimeMs, field, amount);
    sink.counted(q, field, amount);
  }

  /** The contact, or a record for one first seen mid-life (statistics started late). */
  private ContactRecord contact(String id, String queueId, long t) {
    ContactRecord c = active.get(id);
    if (c == null) {
      c = new ContactRecord(id, queueId, ContactType.CALL, t);
      active.put(id, c);
    }
    return c;
  }

  ContactRecord findContact(String id) {
    ContactRecord c = active.get(id);
    return c != null ? c : finished.get(id);
  }

  private void finish(ContactRecord c) {
    active.remove(c.id);
    finished.put(c.id, c);
  }

  private static void history(ContactRecord c, long t, String type, String detail) {
    c.events.add(new ContactHistory.Event(t, type, detail));
  }

  private void note(long t, String contactId, String queueId, String type, String detail) {
    ContactRecord c = contact(contactId, queueId, t);
    history(c, t, type, detail);
    log(t, type, c, queueId, "", detail, "", "", "", "");
  }

  private void log(
      long t,
      String type,
      ContactRecord c,
      String queueId,
      String agentId,
      String detail,
      String verb,
      String d1,
      String d2,
      String d3) {
    sink.log(
        new EventLogRecord(
            t, type, c == null ? "" : c.id, queueId, agentId, detail, verb, d1, d2, d3));
  }

  /** Keeps each queue's waiting and callback counts in step with the contact's phase. */
  private void reposition(ContactRecord c, long t) {
    int want = c.wantedCounting();
    String wantIn = want == ContactRecord.NOT_COUNTED ? null : c.queueId;
    if (want == c.countedAs && Objects.equals(wantIn, c.countedIn)) {
      return;
    }
    if (c.countedAs == ContactRecord.COUNTED_WAITING) {
      queue(c.countedIn).removeWaiting(t, c.arrivedAtMs);
    } else if (c.countedAs == ContactRecord.COUNTED_CALLBACK) {
      queue(c.countedIn).callbacksPending--;
    }
    if (want == ContactRecord.COUNTED_WAITING) {
      queue(wantIn).addWaiting(t, c.arrivedAtMs);
    } else if (want == ContactRecord.COUNTED_CALLBACK) {
      queue(wantIn).callbacksPending++;
    }
    c.countedAs = want;
    c.countedIn = wantIn;
  }

  private void onQueued(long t, RouterEvent.ContactQueued e) {
    QueueFigures q = queue(e.queueId());
    ContactRecord c = active.get(e.contactId());
    if (c == null) {
      c = new ContactRecord(e.contactId(), e.queueId(), e.type(), e.arrivedAtMs());
      c.callerId = e.callerId();
      c.callback = e.type() == ContactType.CALLBACK;
      c.originalPosition = e.position() > 0 ? e.position() : q.waiting + 1;
      c.estimateSeconds = expectedWaitSeconds(q, c.originalPosition);
      active.put(c.id, c);
      count(q, Tally.OFFERED, 1);
      log(t, "ContactQueued", c, q.id, "", "arrived", "ENTERQUEUE", "", e.callerId(), "");
    }
    c.queueId = e.queueId();
    c.type = e.type();
    c.callback |= e.type() == ContactType.CALLBACK;
    c.phase = ContactRecord.Phase.QUEUED;
    reposition(c, t);
    history(
        c,
        t,
        "ContactQueued",
        (e.requeued() ? "requeued" : "queued") + " at position " + e.position());
  }

  private void onOffered(long t, RouterEvent.ContactOffered e) {
    ContactRecord c = contact(e.contactId(), e.queueId(), t);
    c.phase = ContactRecord.Phase.OFFERED;
    c.agentId = e.agentId();
    c.offeredAtMs = t;
    c.decisions.add(new ContactHistory.Decision(t, e.agentId(), e.reason()));
    reposition(c, t);
    history(c, t, "ContactOffered", "to " + e.agentId() + " (" + e.reason().trigger() + ")");
    log(t, "ContactOffered", c, e.queueId(), e.agentId(), "offered", "", "", "", "");
  }

  private void onOfferBack(
      long t, String contactId, String type, String why, RouterEvent.OfferNotTaken notTaken) {
    ContactRecord c = active.get(contactId);
    if (c == null) {
      // Seen mid-life without its queue (statistics started late): nothing to count it in.
      return;
    }
    String agentId = c.agentId;
    c.phase = ContactRecord.Phase.QUEUED;
    reposition(c, t);
    history(c, t, type, agentId + ": " + why);
    if (notTaken != null) {
      log(
          t,
          type,
          c,
          notTaken.queueId(),
          notTaken.agentId(),
          why,
          "RINGNOANSWER",
          Long.toString(Math.max(0, t - c.offeredAtMs)),
          "",
          "");
    } else {
      log(t, type, c, c.queueId, agentId, why, "", "", "", "");
    }
  }

  private void onMoved(long t, RouterEvent.ContactMoved e) {
    ContactRecord c = contact(e.contactId(), e.fromQueueId(), t);
    QueueFigures from = queue(e.fromQueueId());
    QueueFigures to = queue(e.toQueueId());
    int position = from.positionOf(c.arrivedAtMs);
    count(from, Tally.OVERFLOWED, 1);
    count(to, Tally.OFFERED, 1);
    log(
        t,
        "ContactMoved",
        c,
        from.id,
        "",
        "to " + to.id + ": " + e.cause(),
        "EXITWITHTIMEOUT",
        Integer.toString(position),
        Integer.toString(c.originalPosition),
        Long.toString(waitedSeconds(c, t)));
    c.queueId = to.id;
    reposition(c, t);
    log(t, "ContactMoved", c, to.id, "", "from " + from.id, "ENTERQUEUE", "", c.callerId, "");
    history(c, t, "ContactMoved", from.id + " -> " + to.id + ": " + e.cause());
  }

  private static long waitedSeconds(ContactRecord c, long t) {
    return Math.max(0, t - c.arrivedAtMs) / 1000;
  }

  private void onOverflowed(long t, RouterEvent.ContactOverflowed e) {
    ContactRecord c = contact(e.contactId(), e.queueId(), t);
    QueueFigures q = queue(e.queueId());
    int position = q.positionOf(c.arrivedAtMs);
    count(q, Tally.OVERFLOWED, 1);
    c.phase = ContactRecord.Phase.OVERFLOWED;
    reposition(c, t);
    finish(c);
    history(c, t, "ContactOverflowed", e.action() + ": " + e.cause());
    log(
        t,
        "ContactOverflowed",
        c,
        q.id,
        "",
        e.cause(),
        "EXITWITHTIMEOUT",
        Integer.toString(position),
        Integer.toString(c.originalPosition),
        Long.toString(e.waitedMs() / 1000));
  }

  private void onCallbackRegistered(long t, RouterEvent.CallbackRegistered e) {
    ContactRecord c = contact(e.contactId(), e.queueId(), t);
    if (!c.callback) {
      c.callback = true;
      count(queue(e.queueId()), Tally.CALLBACKS_REQUESTED, 1);
    }
    reposition(c, t);
    history(c, t, "CallbackRegistered", "not before " + e.notBeforeMs());
    log(t, "CallbackRegistered", c, e.queueId(), "", "callback registered", "", "", "", "");
  }

  private void onAnswered(long t, RouterEvent.ContactAnswered e) {
    ContactRecord c = contact(e.contactId(), e.queueId(), t);
    QueueFigures q = queue(e.queueId());
    count(q, Tally.ANSWERED, 1);
    if (c.callback) {
      count(q, Tally.CALLBACKS_COMPLETED, 1);
    } else {
      count(q, Tally.SL_ANSWERED, 1);
      if (e.waitedMs() <= q.target.targetSeconds() * 1000L) {
        count(q, Tally.SL_ANSWERED_WITHIN, 1);
      }
      count(q, Tally.ANSWER_WAIT_MS, e.waitedMs());
      if (c.estimateSeconds >= 0) {
        double error = e.waitedMs() / 1000.0 - c.estimateSeconds;
        q.recordEstimateError(error);
        sink.waitEstimateError(q, error);
      }
    }
    c.phase = ContactRecord.Phase.TALKING;
    c.agentId = e.agentId();
    c.answeredAtMs = t;
    c.queueId = q.id;
    reposition(c, t);
    history(c, t, "ContactAnswered", "by " + e.agentId() + " after " + e.waitedMs() + " ms");
    log(
        t,
        "ContactAnswered",
        c,
        q.id,
        e.agentId(),
        "answered",
        "CONNECT",
        Long.toString(e.waitedMs() / 1000),
        "",
        Long.toString(Math.max(0, t - c.offeredAtMs) / 1000));
  }

  private void onAbandoned(long t, RouterEvent.ContactAbandoned e) {
    ContactRecord c = contact(e.contactId(), e.queueId(), t);
    QueueFigures q = queue(e.queueId());
    int position = q.positionOf(c.arrivedAtMs);
    long waited = e.waitedMs();
    boolean isShort = waited < q.target.shortAbandonSeconds() * 1000L;
    boolean within = waited <= q.target.targetSeconds() * 1000L;
    count(q, Tally.ABANDONED, 1);
    count(q, Tally.ABANDON_WAIT_MS, waited);
    if (isShort) {
      count(q, Tally.SHORT_ABANDONED, 1);
    }
    if (!c.callback) {
      int field =
          within
              ? (isShort ? Tally.SL_ABANDONED_WITHIN_SHORT : Tally.SL_ABANDONED_WITHIN_LONG)
              : (isShort ? Tally.SL_ABANDONED_AFTER_SHORT : Tally.SL_ABANDONED_AFTER_LONG);
      count(q, field, 1);
    }
    c.phase = ContactRecord.Phase.ABANDONED;
    c.queueId = q.id;
    reposition(c, t);
    finish(c);
    history(c, t, "ContactAbandoned", e.reason() + " after " + waited + " ms");
    log(
        t,
        "ContactAbandoned",
        c,
        q.id,
        "",
        e.reason().name(),
        "ABANDON",
        Integer.toString(position),
        Integer.toString(c.originalPosition),
        Long.toString(waited / 1000));
  }

  private void onEnded(long t, RouterEvent.ContactEnded e) {
    ContactRecord c = contact(e.contactId(), e.queueId(), t);
    QueueFigures q = queue(e.queueId());
    count(q, Tally.HANDLED, 1);
    count(q, Tally.TALK_MS, e.talkMs());
    AgentFigures a = agent(e.agentId());
    a.handled++;
    a.talkMs += e.talkMs();
    a.lastQueueId = q.id;
    c.phase = ContactRecord.Phase.ENDED;
    reposition(c, t);
    finish(c);
    history(c, t, "ContactEnded", "talked " + e.talkMs() + " ms");
    long holdSeconds = Math.max(0, c.answeredAtMs - c.arrivedAtMs) / 1000;
    log(
        t,
        "ContactEnded",
        c,
        q.id,
        e.agentId(),
        "ended",
        "COMPLETECALLER",
        Long.toString(holdSeconds),
        Long.toString(e.talkMs() / 1000),
        Integer.toString(c.originalPosition));
  }

  private void onAgentState(long t, RouterEvent.AgentStateChanged e) {
    AgentFigures a = agent(e.agentId());
    AgentState old = a.state;
    String oldReason = a.reason;
    long spentMs = a.closeState(t);
    if (old == AgentState.WRAP_UP) {
      a.wrapMs += spentMs;
      if (a.lastQueueId != null) {
        count(queue(a.lastQueueId), Tally.WRAP_MS, spentMs);
      }
    }
    String reason = e.state() == AgentState.PAUSED ? e.reason() : "";
    membership.setState(a, e.state(), reason);
    a.contactId = e.contactId();
    a.stateSinceMs = t;
    if (old == AgentState.LOGGED_OUT && e.state() != AgentState.LOGGED_OUT) {
      a.loggedInAtMs = t;
      log(t, "AgentStateChanged", null, "NONE", a.id, "login", "AGENTLOGIN", a.extension, "", "");
    }
    if (e.state() == AgentState.LOGGED_OUT && old != AgentState.LOGGED_OUT) {
      String loggedIn = Long.toString(Math.max(0, t - a.loggedInAtMs) / 1000);
      log(
          t,
          "AgentStateChanged",
          null,
          "NONE",
          a.id,
          "logout",
          "AGENTLOGOFF",
          a.extension,
          loggedIn,
          "");
    } else if (e.state() == AgentState.PAUSED
        && (old != AgentState.PAUSED || !oldReason.equals(reason))) {
      log(t, "AgentStateChanged", null, "NONE", a.id, "pause", "PAUSE", reason, "", "");
    } else if (old == AgentState.PAUSED && e.state() != AgentState.PAUSED) {
      log(t, "AgentStateChanged", null, "NONE", a.id, "unpause", "UNPAUSE", oldReason, "", "");
    } else {
      log(t, "AgentStateChanged", null, "", a.id, old + " -> " + e.state(), "", "", "", "");
    }
  }

  private void onAgentConfigured(AgentConfiguration cfg) {
    AgentFigures a = agent(cfg.id());
    a.name = cfg.name();
    a.extension = cfg.extension();
    membership.skillsChanged(a, cfg.skills());
  }

  private void onQueueConfigured(QueueConfiguration cfg) {
    QueueFigures q = queue(cfg.id());
    membership.queueChanging(q);
    q.configured = true;
    q.name = cfg.name();
    q.target = cfg.serviceLevel();
    q.requiredSkills = cfg.requiredSkills();
    membership.queueChanged(q);
  }

  private void onSurvey(long t, RouterEvent.SurveyRecorded e) {
    ContactRecord c = findContact(e.contactId());
    if (c == null || c.queueId == null || c.queueId.isEmpty()) {
      unknownSurveys++;
      if (unknownSurveys == 1 || Long.bitCount(unknownSurveys) == 1) {
        LOG.warn(
            "survey for unknown contact {} ignored ({} so far)", e.contactId(), unknownSurveys);
      }
      return;
    }
    QueueFigures q = queue(c.queueId);
    count(q, Tally.CSAT_SUM, e.score());
    count(q, Tally.CSAT_COUNT, 1);
    if (!c.agentId.isEmpty()) {
      AgentFigures a = agent(c.agentId);
      a.csatSum += e.score();
      a.csatCount++;
    }
    history(c, t, "SurveyRecorded", "score " + e.score());
    log(t, "SurveyRecorded", c, q.id, c.agentId, "score " + e.score(), "", "", "", "");
  }

  void pbxLinkChanged(long t, String pbxId, boolean up) {
    pbxLinks.put(pbxId, up);
    sink.log(
        new EventLogRecord(
            t, "PbxLinkChanged", "", "", "", pbxId + (up ? " up" : " down"), "", "", "", ""));
  }

  /** Agent counts by state of the agents serving {@code q}. */
  int[] agentsByState(QueueFigures q) {
    return membership.agentsByState(q);
  }

  Map<String, Integer> pausedByReason(QueueFigures q) {
    return membership.pausedByReason(q);
  }

  /**
   * Expected wait of the contact at {@code position} (1-based): agents ready take the first ones;
   * beyond them each contact waits for an agent serving the queue to finish, which happens on
   * average every AHT / (agents working) seconds. −1 when no agent works or no AHT was measured.
   */
  long expectedWaitSeconds(QueueFigures q, int position) {
    int[] s = agentsByState(q);
    int ready = s[AgentState.READY.ordinal()];
    int working =
        ready
            + s[AgentState.RESERVED.ordinal()]
            + s[AgentState.BUSY.ordinal()]
            + s[AgentState.WRAP_UP.ordinal()];
    double aht = handleSeconds(q, lastTimeMs);
    if (working == 0 || Double.isNaN(aht)) {
      return -1;
    }
    int ahead = position - ready;
    if (ahead <= 0) {
      return 0;
    }
    return (long) Math.ceil(ahead * aht / working);
  }

  /**
   * AHT over the last 30 minutes, else today's, else NaN. Called for every contact queued (its
   * expected wait), so it sums into a reused tally and boxes nothing.
   */
  double handleSeconds(QueueFigures q, long nowMs) {
    Tally last30 = handleScratch;
    last30.clear();
    q.ring.sum(nowMs, 30, last30);
    double aht = last30.ahtSecondsOrNaN();
    if (Double.isNaN(aht) && q.todayStartMs == dayStartMs) {
      aht = q.today.ahtSecondsOrNaN();
    }
    return aht;
  }

  /** For {@link #handleSeconds}; the projection runs on one thread at a time (under the lock). */
  private final Tally handleScratch = new Tally();
}
