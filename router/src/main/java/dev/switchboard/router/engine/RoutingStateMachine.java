package dev.switchboard.router.engine;

import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.engine.ContactRuntime.Phase;
import dev.switchboard.router.model.Ranking;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routing engine: a pure, deterministic, single-threaded state machine from commands to events.
 * It never reads a clock or a random source; time is the command's timestamp. Decisions use indexes
 * ({@link MatchIndex}, {@link TimerHeap}, {@link QueueOrder}) so that their cost does not grow with
 * the number of agents or waiting contacts. The decision rules are written down in {@code
 * docs/routing.md}.
 *
 * <p>Created empty (no queues, no agents); configuration arrives as {@link
 * Command.ConfigurationChanged}.
 */
public final class RoutingStateMachine implements RoutingEngine {

  static final int TIMER_RING = 0;
  static final int TIMER_WRAP_UP = 1;
  static final int TIMER_CALLBACK = 2;
  static final int TIMER_MAX_WAIT = 3;
  static final int TIMER_ESCALATION = 4;

  /** Grace beyond the ring timeout before the engine revokes an unanswered offer itself. */
  static final long RING_GRACE_MS = 5_000;

  static final String TRIGGER_ARRIVED = "contact-arrived";
  static final String TRIGGER_AGENT = "agent-available";
  static final String TRIGGER_ESCALATION = "escalation";
  static final String TRIGGER_REQUEUE = "requeue";
  static final String TRIGGER_CALLBACK = "callback-due";
  static final String TRIGGER_CONFIGURATION = "configuration";

  final EngineState s = new EngineState();
  private final AgentLifecycle agents;
  private final Reconfiguration reconfiguration;
  private final ContactCommands contacts;

  private long nowMs;
  private EventSink sink;

  /** Moves left in the current escalation cascade; stops queues that escalate into each other. */
  private int moveBudget;

  /** An engine with no configuration. */
  public RoutingStateMachine() {
    this.agents = new AgentLifecycle(this);
    this.reconfiguration = new Reconfiguration(this, agents);
    this.contacts = new ContactCommands(this, agents);
  }

  long now() {
    return nowMs;
  }

  void emit(RouterEvent event) {
    sink.emit(event);
  }

  /** Where the current command's events go; the typed methods allocate nothing for it. */
  EventSink sink() {
    return sink;
  }

  @Override
  public void apply(long nowMs, Command command, EventSink sink) {
    this.nowMs = nowMs;
    this.sink = sink;
    this.moveBudget = s.queues.size() + 1;
    // Java 17 has no pattern switch; most frequent commands are tested first. The final else
    // is unreachable while Command stays sealed: it fails fast if a new command is added.
    if (command instanceof Command.Tick) {
      onTick();
    } else if (command instanceof Command.ContactArrived c) {
      onArrived(c);
    } else if (command instanceof Command.ContactAnswered c) {
      contacts.onAnswered(c);
    } else if (command instanceof Command.ContactEnded c) {
      contacts.onEnded(c);
    } else if (command instanceof Command.WrapUpDone c) {
      agents.onWrapUpDone(c);
    } else if (command instanceof Command.ContactAbandoned c) {
      contacts.onAbandoned(c);
    } else if (command instanceof Command.OfferFailed c) {
      contacts.onOfferFailed(c);
    } else if (command instanceof Command.AgentReady c) {
      agents.onReady(c);
    } else if (command instanceof Command.AgentPause c) {
      agents.onPause(c);
    } else if (command instanceof Command.AgentDeviceState c) {
      agents.onDeviceState(c);
    } else if (command instanceof Command.ContactTransferred c) {
      contacts.onTransferred(c);
    } else if (command instanceof Command.CallbackRequested c) {
      contacts.onCallbackRequested(c);
    } else if (command instanceof Command.SurveyRecorded c) {
      sink.surveyRecorded(nowMs, c.contactId(), c.score());
    } else if (command instanceof Command.AgentLogin c) {
      agents.onLogin(c);
    } else if (command instanceof Command.AgentLogout c) {
      agents.onLogout(c);
    } else if (command instanceof Command.AgentSkillsChanged c) {
      agents.onSkillsChanged(c);
    } else if (command instanceof Command.PbxLinkChanged c) {
      agents.onPbxLink(c);
    } else if (command instanceof Command.ConfigurationChanged c) {
      reconfiguration.onConfiguration(c.configuration());
    } else if (command instanceof Command.QueueChanged c) {
      reconfiguration.onQueueChanged(c);
    } else if (command instanceof Command.AnnouncementChanged c) {
      emit(new RouterEvent.AnnouncementChanged(nowMs, c.scope(), c.active(), c.prompt()));
    } else {
      throw new IllegalStateException("unhandled command " + command.getClass());
    }
    s.recycleReleased();
  }

  void reject(Command command, String code, String message) {
    emit(new RouterEvent.CommandRejected(nowMs, command, code, message));
  }

  // ---------------------------------------------------------------- contacts

  private void onArrived(Command.ContactArrived cmd) {
    QueueRuntime q = s.queueById.get(cmd.queueId());
    if (q == null) {
      reject(cmd, "unknown-queue", "no queue " + cmd.queueId());
      return;
    }
    if (s.contactById.containsKey(cmd.contactId())) {
      reject(cmd, "duplicate-contact", "contact " + cmd.contactId() + " is already routed");
      return;
    }
    long orig = cmd.originalArrivalMs();
    ContactRuntime c = s.newContact(cmd.contactId());
    c.seq = ++s.contactSeq;
    c.type = cmd.type();
    c.priority = cmd.priority();
    c.extraSkills = cmd.extraSkills();
    c.extraProfile = s.extraProfile(cmd.extraSkills());
    c.language = cmd.language();
    c.callerId = cmd.callerId();
    c.pbxId = cmd.pbxId();
    c.channel = cmd.channel();
    c.attributes = cmd.attributes();
    c.arrivedAtMs = orig > 0 && orig < nowMs ? orig : nowMs;
    c.callbackNumber = c.type == ContactType.CALLBACK ? c.callerId : "";
    c.phase = Phase.WAITING;
    place(c, q);
    emitQueued(c, false);
    int maxLength = q.config.maxLength();
    if (maxLength > 0 && s.order.size(q.orderRoot) > maxLength) {
      overflow(c, q.config.overflow(), "max length", TRIGGER_ARRIVED);
      return;
    }
    enterWaiting(c, TRIGGER_ARRIVED);
  }

  /** Puts a contact into a queue's order (it is not yet in a bucket). */
  private void place(ContactRuntime c, QueueRuntime q) {
    c.queue = q;
    c.queueId = q.id();
    c.rankKeyMs = Ranking.rankKeyMs(c.arrivedAtMs, c.priority, q.config.agingSecondsPerPriority());
    c.stepsApplied = 0;
    c.enteredQueueAtMs = nowMs;
    q.orderRoot = s.order.insert(q.orderRoot, c.slot, c.seq);
  }

  void emitQueued(ContactRuntime c, boolean requeued) {
    sink.contactQueued(
        nowMs,
        c.id,
        c.queueId,
        c.type,
        c.priority,
        c.arrivedAtMs,
        requeued,
        s.order.position(c.queue.orderRoot, c.slot),
        c.pbxId,
        c.channel,
        c.callerId);
  }

  /**
   * A contact (not in any bucket) becomes eligible: maximum wait and due escalation steps are
   * applied, timers set, then it goes into its bucket and to the best available agent, if any.
   */
  void enterWaiting(ContactRuntime c, String trigger) {
    c.phase = Phase.WAITING;
    if (c.type != ContactType.CALLBACK) {
      QueueConfiguration qc = c.queue.config;
      if (qc.maxWaitSeconds() > 0) {
        long due = c.enteredQueueAtMs + qc.maxWaitSeconds() * 1000L;
        if (due <= nowMs) {
          c.maxWaitDueMs = 0;
          overflow(c, qc.overflow(), "max wait", trigger);
          return;
        }
        schedule(c, TIMER_MAX_WAIT, due);
      } else {
        c.maxWaitDueMs = 0;
      }
      List<EscalationStep> steps = qc.escalation();
      while (c.stepsApplied < steps.size() && stepDueMs(c, steps.get(c.stepsApplied)) <= nowMs) {
        if (!applyStep(c, c.stepsApplied, trigger)) {
          return;
        }
      }
      if (c.stepsApplied < steps.size()) {
        schedule(c, TIMER_ESCALATION, stepDueMs(c, steps.get(c.stepsApplied)));
      } else {
        c.escalationDueMs = 0;
      }
    }
    s.index.addContact(c, bucketOf(c));
    offerToBestAgent(c, trigger);
  }

  static long stepDueMs(ContactRuntime c, EscalationStep step) {
    return c.arrivedAtMs + step.afterSeconds() * 1000L;
  }

  Bucket bucketOf(ContactRuntime c) {
    return s.index.bucketFor(
        c.queue, c.stepsApplied, c.extraProfile, c.extraSkills, c.type == ContactType.CHAT);
  }

  /** Applies step {@code i}; false when the contact left the queue (moved or overflowed). */
  private boolean applyStep(ContactRuntime c, int i, String trigger) {
    EscalationAction action = c.queue.config.escalation().get(i).action();
    c.stepsApplied = i + 1;
    sink.contactEscalated(nowMs, c.id, c.queueId, i, c.queue.stepDescription(i));
    if (action instanceof EscalationAction.OfferCallback) {
      if (c.type == ContactType.CALL) {
        sink.callbackOffered(nowMs, c.id, c.queueId, c.pbxId, c.channel);
      }
      return true;
    }
    if (action instanceof EscalationAction.MoveToQueue m) {
      if (moveBudget <= 0) {
        return true;
      }
      moveBudget--;
      moveTo(c, s.queueById.get(m.queueId()), "escalation", trigger);
      return false;
    }
    if (action instanceof EscalationAction.Overflow o) {
      if (o.target() instanceof OverflowAction.ToQueue) {
        if (moveBudget <= 0) {
          return true;
        }
        moveBudget--;
      }
      overflow(c, o.target(), "escalation", trigger);
      return false;
    }
    // RelaxLevels and AddSkills only change the requirement: the caller re-buckets the contact.
    return true;
  }

  static String describe(EscalationAction action) {
    if (action instanceof EscalationAction.RelaxLevels r) {
      return "relax levels to " + r.maxMinLevel();
    }
    if (action instanceof EscalationAction.AddSkills a) {
      return "add skills " + a.alternative();
    }
    if (action instanceof EscalationAction.MoveToQueue m) {
      return "move to queue " + m.queueId();
    }
    if (action instanceof EscalationAction.OfferCallback) {
      return "offer callback";
    }
    return "overflow";
  }

  /** The contact (in no bucket, not offered) leaves its queue by {@code action}. */
  private void overflow(ContactRuntime c, OverflowAction action, String cause, String trigger) {
    if (action instanceof OverflowAction.ToQueue t) {
      moveTo(c, s.queueById.get(t.queueId()), cause, trigger);
    } else {
      overflowOut(c, action, cause);
    }
  }

  void overflowOut(ContactRuntime c, OverflowAction action, String cause) {
    sink.contactOverflowed(
        nowMs, c.id, c.queueId, action, cause, nowMs - c.arrivedAtMs, c.pbxId, c.channel);
    forget(c);
  }

  /** Moves a waiting or scheduled contact (in no bucket) to another queue. */
  void moveTo(ContactRuntime c, QueueRuntime target, String cause, String trigger) {
    QueueRuntime from = c.queue;
    from.orderRoot = s.order.remove(from.orderRoot, c.slot);
    sink.contactMoved(nowMs, c.id, from.id(), target.id(), cause);
    place(c, target);
    emitQueued(c, false);
    if (c.phase == Phase.SCHEDULED) {
      return;
    }
    enterWaiting(c, trigger);
  }

  void offerToBestAgent(ContactRuntime c, String trigger) {
    AgentRuntime a = s.index.bestAgent(c.bucket, c.queue.config.policy());
    if (a != null) {
      offer(c, a, trigger, s.index.eligibleCount, s.index.chosenLevel);
    }
  }

  /** Offers the best waiting contact to a newly available agent, if it qualifies for any. */
  void offerToAgent(AgentRuntime a, String trigger) {
    ContactRuntime c = s.index.bestContact(a, s.selection, nowMs);
    if (c != null) {
      offer(c, a, trigger, s.index.countEligible(c.bucket), c.bucket.level(a.profile.id));
    }
  }

  private void offer(ContactRuntime c, AgentRuntime a, String trigger, int eligible, int level) {
    s.index.removeContact(c);
    QueueConfiguration qc = c.queue.config;
    long waited = nowMs - c.arrivedAtMs;
    c.phase = Phase.OFFERED;
    c.agent = a;
    c.agentId = a.id;
    schedule(c, TIMER_RING, nowMs + qc.ringTimeoutSeconds() * 1000L + RING_GRACE_MS);
    s.index.removeAgent(a);
    a.offered = c;
    a.lastOfferSeq = ++s.offerSeq;
    // The decision and its reason (a DecisionReason), field by field.
    sink.contactOffered(
        nowMs,
        c.id,
        c.queueId,
        a.id,
        c.type,
        c.pbxId,
        c.channel,
        a.config.pbxId(),
        a.config.extension(),
        c.callbackNumber,
        qc.ringTimeoutSeconds(),
        trigger,
        qc.policy(),
        s.selection,
        c.stepsApplied - 1,
        eligible,
        level,
        waited,
        Ranking.effectivePriority(c.priority, waited, qc.agingSecondsPerPriority()));
    agents.setState(a, AgentState.RESERVED, "", c.id);
  }

  /** An offered contact goes back to its original place and competes again. */
  void requeue(ContactRuntime c) {
    c.agent = null;
    c.agentId = "";
    c.ringDueMs = 0;
    c.phase = Phase.WAITING;
    emitQueued(c, true);
    enterWaiting(c, TRIGGER_REQUEUE);
  }

  /** Removes a contact from routing for good. */
  void forget(ContactRuntime c) {
    s.index.removeContact(c);
    if (c.phase != Phase.TALKING
        && c.queue != null
        && s.order.contains(c.queue.orderRoot, c.slot)) {
      c.queue.orderRoot = s.order.remove(c.queue.orderRoot, c.slot);
    }
    s.release(c);
  }

  // ---------------------------------------------------------------- timers

  void schedule(ContactRuntime c, int kind, long dueMs) {
    long current =
        switch (kind) {
          case TIMER_RING -> c.ringDueMs;
          case TIMER_CALLBACK -> c.callbackDueMs;
          case TIMER_MAX_WAIT -> c.maxWaitDueMs;
          default -> c.escalationDueMs;
        };
    switch (kind) {
      case TIMER_RING -> c.ringDueMs = dueMs;
      case TIMER_CALLBACK -> c.callbackDueMs = dueMs;
      case TIMER_MAX_WAIT -> c.maxWaitDueMs = dueMs;
      default -> c.escalationDueMs = dueMs;
    }
    if (current != dueMs) {
      s.timers.push(dueMs, kind, c.seq, c.slot);
    }
  }

  private void onTick() {
    TimerHeap timers = s.timers;
    while (!timers.isEmpty() && timers.peekDue() <= nowMs) {
      long due = timers.peekDue();
      int kind = timers.peekKind();
      long tie = timers.peekTie();
      int handle = timers.peekHandle();
      timers.pop();
      moveBudget = s.queues.size() + 1;
      if (kind == TIMER_WRAP_UP) {
        agents.wrapUpTimer(handle, due);
      } else {
        fireContactTimer(kind, handle, tie, due);
      }
    }
  }

  private void fireContactTimer(int kind, int slot, long seq, long due) {
    ContactRuntime c = s.contact(slot);
    if (c == null || c.seq != seq) {
      return;
    }
    switch (kind) {
      case TIMER_RING -> {
        if (c.phase == Phase.OFFERED && c.ringDueMs == due) {
          AgentRuntime a = c.agent;
          c.ringDueMs = 0;
          sink.offerRevoked(nowMs, c.id, a.id, "no answer");
          a.offered = null;
          agents.offerFailed(a, "no answer", c.id);
          requeue(c);
        }
      }
      case TIMER_CALLBACK -> {
        if (c.phase == Phase.SCHEDULED && c.callbackDueMs == due) {
          c.callbackDueMs = 0;
          sink.callbackDue(nowMs, c.id, c.queueId);
          enterWaiting(c, TRIGGER_CALLBACK);
        }
      }
      case TIMER_MAX_WAIT -> {
        if (c.phase == Phase.WAITING && c.maxWaitDueMs == due && c.type != ContactType.CALLBACK) {
          c.maxWaitDueMs = 0;
          s.index.removeContact(c);
          overflow(c, c.queue.config.overflow(), "max wait", TRIGGER_ESCALATION);
        }
      }
      default -> {
        if (c.phase == Phase.WAITING
            && c.escalationDueMs == due
            && c.type != ContactType.CALLBACK) {
          c.escalationDueMs = 0;
          s.index.removeContact(c);
          enterWaiting(c, TRIGGER_ESCALATION);
        }
      }
    }
  }

  // ---------------------------------------------------------------- state, snapshots, queries

  @Override
  public long stateHash() {
    try {
      EngineSnapshotCodec.HashingOutput out = new EngineSnapshotCodec.HashingOutput();
      EngineSnapshotCodec.write(s, new java.io.DataOutputStream(out));
      return out.hash();
    } catch (IOException e) {
      throw new IllegalStateException("hashing cannot fail", e);
    }
  }

  /** The hash is FNV-1a over the snapshot encoding, so it can be taken from the bytes. */
  @Override
  public long stateHashOf(byte[] snapshot) {
    return EngineSnapshotCodec.hash(snapshot);
  }

  @Override
  public void writeSnapshot(DataOutput out) throws IOException {
    EngineSnapshotCodec.write(s, out);
  }

  @Override
  public void readSnapshot(DataInput in) throws IOException {
    EngineSnapshotCodec.read(s, in);
    s.rebuildIndexes(this);
  }

  /** Contacts waiting or scheduled (not offered, not talking). For tests and diagnostics. */
  public int waitingCount() {
    int n = 0;
    for (ContactRuntime c : s.contactById.values()) {
      if (c.phase == Phase.WAITING || c.phase == Phase.SCHEDULED) {
        n++;
      }
    }
    return n;
  }

  /** Contacts in routing (any phase). */
  public int contactCount() {
    return s.contactById.size();
  }

  /**
   * The ids of the contacts waiting or scheduled in a queue, in rank order (offered ones left out);
   * empty for an unknown queue.
   */
  public List<String> waitingContacts(String queueId) {
    QueueRuntime q = s.queueById.get(queueId);
    List<String> out = new ArrayList<>();
    if (q == null) {
      return out;
    }
    for (int slot : s.order.inOrder(q.orderRoot)) {
      ContactRuntime c = s.contact(slot);
      if (c.phase != Phase.OFFERED) {
        out.add(c.id);
      }
    }
    return out;
  }

  /** An agent's state, or null for an unknown agent. */
  public AgentState agentState(String agentId) {
    AgentRuntime a = s.agentById.get(agentId);
    return a == null ? null : a.state;
  }

  /** An agent's pause reason (empty unless PAUSED), or null for an unknown agent. */
  public String pauseReason(String agentId) {
    AgentRuntime a = s.agentById.get(agentId);
    return a == null ? null : a.pauseReason;
  }

  /** The queue a contact is in, or null if it is not in routing. */
  public String contactQueue(String contactId) {
    ContactRuntime c = s.contactById.get(contactId);
    return c == null ? null : c.queueId;
  }

  /** The agent a contact is offered to or talking with, empty if none, null if unknown. */
  public String contactAgent(String contactId) {
    ContactRuntime c = s.contactById.get(contactId);
    return c == null ? null : c.agentId;
  }

  /** The contact's type now (a call becomes a callback), or null if unknown. */
  public ContactType contactType(String contactId) {
    ContactRuntime c = s.contactById.get(contactId);
    return c == null ? null : c.type;
  }

  /** The ids of the contacts an agent holds (offered or answered), in arrival order. */
  public List<String> agentContacts(String agentId) {
    AgentRuntime a = s.agentById.get(agentId);
    List<String> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    List<ContactRuntime> held = new ArrayList<>(a.chats);
    if (a.voice != null) {
      held.add(a.voice);
    }
    if (a.offered != null) {
      held.add(a.offered);
    }
    held.sort(Comparator.comparingLong(c -> c.seq));
    for (ContactRuntime c : held) {
      out.add(c.id);
    }
    return out;
  }

  /** Number of skill profiles and contact buckets the indexes hold (diagnostics). */
  public int[] indexSizes() {
    return new int[] {s.index.profileCount(), s.index.bucketCount(), s.timers.size()};
  }
}
