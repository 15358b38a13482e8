package dev.switchboard.router.engine;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DeviceState;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.model.Ranking;
import dev.switchboard.router.model.Requirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reference model: the routing rules of docs/routing.md written as plainly as possible, with
 * lists and full scans and no indexes. Slow on purpose; the differential property checks that the
 * fast engine makes exactly the decisions this model makes. It emits only the events the comparison
 * looks at (offers, queueing with position, terminal outcomes, revocations, agent state changes,
 * rejections).
 */
final class NaiveRoutingModel {

  static final class Agent {
    AgentConfiguration cfg;
    AgentState state = AgentState.LOGGED_OUT;
    String pauseReason = "";
    String pendingPause;
    DeviceState device = DeviceState.UNKNOWN;
    long availableSince;
    long talkMs;
    long lastOfferSeq;
    long wrapUpEnd;
    Contact offered;
    Contact voice;
    final List<Contact> chats = new ArrayList<>();
    boolean voiceFlag;
    boolean chatFlag;

    Agent(AgentConfiguration cfg) {
      this.cfg = cfg;
    }

    boolean holdsAnything() {
      return voice != null || !chats.isEmpty();
    }
  }

  enum Phase {
    WAITING,
    SCHEDULED,
    OFFERED,
    TALKING
  }

  static final class Contact {
    long seq;
    String id;
    QueueConfiguration queue;
    ContactType type;
    int priority;
    List<SkillRequirement> extra;
    long arrivedAt;
    long enteredQueueAt;
    long rankKey;
    int steps;
    Phase phase;
    boolean inBucket;
    Agent agent;
    String agentId = "";
    long answeredAt;
    int wrapUpSeconds;
    long escalationDue;
    long maxWaitDue;
    long ringDue;
    long callbackDue;
  }

  ContactSelection selection = ContactSelection.PRIORITY_AGE;
  final List<QueueConfiguration> queues = new ArrayList<>();
  final List<Agent> agents = new ArrayList<>();
  final List<Contact> contacts = new ArrayList<>();
  final Set<String> pbxDown = new HashSet<>();
  long contactSeq;
  long offerSeq;
  private long now;
  private List<RouterEvent> out;
  private int moveBudget;

  QueueConfiguration queue(String id) {
    for (QueueConfiguration q : queues) {
      if (q.id().equals(id)) {
        return q;
      }
    }
    return null;
  }

  Agent agent(String id) {
    for (Agent a : agents) {
      if (a.cfg.id().equals(id)) {
        return a;
      }
    }
    return null;
  }

  Contact contact(String id) {
    for (Contact c : contacts) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    return null;
  }

  int indexOf(Agent a) {
    return agents.indexOf(a);
  }

  void apply(long nowMs, Command command, List<RouterEvent> events) {
    now = nowMs;
    out = events;
    moveBudget = queues.size() + 1;
    if (command instanceof Command.Tick) {
      tick();
    } else if (command instanceof Command.ContactArrived c) {
      arrived(c);
    } else if (command instanceof Command.ContactAnswered c) {
      answered(c);
    } else if (command instanceof Command.ContactEnded c) {
      Contact k = contact(c.contactId());
      if (k == null) {
        reject(c, "unknown-contact");
      } else if (k.phase == Phase.TALKING) {
        endTalking(k);
      } else {
        abandon(k, AbandonReason.CALLER_HANGUP, 0);
      }
    } else if (command instanceof Command.ContactAbandoned c) {
      Contact k = contact(c.contactId());
      if (k == null) {
        reject(c, "unknown-contact");
      } else if (k.phase == Phase.TALKING) {
        endTalking(k);
      } else if (k.type != ContactType.CALLBACK) {
        abandon(k, c.reason(), c.hangupCause());
      }
    } else if (command instanceof Command.OfferFailed c) {
      offerFailed(c);
    } else if (command instanceof Command.ContactTransferred c) {
      transferred(c);
    } else if (command instanceof Command.CallbackRequested c) {
      callbackRequested(c);
    } else if (command instanceof Command.AgentLogin c) {
      Agent a = agentOrReject(c, c.agentId());
      if (a != null) {
        if (a.state != AgentState.LOGGED_OUT) {
          reject(c, "wrong-state");
        } else {
          a.talkMs = 0;
          a.pendingPause = null;
          setState(a, AgentState.PAUSED, "login");
        }
      }
    } else if (command instanceof Command.AgentReady c) {
      ready(c);
    } else if (command instanceof Command.AgentPause c) {
      pause(c);
    } else if (command instanceof Command.AgentLogout c) {
      Agent a = agentOrReject(c, c.agentId());
      if (a != null) {
        if (a.state == AgentState.LOGGED_OUT) {
          reject(c, "wrong-state");
        } else {
          Contact offered = logout(a, "logout");
          if (offered != null) {
            requeue(offered);
          }
        }
      }
    } else if (command instanceof Command.AgentSkillsChanged c) {
      Agent a = agentOrReject(c, c.agentId());
      if (a != null) {
        AgentConfiguration o = a.cfg;
        a.cfg =
            new AgentConfiguration(
                o.id(), o.name(), o.pbxId(), o.extension(), c.skills(), o.chatCapacity());
        if (a.voiceFlag || a.chatFlag) {
          offerToAgent(a, "configuration");
        }
      }
    } else if (command instanceof Command.WrapUpDone c) {
      Agent a = agentOrReject(c, c.agentId());
      if (a != null) {
        if (a.state != AgentState.WRAP_UP) {
          reject(c, "wrong-state");
        } else {
          finishWork(a);
        }
      }
    } else if (command instanceof Command.AgentDeviceState c) {
      Agent found = null;
      for (Agent a : agents) {
        if (a.cfg.pbxId().equals(c.pbxId()) && a.cfg.extension().equals(c.device())) {
          found = a;
        }
      }
      if (found == null) {
        reject(c, "unknown-device");
      } else {
        found.device = c.state();
        refresh(found);
      }
    } else if (command instanceof Command.PbxLinkChanged c) {
      link(c);
    } else if (command instanceof Command.ConfigurationChanged c) {
      configure(c.configuration());
    } else if (command instanceof Command.QueueChanged c) {
      queueChanged(c);
    }
  }

  private void reject(Command c, String code) {
    out.add(new RouterEvent.CommandRejected(now, c, code, ""));
  }

  private Agent agentOrReject(Command c, String id) {
    Agent a = agent(id);
    if (a == null) {
      reject(c, "unknown-agent");
    }
    return a;
  }

  // ------------------------------------------------------------ availability and qualification

  boolean canWork(Agent a) {
    return a.device.canTakeCall() && !pbxDown.contains(a.cfg.pbxId());
  }

  boolean voiceAvailable(Agent a) {
    return a.state == AgentState.READY && canWork(a);
  }

  boolean chatAvailable(Agent a) {
    int cap = a.cfg.chatCapacity();
    if (cap == 0 || a.pendingPause != null || a.offered != null || a.voice != null) {
      return false;
    }
    return (a.state == AgentState.READY || a.state == AgentState.BUSY)
        && a.chats.size() < cap
        && canWork(a);
  }

  Requirement requirement(Contact c) {
    return Requirement.of(c.queue, c.steps, c.extra);
  }

  boolean canTake(Agent a, Contact c) {
    boolean media = c.type == ContactType.CHAT ? a.chatFlag : a.voiceFlag;
    return media && requirement(c).qualifies(a.cfg.skills());
  }

  private void refresh(Agent a) {
    boolean v = voiceAvailable(a);
    boolean ch = chatAvailable(a);
    boolean entered = (v && !a.voiceFlag) || (ch && !a.chatFlag);
    a.voiceFlag = v;
    a.chatFlag = ch;
    if (entered) {
      a.availableSince = now;
      offerToAgent(a, "agent-available");
    }
  }

  // ------------------------------------------------------------ decisions

  private void offerToBestAgent(Contact c, String trigger) {
    Agent best = null;
    int bestLevel = -1;
    int count = 0;
    AgentSelectionPolicy policy = c.queue.policy();
    for (Agent a : agents) {
      if (!canTake(a, c)) {
        continue;
      }
      count++;
      int level = requirement(c).level(a.cfg.skills());
      if (best == null || agentBefore(policy, a, level, best, bestLevel)) {
        best = a;
        bestLevel = level;
      }
    }
    if (best != null) {
      offer(c, best, trigger, count, bestLevel);
    }
  }

  private boolean agentBefore(AgentSelectionPolicy p, Agent x, int xl, Agent y, int yl) {
    long kx;
    long ky;
    switch (p) {
      case LEAST_OCCUPIED -> {
        kx = x.talkMs;
        ky = y.talkMs;
      }
      case ROUND_ROBIN -> {
        kx = x.lastOfferSeq;
        ky = y.lastOfferSeq;
      }
      case MOST_SKILLED -> {
        if (xl != yl) {
          return xl > yl;
        }
        kx = x.availableSince;
        ky = y.availableSince;
      }
      default -> {
        kx = x.availableSince;
        ky = y.availableSince;
      }
    }
    if (kx != ky) {
      return kx < ky;
    }
    return indexOf(x) < indexOf(y);
  }

  private void offerToAgent(Agent a, String trigger) {
    Contact best = null;
    for (Contact c : contacts) {
      if (c.phase != Phase.WAITING || !c.inBucket || !canTake(a, c)) {
        continue;
      }
      if (best == null || contactBefore(c, best)) {
        best = c;
      }
    }
    if (best != null) {
      int count = 0;
      for (Agent x : agents) {
        if (canTake(x, best)) {
          count++;
        }
      }
      offer(best, a, trigger, count, requirement(best).level(a.cfg.skills()));
    }
  }

  private boolean contactBefore(Contact x, Contact y) {
    if (selection == ContactSelection.SERVICE_LEVEL) {
      long lhs = (now - x.arrivedAt) * y.queue.serviceLevel().targetSeconds();
      long rhs = (now - y.arrivedAt) * x.queue.serviceLevel().targetSeconds();
      if (lhs != rhs) {
        return lhs > rhs;
      }
    }
    return rankBefore(x, y);
  }

  private static boolean rankBefore(Contact x, Contact y) {
    return x.rankKey != y.rankKey ? x.rankKey < y.rankKey : x.seq < y.seq;
  }

  private void offer(Contact c, Agent a, String trigger, int count, int level) {
    c.inBucket = false;
    c.phase = Phase.OFFERED;
    c.agent = a;
    c.agentId = a.cfg.id();
    c.ringDue = now + c.queue.ringTimeoutSeconds() * 1000L + 5000;
    a.voiceFlag = false;
    a.chatFlag = false;
    a.offered = c;
    a.lastOfferSeq = ++offerSeq;
    long waited = now - c.arrivedAt;
    out.add(
        new RouterEvent.ContactOffered(
            now,
            c.id,
            c.queue.id(),
            a.cfg.id(),
            c.type,
            "",
            "",
            a.cfg.pbxId(),
            a.cfg.extension(),
            "",
            c.queue.ringTimeoutSeconds(),
            new dev.switchboard.router.api.DecisionReason(
                trigger,
                c.queue.policy(),
                selection,
                c.steps - 1,
                count,
                level,
                waited,
                Ranking.effectivePriority(c.priority, waited, c.queue.agingSecondsPerPriority()))));
    setState(a, AgentState.RESERVED, "");
  }

  private void setState(Agent a, AgentState state, String reason) {
    AgentState prev = a.state;
    a.state = state;
    a.pauseReason = state == AgentState.PAUSED ? reason : "";
    out.add(new RouterEvent.AgentStateChanged(now, a.cfg.id(), prev, state, a.pauseReason, ""));
  }

  // ------------------------------------------------------------ contacts

  private void arrived(Command.ContactArrived cmd) {
    QueueConfiguration q = queue(cmd.queueId());
    if (q == null) {
      reject(cmd, "unknown-queue");
      return;
    }
    if (contact(cmd.contactId()) != null) {
      reject(cmd, "duplicate-contact");
      return;
    }
    Contact c = new Contact();
    c.seq = ++contactSeq;
    c.id = cmd.contactId();
    c.type = cmd.type();
    c.priority = cmd.priority();
    c.extra = cmd.extraSkills();
    long orig = cmd.originalArrivalMs();
    c.arrivedAt = orig > 0 && orig < now ? orig : now;
    c.phase = Phase.WAITING;
    contacts.add(c);
    place(c, q);
    queued(c, false);
    if (q.maxLength() > 0 && queueLength(q) > q.maxLength()) {
      overflow(c, q.overflow(), "max length", "contact-arrived");
      return;
    }
    enterWaiting(c, "contact-arrived");
  }

  private void place(Contact c, QueueConfiguration q) {
    c.queue = q;
    c.rankKey = Ranking.rankKeyMs(c.arrivedAt, c.priority, q.agingSecondsPerPriority());
    c.steps = 0;
    c.enteredQueueAt = now;
  }

  private boolean inQueueOrder(Contact c) {
    return c.phase != Phase.TALKING;
  }

  int queueLength(QueueConfiguration q) {
    int n = 0;
    for (Contact c : contacts) {
      if (c.queue.id().equals(q.id()) && inQueueOrder(c)) {
        n++;
      }
    }
    return n;
  }

  private void queued(Contact c, boolean requeued) {
    int position = 1;
    for (Contact o : contacts) {
      if (o != c && o.queue.id().equals(c.queue.id()) && inQueueOrder(o) && rankBefore(o, c)) {
        position++;
      }
    }
    out.add(
        new RouterEvent.ContactQueued(
            now,
            c.id,
            c.queue.id(),
            c.type,
            c.priority,
            c.arrivedAt,
            requeued,
            position,
            "",
            "",
            ""));
  }

  private void enterWaiting(Contact c, String trigger) {
    c.phase = Phase.WAITING;
    if (c.type != ContactType.CALLBACK) {
      QueueConfiguration q = c.queue;
      if (q.maxWaitSeconds() > 0) {
        long due = c.enteredQueueAt + q.maxWaitSeconds() * 1000L;
        if (due <= now) {
          c.maxWaitDue = 0;
          overflow(c, q.overflow(), "max wait", trigger);
          return;
        }
        c.maxWaitDue = due;
      } else {
        c.maxWaitDue = 0;
      }
      List<EscalationStep> steps = q.escalation();
      while (c.steps < steps.size() && stepDue(c, steps.get(c.steps)) <= now) {
        if (!applyStep(c, c.steps, trigger)) {
          return;
        }
      }
      c.escalationDue = c.steps < steps.size() ? stepDue(c, steps.get(c.steps)) : 0;
    }
    c.inBucket = true;
    offerToBestAgent(c, trigger);
  }

  private static long stepDue(Contact c, EscalationStep step) {
    return c.arrivedAt + step.afterSeconds() * 1000L;
  }

  private boolean applyStep(Contact c, int i, String trigger) {
    EscalationAction action = c.queue.escalation().get(i).action();
    c.steps = i + 1;
    out.add(new RouterEvent.ContactEscalated(now, c.id, c.queue.id(), i, ""));
    if (action instanceof EscalationAction.MoveToQueue m) {
      if (moveBudget <= 0) {
        return true;
      }
      moveBudget--;
      moveTo(c, queue(m.queueId()), "escalation", trigger);
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
    return true;
  }

  private void overflow(Contact c, OverflowAction action, String cause, String trigger) {
    if (action instanceof OverflowAction.ToQueue t) {
      moveTo(c, queue(t.queueId()), cause, trigger);
    } else {
      overflowOut(c, action, cause);
    }
  }

  private void overflowOut(Contact c, OverflowAction action, String cause) {
    out.add(
        new RouterEvent.ContactOverflowed(
            now, c.id, c.queue.id(), action, cause, now - c.arrivedAt, "", ""));
    contacts.remove(c);
  }

  private void moveTo(Contact c, QueueConfiguration target, String cause, String trigger) {
    c.inBucket = false;
    out.add(new RouterEvent.ContactMoved(now, c.id, c.queue.id(), target.id(), cause));
    place(c, target);
    queued(c, false);
    if (c.phase == Phase.SCHEDULED) {
      return;
    }
    enterWaiting(c, trigger);
  }

  private void requeue(Contact c) {
    c.agent = null;
    c.agentId = "";
    c.ringDue = 0;
    c.phase = Phase.WAITING;
    queued(c, true);
    enterWaiting(c, "requeue");
  }

  private void abandon(Contact c, AbandonReason reason, int cause) {
    Agent a = c.phase == Phase.OFFERED ? c.agent : null;
    out.add(
        new RouterEvent.ContactAbandoned(
            now, c.id, c.queue.id(), now - c.arrivedAt, reason, cause));
    contacts.remove(c);
    if (a != null) {
      a.offered = null;
      withdrawn(a, true);
    }
  }

  private void endTalking(Contact c) {
    Agent a = c.agent;
    long talk = now - c.answeredAt;
    out.add(new RouterEvent.ContactEnded(now, c.id, c.queue.id(), c.agentId, talk));
    contacts.remove(c);
    if (a != null && (a.voice == c || a.chats.contains(c))) {
      if (a.voice == c) {
        a.voice = null;
      } else {
        a.chats.remove(c);
      }
      a.talkMs += talk;
      if (a.state == AgentState.BUSY && !a.holdsAnything()) {
        if (c.wrapUpSeconds > 0) {
          a.voiceFlag = false;
          a.chatFlag = false;
          a.wrapUpEnd = now + c.wrapUpSeconds * 1000L;
          setState(a, AgentState.WRAP_UP, "");
        } else {
          finishWork(a);
        }
      } else if (!a.chatFlag) {
        refresh(a);
      }
    }
  }

  private void answered(Command.ContactAnswered cmd) {
    Contact c = contact(cmd.contactId());
    Agent a = agent(cmd.agentId());
    if (!checkOffer(cmd, c, a)) {
      return;
    }
    c.phase = Phase.TALKING;
    c.answeredAt = now;
    c.wrapUpSeconds = c.queue.wrapUpSeconds();
    c.ringDue = 0;
    a.offered = null;
    if (c.type == ContactType.CHAT) {
      a.chats.add(c);
    } else {
      a.voice = c;
    }
    out.add(
        new RouterEvent.ContactAnswered(now, c.id, c.queue.id(), a.cfg.id(), now - c.arrivedAt));
    setState(a, AgentState.BUSY, "");
    refresh(a);
  }

  private boolean checkOffer(Command cmd, Contact c, Agent a) {
    if (c == null) {
      reject(cmd, "unknown-contact");
      return false;
    }
    if (a == null) {
      reject(cmd, "unknown-agent");
      return false;
    }
    if (c.phase != Phase.OFFERED) {
      reject(cmd, "wrong-state");
      return false;
    }
    if (c.agent != a) {
      reject(cmd, "wrong-agent");
      return false;
    }
    return true;
  }

  private void offerFailed(Command.OfferFailed cmd) {
    Contact c = contact(cmd.contactId());
    Agent a = agent(cmd.agentId());
    if (!checkOffer(cmd, c, a)) {
      return;
    }
    out.add(new RouterEvent.OfferNotTaken(now, c.id, c.queue.id(), a.cfg.id(), cmd.failure()));
    a.offered = null;
    failAgent(a, cmd.failure().pauseReason());
    requeue(c);
  }

  private void failAgent(Agent a, String reason) {
    if (a.holdsAnything()) {
      a.pendingPause = reason;
      setState(a, AgentState.BUSY, "");
    } else {
      a.pendingPause = null;
      setState(a, AgentState.PAUSED, reason);
    }
    refresh(a);
  }

  private void transferred(Command.ContactTransferred cmd) {
    Contact c = contact(cmd.contactId());
    if (c == null) {
      reject(cmd, "unknown-contact");
      return;
    }
    QueueConfiguration q = queue(cmd.toQueueId());
    if (q == null) {
      reject(cmd, "unknown-queue");
      return;
    }
    if ((c.phase != Phase.WAITING && c.phase != Phase.SCHEDULED) || c.queue.id().equals(q.id())) {
      reject(cmd, "wrong-state");
      return;
    }
    moveTo(c, q, "transfer", "contact-arrived");
  }

  private void callbackRequested(Command.CallbackRequested cmd) {
    Contact c = contact(cmd.contactId());
    if (c == null) {
      reject(cmd, "unknown-contact");
      return;
    }
    if (c.phase != Phase.WAITING || c.type != ContactType.CALL) {
      reject(cmd, "wrong-state");
      return;
    }
    c.type = ContactType.CALLBACK;
    c.escalationDue = 0;
    c.maxWaitDue = 0;
    out.add(new RouterEvent.CallbackRegistered(now, c.id, c.queue.id(), cmd.number(), 0));
    if (cmd.notBeforeMs() > now) {
      c.inBucket = false;
      c.phase = Phase.SCHEDULED;
      c.callbackDue = cmd.notBeforeMs();
    }
  }

  // ------------------------------------------------------------ agents

  private void withdrawn(Agent a, boolean match) {
    if (a.holdsAnything()) {
      setState(a, AgentState.BUSY, "");
    } else if (a.pendingPause != null) {
      String r = a.pendingPause;
      a.pendingPause = null;
      setState(a, AgentState.PAUSED, r);
    } else {
      setState(a, AgentState.READY, "");
    }
    if (match) {
      refresh(a);
    }
  }

  private void finishWork(Agent a) {
    a.wrapUpEnd = 0;
    if (a.pendingPause != null) {
      String r = a.pendingPause;
      a.pendingPause = null;
      setState(a, AgentState.PAUSED, r);
    } else {
      setState(a, AgentState.READY, "");
    }
    refresh(a);
  }

  private void ready(Command.AgentReady cmd) {
    Agent a = agentOrReject(cmd, cmd.agentId());
    if (a == null) {
      return;
    }
    switch (a.state) {
      case PAUSED -> {
        setState(a, AgentState.READY, "");
        refresh(a);
      }
      case WRAP_UP -> {
        a.pendingPause = null;
        finishWork(a);
      }
      case RESERVED, BUSY -> {
        if (a.pendingPause == null) {
          reject(cmd, "wrong-state");
        } else {
          a.pendingPause = null;
          refresh(a);
        }
      }
      default -> reject(cmd, "wrong-state");
    }
  }

  private void pause(Command.AgentPause cmd) {
    Agent a = agentOrReject(cmd, cmd.agentId());
    if (a == null) {
      return;
    }
    switch (a.state) {
      case READY -> {
        setState(a, AgentState.PAUSED, cmd.reason());
        refresh(a);
      }
      case PAUSED -> {
        if (a.pauseReason.equals(cmd.reason())) {
          reject(cmd, "wrong-state");
        } else {
          setState(a, AgentState.PAUSED, cmd.reason());
        }
      }
      case RESERVED, BUSY, WRAP_UP -> {
        a.pendingPause = cmd.reason();
        refresh(a);
      }
      default -> reject(cmd, "wrong-state");
    }
  }

  private Contact logout(Agent a, String reason) {
    Contact offered = a.offered;
    if (offered != null) {
      a.offered = null;
      out.add(new RouterEvent.OfferRevoked(now, offered.id, a.cfg.id(), reason));
    }
    if (a.voice != null) {
      a.voice.agent = null;
      a.voice = null;
    }
    for (Contact c : a.chats) {
      c.agent = null;
    }
    a.chats.clear();
    a.pendingPause = null;
    a.wrapUpEnd = 0;
    a.voiceFlag = false;
    a.chatFlag = false;
    if (a.state != AgentState.LOGGED_OUT) {
      setState(a, AgentState.LOGGED_OUT, "");
    }
    return offered;
  }

  private void link(Command.PbxLinkChanged cmd) {
    List<Agent> on = new ArrayList<>();
    for (Agent a : agents) {
      if (a.cfg.pbxId().equals(cmd.pbxId())) {
        on.add(a);
      }
    }
    if (cmd.up()) {
      if (pbxDown.remove(cmd.pbxId())) {
        for (Agent a : on) {
          refresh(a);
        }
      }
      return;
    }
    if (!pbxDown.add(cmd.pbxId())) {
      return;
    }
    for (Agent a : on) {
      refresh(a);
    }
    for (Agent a : on) {
      Contact c = a.offered;
      if (c != null) {
        a.offered = null;
        out.add(new RouterEvent.OfferRevoked(now, c.id, a.cfg.id(), "pbx down"));
        withdrawn(a, true);
        requeue(c);
      }
    }
  }

  // ------------------------------------------------------------ timers

  private void tick() {
    while (true) {
      long bestDue = Long.MAX_VALUE;
      int bestKind = Integer.MAX_VALUE;
      long bestTie = Long.MAX_VALUE;
      Object target = null;
      for (int i = 0; i < agents.size(); i++) {
        Agent a = agents.get(i);
        if (a.state == AgentState.WRAP_UP && a.wrapUpEnd <= now) {
          if (before(a.wrapUpEnd, 1, i, bestDue, bestKind, bestTie)) {
            bestDue = a.wrapUpEnd;
            bestKind = 1;
            bestTie = i;
            target = a;
          }
        }
      }
      for (Contact c : contacts) {
        long[][] timers = {
          {c.phase == Phase.OFFERED ? c.ringDue : 0, 0},
          {c.phase == Phase.SCHEDULED ? c.callbackDue : 0, 2},
          {live(c) ? c.maxWaitDue : 0, 3},
          {live(c) ? c.escalationDue : 0, 4}
        };
        for (long[] t : timers) {
          if (t[0] != 0
              && t[0] <= now
              && before(t[0], (int) t[1], c.seq, bestDue, bestKind, bestTie)) {
            bestDue = t[0];
            bestKind = (int) t[1];
            bestTie = c.seq;
            target = c;
          }
        }
      }
      if (target == null) {
        return;
      }
      moveBudget = queues.size() + 1;
      fire(target, bestKind);
    }
  }

  private static boolean live(Contact c) {
    return c.phase == Phase.WAITING && c.type != ContactType.CALLBACK;
  }

  private static boolean before(long d, int k, long t, long d2, int k2, long t2) {
    if (d != d2) {
      return d < d2;
    }
    if (k != k2) {
      return k < k2;
    }
    return t < t2;
  }

  private void fire(Object target, int kind) {
    if (target instanceof Agent a) {
      finishWork(a);
      return;
    }
    Contact c = (Contact) target;
    switch (kind) {
      case 0 -> {
        Agent a = c.agent;
        c.ringDue = 0;
        out.add(new RouterEvent.OfferRevoked(now, c.id, a.cfg.id(), "no answer"));
        a.offered = null;
        failAgent(a, "no answer");
        requeue(c);
      }
      case 2 -> {
        c.callbackDue = 0;
        out.add(new RouterEvent.CallbackDue(now, c.id, c.queue.id()));
        enterWaiting(c, "callback-due");
      }
      case 3 -> {
        c.maxWaitDue = 0;
        c.inBucket = false;
        overflow(c, c.queue.overflow(), "max wait", "escalation");
      }
      default -> {
        c.escalationDue = 0;
        c.inBucket = false;
        enterWaiting(c, "escalation");
      }
    }
  }

  // ------------------------------------------------------------ configuration

  private void configure(RouterConfiguration cfg) {
    selection = cfg.selection();
    List<Contact> requeued = new ArrayList<>();
    for (Agent a : new ArrayList<>(agents)) {
      boolean kept = false;
      for (AgentConfiguration ac : cfg.agents()) {
        kept |= ac.id().equals(a.cfg.id());
      }
      if (!kept) {
        Contact c = logout(a, "agent removed");
        if (c != null) {
          c.agent = null;
          c.agentId = "";
          c.ringDue = 0;
          c.phase = Phase.WAITING;
          requeued.add(c);
        }
      }
    }
    for (QueueConfiguration q : queues) {
      if (cfg.queue(q.id()) == null) {
        removeQueue(q, requeued);
      }
    }
    List<Agent> list = new ArrayList<>();
    for (AgentConfiguration ac : cfg.agents()) {
      Agent a = agent(ac.id());
      if (a == null) {
        a = new Agent(ac);
      }
      a.cfg = ac;
      list.add(a);
    }
    agents.clear();
    agents.addAll(list);
    queues.clear();
    queues.addAll(cfg.queues());
    for (Contact c : contacts) {
      if (c.phase != Phase.TALKING) {
        c.queue = queue(c.queue.id());
      }
    }
    reconfigured(requeued);
  }

  private void queueChanged(Command.QueueChanged cmd) {
    QueueConfiguration qc = cmd.queue();
    List<String> targets = new ArrayList<>();
    if (qc.overflow() instanceof OverflowAction.ToQueue t) {
      targets.add(t.queueId());
    }
    for (EscalationStep s : qc.escalation()) {
      if (s.action() instanceof EscalationAction.MoveToQueue m) {
        targets.add(m.queueId());
      } else if (s.action() instanceof EscalationAction.Overflow o
          && o.target() instanceof OverflowAction.ToQueue t) {
        targets.add(t.queueId());
      }
    }
    for (String t : targets) {
      if (!t.equals(qc.id()) && queue(t) == null) {
        reject(cmd, "unknown-queue");
        return;
      }
    }
    QueueConfiguration old = queue(qc.id());
    if (old == null) {
      queues.add(qc);
    } else {
      queues.set(queues.indexOf(old), qc);
    }
    for (Contact c : contacts) {
      if (c.phase != Phase.TALKING && c.queue.id().equals(qc.id())) {
        c.queue = qc;
      }
    }
    reconfigured(List.of());
  }

  private void removeQueue(QueueConfiguration q, List<Contact> requeued) {
    List<Contact> in = new ArrayList<>();
    for (Contact c : contacts) {
      if (c.queue.id().equals(q.id()) && inQueueOrder(c)) {
        in.add(c);
      }
    }
    in.sort((x, y) -> rankBefore(x, y) ? -1 : 1);
    for (Contact c : in) {
      if (c.phase == Phase.OFFERED) {
        Agent a = c.agent;
        out.add(new RouterEvent.OfferRevoked(now, c.id, a.cfg.id(), "queue removed"));
        a.offered = null;
        withdrawn(a, false);
      }
      requeued.remove(c);
      overflowOut(c, new OverflowAction.Disconnect(), "queue removed");
    }
  }

  private void reconfigured(List<Contact> requeued) {
    for (Contact c : contacts) {
      if (c.phase == Phase.TALKING) {
        continue;
      }
      QueueConfiguration q = c.queue;
      c.rankKey = Ranking.rankKeyMs(c.arrivedAt, c.priority, q.agingSecondsPerPriority());
      c.steps = Math.min(c.steps, q.escalation().size());
      if (c.type != ContactType.CALLBACK) {
        c.escalationDue =
            c.steps < q.escalation().size() ? stepDue(c, q.escalation().get(c.steps)) : 0;
        c.maxWaitDue = q.maxWaitSeconds() > 0 ? c.enteredQueueAt + q.maxWaitSeconds() * 1000L : 0;
      }
      c.inBucket = c.phase == Phase.WAITING;
    }
    for (Agent a : agents) {
      a.voiceFlag = voiceAvailable(a);
      a.chatFlag = chatAvailable(a);
    }
    for (Contact c : requeued) {
      queued(c, true);
    }
    List<Contact> waiting = new ArrayList<>();
    for (Contact c : contacts) {
      if (c.phase == Phase.WAITING) {
        waiting.add(c);
      }
    }
    waiting.sort(Comparator.comparingLong((Contact c) -> c.rankKey).thenComparingLong(c -> c.seq));
    for (Contact c : waiting) {
      if (c.phase == Phase.WAITING && c.inBucket) {
        offerToBestAgent(c, "configuration");
      }
    }
  }
}
