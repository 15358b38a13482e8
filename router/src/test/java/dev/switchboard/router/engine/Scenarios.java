package dev.switchboard.router.engine;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DeviceState;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random routing scenarios for the properties: small universes (3 skills, up to 4 queues, up to 7
 * agents on 2 PBXs) so that contacts and agents collide often, and abstract steps that are turned
 * into concrete commands against the reference model's current state (answer "the k-th offered
 * contact" rather than a random id), so most commands are meaningful while some stay invalid.
 */
final class Scenarios {

  static final String[] SKILLS = {"en", "fr", "sales"};
  static final int MAX_QUEUES = 4;
  static final int MAX_AGENTS = 7;

  /** One abstract step; {@code kind} picks the command, the ints parametrise it. */
  record Step(int kind, int dtMs, int a, int b, int c) {}

  static Arbitrary<Step> steps() {
    Arbitrary<Integer> kind =
        Arbitraries.frequency(
            Tuple.of(20, 0),
            Tuple.of(14, 3),
            Tuple.of(3, 5),
            Tuple.of(10, 6),
            Tuple.of(4, 8),
            Tuple.of(3, 9),
            Tuple.of(8, 10),
            Tuple.of(3, 12),
            Tuple.of(2, 13),
            Tuple.of(4, 14),
            Tuple.of(2, 15),
            Tuple.of(3, 16),
            Tuple.of(2, 17),
            Tuple.of(3, 18),
            Tuple.of(4, 19),
            Tuple.of(3, 20),
            Tuple.of(15, 21));
    Arbitrary<Integer> dt = Arbitraries.of(0, 0, 100, 1_000, 3_000, 10_000, 30_000);
    Arbitrary<Integer> p = Arbitraries.integers().between(0, 1_000);
    return Combinators.combine(kind, dt, p, p, p).as(Step::new);
  }

  static Arbitrary<List<Step>> scenario(int maxSteps) {
    return steps().list().ofMinSize(maxSteps / 4).ofMaxSize(maxSteps);
  }

  static String agentId(int i) {
    return "a" + i;
  }

  static String queueId(int i) {
    return "q" + i;
  }

  static String pbxOf(int agent) {
    return agent % 2 == 0 ? "p1" : "p2";
  }

  /** A random configuration; queue and agent sets vary so reconfiguration adds and removes. */
  static RouterConfiguration configuration(long seed) {
    Random r = new Random(seed);
    int queueCount = 1 + r.nextInt(MAX_QUEUES - 1);
    if (r.nextInt(4) == 0) {
      queueCount = MAX_QUEUES;
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MAX_QUEUES; i++) {
      if (i < queueCount) {
        ids.add(queueId(i));
      }
    }
    List<QueueConfiguration> queues = new ArrayList<>();
    for (String id : ids) {
      queues.add(queue(id, ids, r));
    }
    List<AgentConfiguration> agents = new ArrayList<>();
    for (int i = 0; i < MAX_AGENTS - 1; i++) {
      if (r.nextInt(6) == 0) {
        continue;
      }
      agents.add(agent(i, r));
    }
    ContactSelection sel =
        r.nextBoolean() ? ContactSelection.PRIORITY_AGE : ContactSelection.SERVICE_LEVEL;
    return new RouterConfiguration(queues, agents, sel);
  }

  static AgentConfiguration agent(int i, Random r) {
    return new AgentConfiguration(agentId(i), null, pbxOf(i), "ext" + i, skills(r), i < 2 ? 2 : 0);
  }

  static Map<String, Integer> skills(Random r) {
    TreeMap<String, Integer> skills = new TreeMap<>();
    for (String s : SKILLS) {
      if (r.nextInt(3) != 0) {
        skills.put(s, 1 + r.nextInt(10));
      }
    }
    return skills;
  }

  static List<SkillRequirement> requirements(Random r, int max) {
    List<SkillRequirement> out = new ArrayList<>();
    for (String s : SKILLS) {
      if (out.size() < max && r.nextInt(3) == 0) {
        out.add(new SkillRequirement(s, 1 + r.nextInt(8)));
      }
    }
    return out;
  }

  static QueueConfiguration queue(String id, List<String> ids, Random r) {
    AgentSelectionPolicy policy = AgentSelectionPolicy.values()[r.nextInt(4)];
    List<EscalationStep> steps = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      int after = r.nextInt(5) * 10;
      EscalationAction action =
          switch (r.nextInt(6)) {
            case 0, 1 -> new EscalationAction.RelaxLevels(1 + r.nextInt(5));
            case 2 -> {
              List<SkillRequirement> alt = requirements(r, 2);
              yield alt.isEmpty()
                  ? new EscalationAction.RelaxLevels(1)
                  : new EscalationAction.AddSkills(alt);
            }
            case 3 -> new EscalationAction.MoveToQueue(ids.get(r.nextInt(ids.size())));
            case 4 -> new EscalationAction.OfferCallback();
            default -> new EscalationAction.Overflow(overflow(ids, r));
          };
      steps.add(new EscalationStep(after, action));
    }
    return new QueueConfiguration(
        id,
        id,
        requirements(r, 2),
        new ServiceLevelTarget(80, new int[] {5, 10, 20}[r.nextInt(3)], 5),
        policy,
        new int[] {0, 0, 5, 20}[r.nextInt(4)],
        new int[] {5, 10}[r.nextInt(2)],
        new int[] {0, 0, 40, 90}[r.nextInt(4)],
        new int[] {0, 0, 2, 4}[r.nextInt(4)],
        overflow(ids, r),
        steps,
        new int[] {0, 10, 30}[r.nextInt(3)],
        0);
  }

  static OverflowAction overflow(List<String> ids, Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> new OverflowAction.ToQueue(ids.get(r.nextInt(ids.size())));
      case 1 -> new OverflowAction.ToNumber("900");
      default -> new OverflowAction.Disconnect();
    };
  }

  /** Picks the k-th model contact in a phase (arrival order), or null. */
  private static NaiveRoutingModel.Contact pick(
      NaiveRoutingModel m, int k, NaiveRoutingModel.Phase... phases) {
    List<NaiveRoutingModel.Contact> matching = new ArrayList<>();
    for (NaiveRoutingModel.Contact c : m.contacts) {
      for (NaiveRoutingModel.Phase p : phases) {
        if (c.phase == p) {
          matching.add(c);
        }
      }
    }
    return matching.isEmpty() ? null : matching.get(k % matching.size());
  }

  /** Turns a step into a concrete command against the model's present state. */
  static Command command(Step step, NaiveRoutingModel m, int[] arrivals, long nowMs) {
    int a = step.a();
    int b = step.b();
    String agent = agentId(a % MAX_AGENTS);
    switch (step.kind()) {
      case 0, 1, 2 -> {
        List<SkillRequirement> extra =
            b % 4 == 0 ? List.of(new SkillRequirement(SKILLS[b % 3], 1 + b % 5)) : List.of();
        ContactType type = b % 7 == 0 ? ContactType.CHAT : ContactType.CALL;
        String id = "c" + (arrivals[0]++);
        if (a % 23 == 0 && arrivals[0] > 1) {
          id = "c" + (arrivals[0] - 2); // a duplicate of a recent arrival
        }
        return new Command.ContactArrived(
            id,
            queueId(a % (MAX_QUEUES + 1)),
            type,
            step.c() % 5 == 0 ? 2 : step.c() % 3,
            extra,
            "",
            "",
            "",
            "",
            0,
            Map.of());
      }
      case 3, 4 -> {
        NaiveRoutingModel.Contact c = pick(m, a, NaiveRoutingModel.Phase.OFFERED);
        if (c == null || b % 17 == 0) {
          return new Command.ContactAnswered("c" + a % 9, agent);
        }
        return new Command.ContactAnswered(c.id, c.agentId);
      }
      case 5 -> {
        NaiveRoutingModel.Contact c = pick(m, a, NaiveRoutingModel.Phase.OFFERED);
        OfferFailure f = OfferFailure.values()[b % 4];
        return c == null
            ? new Command.OfferFailed("c" + a % 9, agent, f)
            : new Command.OfferFailed(c.id, c.agentId, f);
      }
      case 6, 7 -> {
        NaiveRoutingModel.Contact c = pick(m, a, NaiveRoutingModel.Phase.TALKING);
        return new Command.ContactEnded(c == null ? "c" + a % 9 : c.id);
      }
      case 8 -> {
        NaiveRoutingModel.Contact c =
            pick(
                m,
                a,
                NaiveRoutingModel.Phase.WAITING,
                NaiveRoutingModel.Phase.OFFERED,
                NaiveRoutingModel.Phase.SCHEDULED);
        return new Command.ContactAbandoned(
            c == null ? "c" + a % 9 : c.id, AbandonReason.values()[b % 3], 16);
      }
      case 9 -> {
        return new Command.AgentLogin(agent);
      }
      case 10, 11 -> {
        return new Command.AgentReady(agent);
      }
      case 12 -> {
        return new Command.AgentPause(agent, b % 2 == 0 ? "break" : "lunch");
      }
      case 13 -> {
        return new Command.AgentLogout(agent);
      }
      case 14 -> {
        return new Command.WrapUpDone(agent);
      }
      case 15 -> {
        return new Command.AgentSkillsChanged(agent, skills(new Random(b)));
      }
      case 16 -> {
        DeviceState state =
            b % 3 == 0
                ? DeviceState.INUSE
                : b % 3 == 1 ? DeviceState.NOT_INUSE : DeviceState.UNKNOWN;
        int i = a % MAX_AGENTS;
        return new Command.AgentDeviceState(pbxOf(i), "ext" + i, state);
      }
      case 17 -> {
        return new Command.PbxLinkChanged(b % 2 == 0 ? "p1" : "p2", a % 3 != 0);
      }
      case 18 -> {
        NaiveRoutingModel.Contact c =
            pick(m, a, NaiveRoutingModel.Phase.WAITING, NaiveRoutingModel.Phase.SCHEDULED);
        return new Command.ContactTransferred(
            c == null ? "c" + a % 9 : c.id, queueId(b % (MAX_QUEUES + 1)));
      }
      case 19 -> {
        NaiveRoutingModel.Contact c = pick(m, a, NaiveRoutingModel.Phase.WAITING);
        long notBefore = b % 3 == 0 ? 0 : nowMs + (b % 3) * 20_000L;
        return new Command.CallbackRequested(c == null ? "c" + a % 9 : c.id, "5551234", notBefore);
      }
      case 20 -> {
        if (a % 4 == 0) {
          Random r = new Random(b);
          List<String> ids = new ArrayList<>();
          for (QueueConfiguration q : m.queues) {
            ids.add(q.id());
          }
          String id = queueId(b % MAX_QUEUES);
          if (!ids.contains(id)) {
            ids.add(id);
          }
          return new Command.QueueChanged(queue(id, ids, r));
        }
        return a % 5 == 0 ? new Command.ConfigurationChanged(configuration(b)) : Command.TICK;
      }
      default -> {
        return Command.TICK;
      }
    }
  }

  /** The part of an event stream the differential test compares (decisions and outcomes). */
  static String project(RouterEvent e) {
    if (e instanceof RouterEvent.ContactOffered o) {
      return "offer "
          + o.contactId()
          + "->"
          + o.agentId()
          + " "
          + o.reason().trigger()
          + " eligible="
          + o.reason().eligibleAgents()
          + " level="
          + o.reason().agentLevel()
          + " step="
          + o.reason().escalationStep();
    } else if (e instanceof RouterEvent.ContactQueued q) {
      return "queued "
          + q.contactId()
          + " "
          + q.queueId()
          + " #"
          + q.position()
          + " "
          + q.requeued();
    } else if (e instanceof RouterEvent.ContactAnswered a) {
      return "answered " + a.contactId() + " " + a.agentId() + " " + a.waitedMs();
    } else if (e instanceof RouterEvent.ContactEnded x) {
      return "ended " + x.contactId() + " " + x.agentId() + " " + x.talkMs();
    } else if (e instanceof RouterEvent.ContactAbandoned x) {
      return "abandoned " + x.contactId() + " " + x.waitedMs();
    } else if (e instanceof RouterEvent.ContactOverflowed x) {
      return "overflowed " + x.contactId() + " " + x.queueId() + " " + x.cause();
    } else if (e instanceof RouterEvent.ContactMoved x) {
      return "moved " + x.contactId() + " " + x.fromQueueId() + "->" + x.toQueueId();
    } else if (e instanceof RouterEvent.OfferRevoked x) {
      return "revoked " + x.contactId() + " " + x.agentId() + " " + x.reason();
    } else if (e instanceof RouterEvent.AgentStateChanged x) {
      return "agent " + x.agentId() + " " + x.previous() + "->" + x.state() + " " + x.reason();
    } else if (e instanceof RouterEvent.CommandRejected x) {
      return "rejected " + x.code();
    } else if (e instanceof RouterEvent.ContactEscalated x) {
      return "escalated " + x.contactId() + " " + x.stepIndex();
    } else if (e instanceof RouterEvent.CallbackDue x) {
      return "callback-due " + x.contactId();
    } else if (e instanceof RouterEvent.OfferNotTaken x) {
      return "not-taken " + x.contactId() + " " + x.agentId();
    }
    return null;
  }

  static List<String> project(List<RouterEvent> events) {
    List<String> out = new ArrayList<>();
    for (RouterEvent e : events) {
      String p = project(e);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private Scenarios() {}
}
