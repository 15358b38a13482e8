package dev.switchboard.router.engine;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A virtual clock, an engine, and short ways to say what the unit tests need. */
class EngineFixture {

  final RoutingStateMachine engine = new RoutingStateMachine();
  long now = 1_000_000;
  final List<RouterEvent> all = new ArrayList<>();

  List<RouterEvent> apply(Command command) {
    List<RouterEvent> events = new ArrayList<>();
    engine.apply(now, command, events::add);
    all.addAll(events);
    return events;
  }

  List<RouterEvent> after(long ms, Command command) {
    now += ms;
    return apply(command);
  }

  List<RouterEvent> tickAfter(long ms) {
    return after(ms, Command.TICK);
  }

  /** A queue builder with the usual defaults. */
  static final class Q {
    String id;
    List<SkillRequirement> skills = List.of();
    AgentSelectionPolicy policy = AgentSelectionPolicy.LONGEST_IDLE;
    int wrapUp;
    int ring = 10;
    int maxWait;
    int maxLength;
    OverflowAction overflow = new OverflowAction.Disconnect();
    List<EscalationStep> steps = List.of();
    int aging = 30;
    int target = 20;

    Q(String id) {
      this.id = id;
    }

    Q skills(SkillRequirement... s) {
      skills = List.of(s);
      return this;
    }

    Q policy(AgentSelectionPolicy p) {
      policy = p;
      return this;
    }

    Q wrapUp(int s) {
      wrapUp = s;
      return this;
    }

    Q maxWait(int s) {
      maxWait = s;
      return this;
    }

    Q maxLength(int n) {
      maxLength = n;
      return this;
    }

    Q overflow(OverflowAction o) {
      overflow = o;
      return this;
    }

    Q steps(EscalationStep... s) {
      steps = List.of(s);
      return this;
    }

    Q aging(int s) {
      aging = s;
      return this;
    }

    Q target(int s) {
      target = s;
      return this;
    }

    QueueConfiguration build() {
      return new QueueConfiguration(
          id,
          id,
          skills,
          new ServiceLevelTarget(80, target, 5),
          policy,
          wrapUp,
          ring,
          maxWait,
          maxLength,
          overflow,
          steps,
          aging,
          0);
    }
  }

  static Q queue(String id) {
    return new Q(id);
  }

  static SkillRequirement need(String skill, int level) {
    return new SkillRequirement(skill, level);
  }

  static AgentConfiguration agent(String id, Map<String, Integer> skills) {
    return new AgentConfiguration(id, id, "pbx1", "ext-" + id, skills, 0);
  }

  static AgentConfiguration chatAgent(String id, int capacity) {
    return new AgentConfiguration(id, id, "pbx1", "ext-" + id, Map.of(), capacity);
  }

  List<RouterEvent> configure(
      List<QueueConfiguration> queues, List<AgentConfiguration> agents, ContactSelection sel) {
    return apply(new Command.ConfigurationChanged(new RouterConfiguration(queues, agents, sel)));
  }

  List<RouterEvent> configure(List<QueueConfiguration> queues, List<AgentConfiguration> agents) {
    return configure(queues, agents, ContactSelection.PRIORITY_AGE);
  }

  void ready(String... agentIds) {
    for (String id : agentIds) {
      apply(new Command.AgentLogin(id));
      apply(new Command.AgentReady(id));
    }
  }

  List<RouterEvent> call(String contactId, String queueId, int priority) {
    return apply(Command.ContactArrived.call(contactId, queueId, priority));
  }

  List<RouterEvent> chat(String contactId, String queueId) {
    return apply(
        new Command.ContactArrived(
            contactId, queueId, ContactType.CHAT, 0, List.of(), "", "", "", "", 0, Map.of()));
  }

  /** "contact->agent" of every offer among the events. */
  static List<String> offers(List<RouterEvent> events) {
    List<String> out = new ArrayList<>();
    for (RouterEvent e : events) {
      if (e instanceof RouterEvent.ContactOffered o) {
        out.add(o.contactId() + "->" + o.agentId());
      }
    }
    return out;
  }

  static <T extends RouterEvent> List<T> only(List<RouterEvent> events, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (RouterEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  static String rejection(List<RouterEvent> events) {
    List<RouterEvent.CommandRejected> r = only(events, RouterEvent.CommandRejected.class);
    return r.isEmpty() ? null : r.get(0).code();
  }
}
