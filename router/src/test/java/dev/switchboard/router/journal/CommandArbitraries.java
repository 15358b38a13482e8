package dev.switchboard.router.journal;

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
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/** Arbitraries for every {@link Command} record and the configuration records they carry. */
public final class CommandArbitraries {
  private CommandArbitraries() {}

  /**
   * Text as adapters send it: ASCII and non-ASCII (accents, CJK, emoji as surrogate pairs), but no
   * lone surrogates, which UTF-8 cannot carry.
   */
  public static Arbitrary<String> text() {
    Arbitrary<String> plain =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withCharRange('\u00a0', '\u00ff')
            .withCharRange('\u4e00', '\u4e20')
            .ofMaxLength(12);
    return Arbitraries.oneOf(plain, plain.map(s -> s + "\uD83D\uDE00"));
  }

  static Arbitrary<String> id() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10);
  }

  static Arbitrary<SkillRequirement> requirement() {
    return Combinators.combine(id(), Arbitraries.integers().between(1, 10))
        .as(SkillRequirement::new);
  }

  static Arbitrary<Map<String, Integer>> skills() {
    return Arbitraries.maps(id(), Arbitraries.integers().between(1, 10)).ofMaxSize(4);
  }

  static Arbitrary<OverflowAction> overflow(List<String> queueIds) {
    return Arbitraries.oneOf(
        Arbitraries.of(queueIds).map(OverflowAction.ToQueue::new),
        text().map(OverflowAction.ToNumber::new),
        Arbitraries.just(new OverflowAction.Disconnect()));
  }

  static Arbitrary<EscalationAction> escalation(List<String> queueIds) {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(1, 10).map(EscalationAction.RelaxLevels::new),
        requirement().list().ofMinSize(1).ofMaxSize(3).map(EscalationAction.AddSkills::new),
        Arbitraries.of(queueIds).map(EscalationAction.MoveToQueue::new),
        Arbitraries.just(new EscalationAction.OfferCallback()),
        overflow(queueIds).map(EscalationAction.Overflow::new));
  }

  /** A queue whose moves and overflows point at one of {@code queueIds}. */
  static Arbitrary<QueueConfiguration> queue(String id, List<String> queueIds) {
    Arbitrary<ServiceLevelTarget> sl =
        Combinators.combine(
                Arbitraries.integers().between(1, 100),
                Arbitraries.integers().between(1, 3600),
                Arbitraries.integers().between(0, 3600))
            .as(ServiceLevelTarget::new);
    Arbitrary<EscalationStep> step =
        Combinators.combine(Arbitraries.integers().between(0, 86_400), escalation(queueIds))
            .as(EscalationStep::new);
    return Builders.withBuilder(() -> new QueueBuilder(id))
        .use(text().injectNull(0.1))
        .in(
            (b, v) -> {
              b.name = v;
              return b;
            })
        .use(requirement().list().ofMaxSize(3))
        .in(
            (b, v) -> {
              b.required = v;
              return b;
            })
        .use(sl)
        .in(
            (b, v) -> {
              b.sl = v;
              return b;
            })
        .use(Arbitraries.of(AgentSelectionPolicy.class))
        .in(
            (b, v) -> {
              b.policy = v;
              return b;
            })
        .use(Arbitraries.integers().between(0, 3600).list().ofSize(4))
        .in(
            (b, v) -> {
              b.ints = v;
              return b;
            })
        .use(Arbitraries.integers().between(1, 600))
        .in(
            (b, v) -> {
              b.ringTimeout = v;
              return b;
            })
        .use(overflow(queueIds))
        .in(
            (b, v) -> {
              b.overflow = v;
              return b;
            })
        .use(step.list().ofMaxSize(4))
        .in(
            (b, v) -> {
              b.steps = v;
              return b;
            })
        .build(QueueBuilder::build);
  }

  private static final class QueueBuilder {
    final String id;
    String name;
    List<SkillRequirement> required = List.of();
    ServiceLevelTarget sl = ServiceLevelTarget.defaults();
    AgentSelectionPolicy policy = AgentSelectionPolicy.LONGEST_IDLE;
    List<Integer> ints = List.of(0, 0, 0, 0);
    int ringTimeout = 15;
    OverflowAction overflow;
    List<EscalationStep> steps = List.of();

    QueueBuilder(String id) {
      this.id = id;
    }

    QueueConfiguration build() {
      return new QueueConfiguration(
          id,
          name,
          required,
          sl,
          policy,
          ints.get(0),
          ringTimeout,
          ints.get(1),
          ints.get(2),
          overflow,
          steps,
          ints.get(3),
          ints.get(0) + ints.get(1));
    }
  }

  public static Arbitrary<QueueConfiguration> anyQueue() {
    return id().flatMap(qid -> queue(qid, List.of(qid, "other")));
  }

  public static Arbitrary<AgentConfiguration> agent(String id) {
    return Combinators.combine(
            text().injectNull(0.1),
            Arbitraries.of("pbx1", "pbx2"),
            skills(),
            Arbitraries.integers().between(0, 32))
        .as(
            (name, pbx, skills, chats) ->
                new AgentConfiguration(id, name, pbx, "ext-" + id, skills, chats));
  }

  static Arbitrary<RouterConfiguration> configuration() {
    return id().set()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            (Set<String> ids) -> {
              List<String> queueIds = new ArrayList<>(ids);
              Arbitrary<List<QueueConfiguration>> queues =
                  Combinators.combine(
                          queueIds.stream()
                              .map(q -> queue(q, queueIds))
                              .collect(Collectors.toList()))
                      .as(list -> list);
              Arbitrary<List<AgentConfiguration>> agents =
                  id().set()
                      .ofMaxSize(4)
                      .flatMap(
                          agentIds ->
                              Combinators.combine(
                                      agentIds.stream()
                                          .map(CommandArbitraries::agent)
                                          .collect(Collectors.toList()))
                                  .as(list -> list));
              return Combinators.combine(queues, agents, Arbitraries.of(ContactSelection.class))
                  .as(RouterConfiguration::new);
            });
  }

  /** Any command of any type, each type equally likely. */
  public static Arbitrary<Command> command() {
    Arbitrary<Command.ContactArrived> arrived =
        Builders.withBuilder(ArrivedBuilder::new)
            .use(id())
            .in(
                (b, v) -> {
                  b.contactId = v;
                  return b;
                })
            .use(id())
            .in(
                (b, v) -> {
                  b.queueId = v;
                  return b;
                })
            .use(Arbitraries.of(ContactType.class))
            .in(
                (b, v) -> {
                  b.type = v;
                  return b;
                })
            .use(Arbitraries.integers())
            .in(
                (b, v) -> {
                  b.priority = v;
                  return b;
                })
            .use(requirement().list().ofMaxSize(3))
            .in(
                (b, v) -> {
                  b.extra = v;
                  return b;
                })
            .use(text().injectNull(0.1).list().ofSize(4))
            .in(
                (b, v) -> {
                  b.texts = v;
                  return b;
                })
            .use(Arbitraries.longs())
            .in(
                (b, v) -> {
                  b.originalArrivalMs = v;
                  return b;
                })
            .use(Arbitraries.maps(text(), text()).ofMaxSize(4))
            .in(
                (b, v) -> {
                  b.attributes = v;
                  return b;
                })
            .build(ArrivedBuilder::build);
    return Arbitraries.oneOf(
        List.of(
            arrived.map(c -> c),
            Combinators.combine(id(), Arbitraries.of(AbandonReason.class), Arbitraries.integers())
                .as(Command.ContactAbandoned::new),
            Combinators.combine(id(), id(), Arbitraries.of(OfferFailure.class))
                .as(Command.OfferFailed::new),
            Combinators.combine(id(), id()).as(Command.ContactAnswered::new),
            id().map(Command.ContactEnded::new),
            Combinators.combine(id(), id()).as(Command.ContactTransferred::new),
            Combinators.combine(id(), text(), Arbitraries.longs())
                .as(Command.CallbackRequested::new),
            Combinators.combine(id(), Arbitraries.integers().between(1, 5))
                .as(Command.SurveyRecorded::new),
            id().map(Command.AgentLogin::new),
            id().map(Command.AgentReady::new),
            Combinators.combine(id(), text().injectNull(0.1)).as(Command.AgentPause::new),
            id().map(Command.AgentLogout::new),
            Combinators.combine(id(), skills()).as(Command.AgentSkillsChanged::new),
            id().map(Command.WrapUpDone::new),
            Combinators.combine(id(), id(), Arbitraries.of(DeviceState.class))
                .as(Command.AgentDeviceState::new),
            Combinators.combine(id(), Arbitraries.of(true, false)).as(Command.PbxLinkChanged::new),
            configuration().map(Command.ConfigurationChanged::new),
            anyQueue().map(Command.QueueChanged::new),
            Combinators.combine(text(), Arbitraries.of(true, false), text().injectNull(0.1))
                .as(Command.AnnouncementChanged::new),
            Arbitraries.just(Command.TICK)));
  }

  private static final class ArrivedBuilder {
    String contactId;
    String queueId;
    ContactType type;
    int priority;
    List<SkillRequirement> extra;
    List<String> texts;
    long originalArrivalMs;
    Map<String, String> attributes;

    Command.ContactArrived build() {
      return new Command.ContactArrived(
          contactId,
          queueId,
          type,
          priority,
          extra,
          texts.get(0),
          texts.get(1),
          texts.get(2),
          texts.get(3),
          originalArrivalMs,
          attributes);
    }
  }
}
