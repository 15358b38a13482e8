package dev.switchboard.bench.harness;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A call-center traffic source for benchmarks: it configures {@code queues} queues (one skill each)
 * and {@code agents} agents (two skills each), logs everyone in and ready, then produces a stream
 * of commands that follows the router's decisions: every offer it hears about is answered, answered
 * calls end once enough are talking, every end is followed by the agent's wrap-up done, and new
 * calls arrive in between, with a tick every 100 commands. Arrivals stop while {@code maxWaiting}
 * calls are waiting for an answer (the router's answers come back asynchronously); meanwhile the
 * stream is ticks, so the state stays at a steady size instead of growing without bound.
 *
 * <p>Threads: {@link #onEvent} runs on the router's dispatch thread and only appends to a
 * concurrent queue; {@link #next()} runs on the one producer thread.
 */
public final class CallCenterWorkload implements RouterEventListener {
  private final int agents;
  private final int queues;
  private final int maxTalking;
  private final int maxWaiting;
  private long answered;
  private final ConcurrentLinkedQueue<RouterEvent.ContactOffered> offers =
      new ConcurrentLinkedQueue<>();
  private final ArrayDeque<RouterEvent.ContactOffered> talking = new ArrayDeque<>();
  private final ArrayDeque<String> wrapUps = new ArrayDeque<>();
  private long produced;
  private long arrivals;

  /**
   * @param agents agents configured and made ready
   * @param queues queues configured
   */
  public CallCenterWorkload(int agents, int queues) {
    this.agents = agents;
    this.queues = queues;
    this.maxTalking = Math.max(1, agents / 2);
    this.maxWaiting = Math.max(10, agents / 10);
  }

  /** The configuration: queue {@code qN} needs skill {@code sN}; agent j has two of the skills. */
  public RouterConfiguration configuration() {
    List<QueueConfiguration> queueList = new ArrayList<>(queues);
    for (int q = 0; q < queues; q++) {
      QueueConfiguration simple =
          QueueConfiguration.simple("q" + q, List.of(new SkillRequirement("s" + q, 1)));
      // A wrap-up after each call, which the agent ends at once with WrapUpDone (next()).
      queueList.add(
          new QueueConfiguration(
              simple.id(),
              simple.name(),
              simple.requiredSkills(),
              simple.serviceLevel(),
              simple.policy(),
              1,
              simple.ringTimeoutSeconds(),
              simple.maxWaitSeconds(),
              simple.maxLength(),
              simple.overflow(),
              simple.escalation(),
              simple.agingSecondsPerPriority(),
              simple.callbackOfferSeconds()));
    }
    List<AgentConfiguration> agentList = new ArrayList<>(agents);
    for (int a = 0; a < agents; a++) {
      Map<String, Integer> skills =
          queues == 1
              ? Map.of("s0", 5)
              : Map.of("s" + (a % queues), 5, "s" + ((a + 1) % queues), 3);
      agentList.add(new AgentConfiguration("a" + a, null, "pbx1", "ext" + a, skills, 0));
    }
    return new RouterConfiguration(queueList, agentList, ContactSelection.PRIORITY_AGE);
  }

  /** Configuration, then every agent logs in and goes ready. */
  public List<Command> warmUp() {
    List<Command> commands = new ArrayList<>(2 * agents + 1);
    commands.add(new Command.ConfigurationChanged(configuration()));
    for (int a = 0; a < agents; a++) {
      commands.add(new Command.AgentLogin("a" + a));
    }
    for (int a = 0; a < agents; a++) {
      commands.add(new Command.AgentReady("a" + a));
    }
    return commands;
  }

  /** The next command of the steady state. */
  public Command next() {
    produced++;
    if (produced % 100 == 0) {
      return Command.TICK;
    }
    String agent = wrapUps.poll();
    if (agent != null) {
      return new Command.WrapUpDone(agent);
    }
    RouterEvent.ContactOffered offer = offers.poll();
    if (offer != null) {
      talking.add(offer);
      answered++;
      return new Command.ContactAnswered(offer.contactId(), offer.agentId());
    }
    if (talking.size() >= maxTalking || (produced % 3 == 0 && !talking.isEmpty())) {
      RouterEvent.ContactOffered done = talking.poll();
      wrapUps.add(done.agentId());
      return new Command.ContactEnded(done.contactId());
    }
    if (arrivals - answered >= maxWaiting) {
      return Command.TICK;
    }
    long n = arrivals++;
    return Command.ContactArrived.call("c" + n, "q" + (n % queues), (int) (n % 3));
  }

  @Override
  public boolean wants(EventKind kind) {
    return kind == EventKind.CONTACT_OFFERED;
  }

  @Override
  public void onEvent(RouterEvent event, boolean replay) {
    if (!replay && event instanceof RouterEvent.ContactOffered offer) {
      offers.add(offer);
    }
  }
}
