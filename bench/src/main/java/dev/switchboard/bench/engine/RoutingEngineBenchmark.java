package dev.switchboard.bench.engine;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.EventView;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.engine.EventBuffer;
import dev.switchboard.router.engine.EventSink;
import dev.switchboard.router.engine.RoutingStateMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link RoutingStateMachine#apply} on a steady-state mix. One operation is one
 * contact's life, four commands: an agent's talking contact ends (the agent goes to wrap-up), the
 * agent finishes wrap-up ({@code WrapUpDone}: an agent-side decision), the contact it is offered is
 * answered, and a new contact arrives (a contact-side decision). Virtual time advances 1 ms per
 * operation and a {@code Tick} is applied every 10 ms, as the timer thread would.
 *
 * <p>Agents come from {@value #PROFILES} skill profiles over {@value #SKILLS} skills (each profile
 * has 10 skills, levels 1–10); each queue needs one skill. With {@code backlog = 0} every agent but
 * one is talking and the arriving contact goes straight to the free one; with a backlog, all agents
 * talk and {@code backlog} contacts wait spread over the queues, so the freed agent picks the best
 * waiting contact and the arrival waits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class RoutingEngineBenchmark {

  static final int PROFILES = 20;
  static final int SKILLS = 40;

  @Param({"1000", "10000", "100000"})
  int agents;

  @Param({"100", "5000"})
  int queues;

  @Param({"0", "1000"})
  int backlog;

  private RoutingStateMachine engine;
  private long now;
  private long nextContact;
  private String[] agentIds;
  private String[] queueIds;

  /** Agent index → the contact it holds (talking), maintained from ContactOffered events. */
  private String[] holding;

  private int cursor;
  private String lastOfferedContact;
  private String lastOfferedAgent;
  private final Map<String, Integer> agentIndex = new HashMap<>();

  /**
   * Where the events go: {@code buffer} stores every event in an {@link EventBuffer} as the router
   * does; {@code offers} keeps only the offer's contact and agent and drops the rest without making
   * them (the engine's own cost).
   */
  @Param({"buffer", "offers"})
  public String events;

  private final EventBuffer buffer = new EventBuffer();

  private boolean dropEvents;

  private final EventSink offersOnly =
      new EventSink.Discard() {
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
          lastOfferedContact = contactId;
          lastOfferedAgent = agentId;
        }
      };

  @Setup(Level.Trial)
  public void setUp() {
    dropEvents = events.equals("offers");
    engine = new RoutingStateMachine();
    now = 1_000_000_000L;
    List<QueueConfiguration> qs = new ArrayList<>();
    queueIds = new String[queues];
    for (int q = 0; q < queues; q++) {
      queueIds[q] = "q" + q;
      qs.add(
          new QueueConfiguration(
              queueIds[q],
              null,
              List.of(new SkillRequirement("s" + (q % SKILLS), 1)),
              ServiceLevelTarget.defaults(),
              AgentSelectionPolicy.LONGEST_IDLE,
              30,
              15,
              0,
              0,
              new OverflowAction.Disconnect(),
              List.of(),
              30,
              0));
    }
    List<AgentConfiguration> as = new ArrayList<>();
    agentIds = new String[agents];
    holding = new String[agents];
    for (int i = 0; i < agents; i++) {
      agentIds[i] = "a" + i;
      agentIndex.put(agentIds[i], i);
      as.add(
          new AgentConfiguration(agentIds[i], null, "pbx1", "ext" + i, profile(i % PROFILES), 0));
    }
    apply(
        new Command.ConfigurationChanged(
            new RouterConfiguration(qs, as, ContactSelection.PRIORITY_AGE)));
    for (String id : agentIds) {
      apply(new Command.AgentLogin(id));
      apply(new Command.AgentReady(id));
    }
    // Fill every agent with a talking contact (queue chosen so the agent qualifies), then queue
    // the backlog.
    int busy = backlog == 0 ? agents - 1 : agents;
    for (int i = 0; i < busy; i++) {
      arriveFor(i % PROFILES);
      answerLastOffer();
    }
    for (int i = 0; i < backlog; i++) {
      apply(Command.ContactArrived.call("c" + nextContact++, queueIds[(i * 7) % queues], i % 3));
    }
  }

  private static Map<String, Integer> profile(int p) {
    Map<String, Integer> skills = new TreeMap<>();
    for (int k = 0; k < 10; k++) {
      skills.put("s" + ((2 * p + k) % SKILLS), 1 + (p + k) % 10);
    }
    return skills;
  }

  /** A contact for a queue that agents of profile {@code p} serve. */
  private void arriveFor(int p) {
    int skill = (2 * p) % SKILLS;
    int q = skill + SKILLS * (int) (nextContact % Math.max(1, queues / SKILLS));
    apply(Command.ContactArrived.call("c" + nextContact++, queueIds[q % queues], 0));
  }

  private void answerLastOffer() {
    if (lastOfferedContact == null) {
      return;
    }
    apply(new Command.ContactAnswered(lastOfferedContact, lastOfferedAgent));
    holding[agentIndex.get(lastOfferedAgent)] = lastOfferedContact;
    lastOfferedContact = null;
  }

  private void apply(Command c) {
    if (dropEvents) {
      engine.apply(now, c, offersOnly);
      return;
    }
    engine.apply(now, c, buffer);
    for (int i = 0, n = buffer.size(); i < n; i++) {
      EventView e = buffer.view(i);
      if (e.kind() == EventKind.CONTACT_OFFERED) {
        lastOfferedContact = e.contactId();
        lastOfferedAgent = e.agentId();
      }
    }
    buffer.clear();
  }

  /** One contact's life: end, wrap-up done (agent-side decision), answer, arrival. */
  @Benchmark
  public long cycle() {
    now += 1;
    if (now % 10 == 0) {
      // the timer thread's Tick, every 10 ms of virtual time: fires due timers, drops stale ones
      apply(Command.TICK);
    }
    int i = cursor;
    while (holding[i] == null) {
      i = (i + 1) % agents;
    }
    cursor = (i + 1) % agents;
    String contact = holding[i];
    holding[i] = null;
    apply(new Command.ContactEnded(contact));
    apply(new Command.WrapUpDone(agentIds[i]));
    answerLastOffer();
    arriveFor(i % PROFILES);
    answerLastOffer();
    return nextContact;
  }
}
