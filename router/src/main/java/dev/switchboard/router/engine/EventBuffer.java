package dev.switchboard.router.engine;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DecisionReason;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.EventView;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import java.util.Arrays;

/**
 * The events of one command (or one batch), stored field by field in reusable arrays: an {@link
 * EventSink} that allocates nothing once its arrays have grown to the command's events, read back
 * through one reusable {@link EventView}. Not thread-safe: one thread writes, then (after the
 * Disruptor's sequences order it) one thread reads and {@link #clear()}s; the reader may read
 * events while the writer appends later ones.
 *
 * <p>Columns are shared between kinds: each event uses {@value #REFS} reference slots, {@value
 * #LONGS} longs, {@value #INTS} ints and one double, and the view's accessors read the slots that
 * belong to the kind at hand. The rare kinds (configuration, rejection, PBX link, announcement)
 * keep their record in a reference slot.
 */
public final class EventBuffer implements EventSink {
  static final int REFS = 12;
  static final int LONGS = 2;
  static final int INTS = 4;

  // Reference slots.
  private static final int CONTACT = 0;
  private static final int QUEUE = 1; // CONTACT_MOVED: from
  private static final int AGENT = 2; // CONTACT_MOVED: to
  private static final int TYPE = 3;
  private static final int PBX = 4;
  private static final int CHANNEL = 5;
  private static final int TEXT = 6; // caller id, trigger, reason, description, cause, number
  private static final int ENUM_A = 7; // policy, failure, action, abandon reason, previous state
  private static final int ENUM_B = 8; // selection, state
  private static final int AGENT_PBX = 9;
  private static final int AGENT_EXTENSION = 10;
  private static final int EXTRA = 11; // callback number; the record of a rare kind

  // Long slots.
  private static final int TIME = 0;
  private static final int MS = 1; // arrived at, waited, not before, talk

  // Int slots.
  private static final int I0 = 0; // priority, escalation step, step index, hangup cause, score
  private static final int I1 = 1; // position, ring timeout
  private static final int I2 = 2; // requeued, eligible agents
  private static final int I3 = 3; // agent level

  private static final int INITIAL_CAPACITY = 4;

  /** A buffer that grew beyond this many events shrinks back when cleared. */
  private final int retainedCapacity;

  /** Events stored between two renewals of the arrays (see {@link #clear()}). */
  private final int renewAfterEvents;

  private int eventsSinceRenewal;

  /** The most events held at once since the last renewal: the size of the renewed arrays. */
  private int peakSinceRenewal;

  // Volatile because in the router's parallel layout one thread appends (and may grow the arrays)
  // while another reads events appended earlier, which the Disruptor's sequences already made
  // visible: a reader then sees either array, and both hold those events. (On x86 a volatile read
  // is a plain load.)
  private volatile EventKind[] kinds;
  private volatile Object[] refs;
  private volatile long[] longs;
  private volatile int[] ints;
  private volatile double[] doubles;
  private int size;
  private final Cursor cursor = new Cursor();

  /**
   * A buffer for the events of one command: keeps room for up to 64 events between commands, and
   * renews its arrays after 16,384 events (about 6,000 commands).
   */
  public EventBuffer() {
    this(64, 1 << 14);
  }

  /**
   * @param retainedCapacity events it keeps room for when cleared; beyond, it shrinks back (after a
   *     reconfiguration that emitted thousands)
   * @param renewAfterEvents events stored between two renewals of its arrays
   */
  public EventBuffer(int retainedCapacity, int renewAfterEvents) {
    this.retainedCapacity = retainedCapacity;
    this.renewAfterEvents = renewAfterEvents;
    allocate(INITIAL_CAPACITY);
  }

  private void allocate(int capacity) {
    kinds = new EventKind[capacity];
    refs = new Object[capacity * REFS];
    longs = new long[capacity * LONGS];
    ints = new int[capacity * INTS];
    doubles = new double[capacity];
  }

  /** Events held. */
  public int size() {
    return size;
  }

  /**
   * Forgets every event; the view of an earlier position is no longer valid.
   *
   * <p>Once {@code renewAfterEvents} events went through it the arrays are replaced by fresh ones
   * of the same size, on purpose: the G1 collector charges a store of a reference into an object
   * outside the young generation a memory fence and a dirty card for its refinement threads, and an
   * event is a dozen such stores. Arrays renewed before they are old enough to leave the young
   * generation take those stores at the price of a plain one; the renewal costs a fraction of a
   * byte per command.
   */
  public void clear() {
    eventsSinceRenewal += size;
    peakSinceRenewal = Math.max(peakSinceRenewal, size);
    if (kinds.length > retainedCapacity) {
      allocate(INITIAL_CAPACITY);
      eventsSinceRenewal = 0;
      peakSinceRenewal = 0;
    } else if (eventsSinceRenewal >= renewAfterEvents) {
      // As large as recent use needed, so one big command long ago does not stay paid for.
      allocate(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(peakSinceRenewal * 2 - 1)));
      eventsSinceRenewal = 0;
      peakSinceRenewal = 0;
    } else {
      Arrays.fill(refs, 0, size * REFS, null);
    }
    size = 0;
    cursor.at = -1;
    cursor.made = null;
  }

  /**
   * The reusable view, positioned at event {@code i} ({@code 0 <= i < size()}); valid until the
   * next call of {@code view} or {@link #clear()}.
   */
  public EventView view(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("event " + i + " of " + size);
    }
    if (cursor.at != i) {
      cursor.at = i;
      cursor.made = null;
    }
    return cursor;
  }

  /**
   * Hands every event, in order, to {@code listener} as a view ({@link
   * RouterEventListener#onView}), skipping the kinds it does not {@linkplain
   * RouterEventListener#wants want}.
   */
  public void deliverTo(RouterEventListener listener, boolean replay) {
    deliverTo(listener, replay, 0, size);
  }

  /** As {@link #deliverTo(RouterEventListener, boolean)}, events {@code from} to {@code to - 1}. */
  public void deliverTo(RouterEventListener listener, boolean replay, int from, int to) {
    for (int i = from; i < to; i++) {
      if (listener.wants(kinds[i])) {
        listener.onView(view(i), replay);
      }
    }
  }

  /** Event {@code i} as its record (made on each call; for tests and tools). */
  public RouterEvent event(int i) {
    return view(i).toEvent();
  }

  /** Starts an event; returns its index. */
  private int begin(EventKind kind, long timestampMs) {
    if (size == kinds.length) {
      grow();
    }
    int i = size++;
    kinds[i] = kind;
    longs[i * LONGS + TIME] = timestampMs;
    longs[i * LONGS + MS] = 0;
    int ib = i * INTS;
    ints[ib + I0] = 0;
    ints[ib + I1] = 0;
    ints[ib + I2] = 0;
    ints[ib + I3] = 0;
    doubles[i] = 0;
    return i;
  }

  private void grow() {
    int capacity = kinds.length * 2;
    kinds = Arrays.copyOf(kinds, capacity);
    refs = Arrays.copyOf(refs, capacity * REFS);
    longs = Arrays.copyOf(longs, capacity * LONGS);
    ints = Arrays.copyOf(ints, capacity * INTS);
    doubles = Arrays.copyOf(doubles, capacity);
  }

  private void ref(int i, int slot, Object value) {
    refs[i * REFS + slot] = value;
  }

  private void ms(int i, long value) {
    longs[i * LONGS + MS] = value;
  }

  private void integer(int i, int slot, int value) {
    ints[i * INTS + slot] = value;
  }

  /**
   * Stores {@code event}: the frequent kinds field by field (as the typed methods do), the rare
   * ones as the record itself.
   */
  @Override
  public void emit(RouterEvent event) {
    // Java 17 has no pattern switch; an instanceof chain over the sealed events.
    if (event instanceof RouterEvent.ContactQueued e) {
      contactQueued(
          e.timestampMs(),
          e.contactId(),
          e.queueId(),
          e.type(),
          e.priority(),
          e.arrivedAtMs(),
          e.requeued(),
          e.position(),
          e.pbxId(),
          e.channel(),
          e.callerId());
    } else if (event instanceof RouterEvent.ContactOffered e) {
      DecisionReason r = e.reason();
      contactOffered(
          e.timestampMs(),
          e.contactId(),
          e.queueId(),
          e.agentId(),
          e.type(),
          e.pbxId(),
          e.channel(),
          e.agentPbxId(),
          e.agentExtension(),
          e.callbackNumber(),
          e.ringTimeoutSeconds(),
          r.trigger(),
          r.policy(),
          r.selection(),
          r.escalationStep(),
          r.eligibleAgents(),
          r.agentLevel(),
          r.waitedMs(),
          r.effectivePriority());
    } else if (event instanceof RouterEvent.OfferRevoked e) {
      offerRevoked(e.timestampMs(), e.contactId(), e.agentId(), e.reason());
    } else if (event instanceof RouterEvent.OfferNotTaken e) {
      offerNotTaken(e.timestampMs(), e.contactId(), e.queueId(), e.agentId(), e.failure());
    } else if (event instanceof RouterEvent.ContactEscalated e) {
      contactEscalated(e.timestampMs(), e.contactId(), e.queueId(), e.stepIndex(), e.description());
    } else if (event instanceof RouterEvent.ContactMoved e) {
      contactMoved(e.timestampMs(), e.contactId(), e.fromQueueId(), e.toQueueId(), e.cause());
    } else if (event instanceof RouterEvent.ContactOverflowed e) {
      contactOverflowed(
          e.timestampMs(),
          e.contactId(),
          e.queueId(),
          e.action(),
          e.cause(),
          e.waitedMs(),
          e.pbxId(),
          e.channel());
    } else if (event instanceof RouterEvent.CallbackOffered e) {
      callbackOffered(e.timestampMs(), e.contactId(), e.queueId(), e.pbxId(), e.channel());
    } else if (event instanceof RouterEvent.CallbackRegistered e) {
      callbackRegistered(e.timestampMs(), e.contactId(), e.queueId(), e.number(), e.notBeforeMs());
    } else if (event instanceof RouterEvent.CallbackDue e) {
      callbackDue(e.timestampMs(), e.contactId(), e.queueId());
    } else if (event instanceof RouterEvent.ContactAnswered e) {
      contactAnswered(e.timestampMs(), e.contactId(), e.queueId(), e.agentId(), e.waitedMs());
    } else if (event instanceof RouterEvent.ContactAbandoned e) {
      contactAbandoned(
          e.timestampMs(), e.contactId(), e.queueId(), e.waitedMs(), e.reason(), e.hangupCause());
    } else if (event instanceof RouterEvent.ContactEnded e) {
      contactEnded(e.timestampMs(), e.contactId(), e.queueId(), e.agentId(), e.talkMs());
    } else if (event instanceof RouterEvent.AgentStateChanged e) {
      agentStateChanged(
          e.timestampMs(), e.agentId(), e.previous(), e.state(), e.reason(), e.contactId());
    } else if (event instanceof RouterEvent.SurveyRecorded e) {
      surveyRecorded(e.timestampMs(), e.contactId(), e.score());
    } else {
      int i = begin(EventKind.of(event), event.timestampMs());
      ref(i, EXTRA, event);
    }
  }

  @Override
  public void contactQueued(
      long timestampMs,
      String contactId,
      String queueId,
      ContactType type,
      int priority,
      long arrivedAtMs,
      boolean requeued,
      int position,
      String pbxId,
      String channel,
      String callerId) {
    int i = begin(EventKind.CONTACT_QUEUED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, TYPE, type);
    ref(i, PBX, pbxId);
    ref(i, CHANNEL, channel);
    ref(i, TEXT, callerId);
    ms(i, arrivedAtMs);
    integer(i, I0, priority);
    integer(i, I1, position);
    integer(i, I2, requeued ? 1 : 0);
  }

  @Override
  public void contactOffered(
      long timestampMs,
      String contactId,
      String queueId,
      String agentId,
      ContactType type,
      String pbxId,
      String channel,
      String agentPbxId,
      String agentExtension,
      String callbackNumber,
      int ringTimeoutSeconds,
      String trigger,
      AgentSelectionPolicy policy,
      ContactSelection selection,
      int escalationStep,
      int eligibleAgents,
      int agentLevel,
      long waitedMs,
      double effectivePriority) {
    int i = begin(EventKind.CONTACT_OFFERED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, AGENT, agentId);
    ref(i, TYPE, type);
    ref(i, PBX, pbxId);
    ref(i, CHANNEL, channel);
    ref(i, TEXT, trigger);
    ref(i, ENUM_A, policy);
    ref(i, ENUM_B, selection);
    ref(i, AGENT_PBX, agentPbxId);
    ref(i, AGENT_EXTENSION, agentExtension);
    ref(i, EXTRA, callbackNumber);
    ms(i, waitedMs);
    integer(i, I0, escalationStep);
    integer(i, I1, ringTimeoutSeconds);
    integer(i, I2, eligibleAgents);
    integer(i, I3, agentLevel);
    doubles[i] = effectivePriority;
  }

  @Override
  public void offerRevoked(long timestampMs, String contactId, String agentId, String reason) {
    int i = begin(EventKind.OFFER_REVOKED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, AGENT, agentId);
    ref(i, TEXT, reason);
  }

  @Override
  public void offerNotTaken(
      long timestampMs, String contactId, String queueId, String agentId, OfferFailure failure) {
    int i = begin(EventKind.OFFER_NOT_TAKEN, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, AGENT, agentId);
    ref(i, ENUM_A, failure);
  }

  @Override
  public void contactEscalated(
      long timestampMs, String contactId, String queueId, int stepIndex, String description) {
    int i = begin(EventKind.CONTACT_ESCALATED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, TEXT, description);
    integer(i, I0, stepIndex);
  }

  @Override
  public void contactMoved(
      long timestampMs, String contactId, String fromQueueId, String toQueueId, String cause) {
    int i = begin(EventKind.CONTACT_MOVED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, fromQueueId);
    ref(i, AGENT, toQueueId);
    ref(i, TEXT, cause);
  }

  @Override
  public void contactOverflowed(
      long timestampMs,
      String contactId,
      String queueId,
      OverflowAction action,
      String cause,
      long waitedMs,
      String pbxId,
      String channel) {
    int i = begin(EventKind.CONTACT_OVERFLOWED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, ENUM_A, action);
    ref(i, TEXT, cause);
    ref(i, PBX, pbxId);
    ref(i, CHANNEL, channel);
    ms(i, waitedMs);
  }

  @Override
  public void callbackOffered(
      long timestampMs, String contactId, String queueId, String pbxId, String channel) {
    int i = begin(EventKind.CALLBACK_OFFERED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, PBX, pbxId);
    ref(i, CHANNEL, channel);
  }

  @Override
  public void callbackRegistered(
      long timestampMs, String contactId, String queueId, String number, long notBeforeMs) {
    int i = begin(EventKind.CALLBACK_REGISTERED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, TEXT, number);
    ms(i, notBeforeMs);
  }

  @Override
  public void callbackDue(long timestampMs, String contactId, String queueId) {
    int i = begin(EventKind.CALLBACK_DUE, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
  }

  @Override
  public void contactAnswered(
      long timestampMs, String contactId, String queueId, String agentId, long waitedMs) {
    int i = begin(EventKind.CONTACT_ANSWERED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, AGENT, agentId);
    ms(i, waitedMs);
  }

  @Override
  public void contactAbandoned(
      long timestampMs,
      String contactId,
      String queueId,
      long waitedMs,
      AbandonReason reason,
      int hangupCause) {
    int i = begin(EventKind.CONTACT_ABANDONED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, ENUM_A, reason);
    ms(i, waitedMs);
    integer(i, I0, hangupCause);
  }

  @Override
  public void contactEnded(
      long timestampMs, String contactId, String queueId, String agentId, long talkMs) {
    int i = begin(EventKind.CONTACT_ENDED, timestampMs);
    ref(i, CONTACT, contactId);
    ref(i, QUEUE, queueId);
    ref(i, AGENT, agentId);
    ms(i, talkMs);
  }

  @Override
  public void agentStateChanged(
      long timestampMs,
      String agentId,
      AgentState previous,
      AgentState state,
      String reason,
      String contactId) {
    int i = begin(EventKind.AGENT_STATE_CHANGED, timestampMs);
    ref(i, AGENT, agentId);
    ref(i, ENUM_A, previous);
    ref(i, ENUM_B, state);
    ref(i, TEXT, reason);
    ref(i, CONTACT, contactId);
  }

  @Override
  public void surveyRecorded(long timestampMs, String contactId, int score) {
    int i = begin(EventKind.SURVEY_RECORDED, timestampMs);
    ref(i, CONTACT, contactId);
    integer(i, I0, score);
  }

  /** The one reusable view; {@code at} is the event it reads. */
  private final class Cursor implements EventView {
    int at = -1;
    RouterEvent made;

    private Object ref(int slot) {
      return refs[at * REFS + slot];
    }

    private String string(int slot) {
      return (String) refs[at * REFS + slot];
    }

    private int integer(int slot) {
      return ints[at * INTS + slot];
    }

    private boolean is(EventKind a) {
      return kinds[at] == a;
    }

    private boolean is(EventKind a, EventKind b) {
      EventKind k = kinds[at];
      return k == a || k == b;
    }

    @Override
    public EventKind kind() {
      return kinds[at];
    }

    @Override
    public long timestampMs() {
      return longs[at * LONGS + TIME];
    }

    @Override
    public String contactId() {
      return string(CONTACT);
    }

    @Override
    public String queueId() {
      return is(EventKind.CONTACT_MOVED) ? null : string(QUEUE);
    }

    @Override
    public String agentId() {
      return is(EventKind.CONTACT_MOVED) ? null : string(AGENT);
    }

    @Override
    public ContactType type() {
      return (ContactType) ref(TYPE);
    }

    @Override
    public String pbxId() {
      return string(PBX);
    }

    @Override
    public String channel() {
      return string(CHANNEL);
    }

    @Override
    public String callerId() {
      return is(EventKind.CONTACT_QUEUED) ? string(TEXT) : null;
    }

    @Override
    public int priority() {
      return is(EventKind.CONTACT_QUEUED) ? integer(I0) : 0;
    }

    @Override
    public long arrivedAtMs() {
      return is(EventKind.CONTACT_QUEUED) ? longs[at * LONGS + MS] : 0;
    }

    @Override
    public boolean requeued() {
      return is(EventKind.CONTACT_QUEUED) && integer(I2) != 0;
    }

    @Override
    public int position() {
      return is(EventKind.CONTACT_QUEUED) ? integer(I1) : 0;
    }

    @Override
    public String agentPbxId() {
      return string(AGENT_PBX);
    }

    @Override
    public String agentExtension() {
      return string(AGENT_EXTENSION);
    }

    @Override
    public String callbackNumber() {
      return is(EventKind.CONTACT_OFFERED) ? string(EXTRA) : null;
    }

    @Override
    public int ringTimeoutSeconds() {
      return is(EventKind.CONTACT_OFFERED) ? integer(I1) : 0;
    }

    @Override
    public String trigger() {
      return is(EventKind.CONTACT_OFFERED) ? string(TEXT) : null;
    }

    @Override
    public AgentSelectionPolicy policy() {
      return is(EventKind.CONTACT_OFFERED) ? (AgentSelectionPolicy) ref(ENUM_A) : null;
    }

    @Override
    public ContactSelection selection() {
      return is(EventKind.CONTACT_OFFERED) ? (ContactSelection) ref(ENUM_B) : null;
    }

    @Override
    public int escalationStep() {
      return is(EventKind.CONTACT_OFFERED) ? integer(I0) : 0;
    }

    @Override
    public int eligibleAgents() {
      return is(EventKind.CONTACT_OFFERED) ? integer(I2) : 0;
    }

    @Override
    public int agentLevel() {
      return is(EventKind.CONTACT_OFFERED) ? integer(I3) : 0;
    }

    @Override
    public double effectivePriority() {
      return doubles[at];
    }

    @Override
    public long waitedMs() {
      switch (kinds[at]) {
        case CONTACT_OFFERED:
        case CONTACT_ANSWERED:
        case CONTACT_ABANDONED:
        case CONTACT_OVERFLOWED:
          return longs[at * LONGS + MS];
        default:
          return 0;
      }
    }

    @Override
    public String reason() {
      return is(EventKind.OFFER_REVOKED, EventKind.AGENT_STATE_CHANGED) ? string(TEXT) : null;
    }

    @Override
    public OfferFailure failure() {
      return is(EventKind.OFFER_NOT_TAKEN) ? (OfferFailure) ref(ENUM_A) : null;
    }

    @Override
    public int stepIndex() {
      return is(EventKind.CONTACT_ESCALATED) ? integer(I0) : 0;
    }

    @Override
    public String description() {
      return is(EventKind.CONTACT_ESCALATED) ? string(TEXT) : null;
    }

    @Override
    public String fromQueueId() {
      return is(EventKind.CONTACT_MOVED) ? string(QUEUE) : null;
    }

    @Override
    public String toQueueId() {
      return is(EventKind.CONTACT_MOVED) ? string(AGENT) : null;
    }

    @Override
    public OverflowAction action() {
      return is(EventKind.CONTACT_OVERFLOWED) ? (OverflowAction) ref(ENUM_A) : null;
    }

    @Override
    public String cause() {
      return is(EventKind.CONTACT_MOVED, EventKind.CONTACT_OVERFLOWED) ? string(TEXT) : null;
    }

    @Override
    public String number() {
      return is(EventKind.CALLBACK_REGISTERED) ? string(TEXT) : null;
    }

    @Override
    public long notBeforeMs() {
      return is(EventKind.CALLBACK_REGISTERED) ? longs[at * LONGS + MS] : 0;
    }

    @Override
    public long talkMs() {
      return is(EventKind.CONTACT_ENDED) ? longs[at * LONGS + MS] : 0;
    }

    @Override
    public AbandonReason abandonReason() {
      return is(EventKind.CONTACT_ABANDONED) ? (AbandonReason) ref(ENUM_A) : null;
    }

    @Override
    public int hangupCause() {
      return is(EventKind.CONTACT_ABANDONED) ? integer(I0) : 0;
    }

    @Override
    public AgentState previous() {
      return is(EventKind.AGENT_STATE_CHANGED) ? (AgentState) ref(ENUM_A) : null;
    }

    @Override
    public AgentState state() {
      return is(EventKind.AGENT_STATE_CHANGED) ? (AgentState) ref(ENUM_B) : null;
    }

    @Override
    public int score() {
      return is(EventKind.SURVEY_RECORDED) ? integer(I0) : 0;
    }

    @Override
    public RouterEvent toEvent() {
      if (made == null) {
        made = make();
      }
      return made;
    }

    private RouterEvent make() {
      long t = timestampMs();
      long ms = longs[at * LONGS + MS];
      switch (kinds[at]) {
        case CONTACT_QUEUED:
          return new RouterEvent.ContactQueued(
              t,
              contactId(),
              queueId(),
              type(),
              priority(),
              ms,
              requeued(),
              position(),
              pbxId(),
              channel(),
              callerId());
        case CONTACT_OFFERED:
          return new RouterEvent.ContactOffered(
              t,
              contactId(),
              queueId(),
              agentId(),
              type(),
              pbxId(),
              channel(),
              agentPbxId(),
              agentExtension(),
              callbackNumber(),
              ringTimeoutSeconds(),
              new DecisionReason(
                  trigger(),
                  policy(),
                  selection(),
                  escalationStep(),
                  eligibleAgents(),
                  agentLevel(),
                  ms,
                  effectivePriority()));
        case OFFER_REVOKED:
          return new RouterEvent.OfferRevoked(t, contactId(), string(AGENT), reason());
        case OFFER_NOT_TAKEN:
          return new RouterEvent.OfferNotTaken(t, contactId(), queueId(), agentId(), failure());
        case CONTACT_ESCALATED:
          return new RouterEvent.ContactEscalated(
              t, contactId(), queueId(), stepIndex(), description());
        case CONTACT_MOVED:
          return new RouterEvent.ContactMoved(t, contactId(), fromQueueId(), toQueueId(), cause());
        case CONTACT_OVERFLOWED:
          return new RouterEvent.ContactOverflowed(
              t, contactId(), queueId(), action(), cause(), ms, pbxId(), channel());
        case CALLBACK_OFFERED:
          return new RouterEvent.CallbackOffered(t, contactId(), queueId(), pbxId(), channel());
        case CALLBACK_REGISTERED:
          return new RouterEvent.CallbackRegistered(t, contactId(), queueId(), number(), ms);
        case CALLBACK_DUE:
          return new RouterEvent.CallbackDue(t, contactId(), queueId());
        case CONTACT_ANSWERED:
          return new RouterEvent.ContactAnswered(t, contactId(), queueId(), agentId(), ms);
        case CONTACT_ABANDONED:
          return new RouterEvent.ContactAbandoned(
              t, contactId(), queueId(), ms, abandonReason(), hangupCause());
        case CONTACT_ENDED:
          return new RouterEvent.ContactEnded(t, contactId(), queueId(), agentId(), ms);
        case AGENT_STATE_CHANGED:
          return new RouterEvent.AgentStateChanged(
              t, agentId(), previous(), state(), reason(), contactId());
        case SURVEY_RECORDED:
          return new RouterEvent.SurveyRecorded(t, contactId(), score());
        default:
          return (RouterEvent) ref(EXTRA);
      }
    }

    @Override
    public String toString() {
      return toEvent().toString();
    }
  }
}
