package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Queue settings survive JSON both ways, and an empty change changes nothing. */
class QueueSettingsCodecPropertyTest {

  private static final Set<String> QUEUES = Set.of("sales", "support", "vip");

  @Property(tries = 200)
  void shouldRoundTripEverySetting(@ForAll("queues") QueueConfiguration queue) {
    QueueConfiguration base = QueueConfiguration.simple(queue.id(), List.of());

    QueueConfiguration decoded =
        QueueSettingsCodec.merge(base, QueueSettingsCodec.encode(queue), QUEUES);

    assertThat(decoded).isEqualTo(queue);
  }

  @Property(tries = 100)
  void shouldKeepEverythingOnAnEmptyChange(@ForAll("queues") QueueConfiguration queue) {
    assertThat(QueueSettingsCodec.merge(queue, JsonNodeFactory.instance.objectNode(), QUEUES))
        .isEqualTo(queue);
  }

  @Provide
  Arbitrary<QueueConfiguration> queues() {
    Arbitrary<String> ids = Arbitraries.of(QUEUES);
    Arbitrary<List<SkillRequirement>> skills = skill().list().ofMaxSize(3);
    Arbitrary<ServiceLevelTarget> sl =
        Combinators.combine(
                Arbitraries.integers().between(1, 100),
                Arbitraries.integers().between(1, 3600),
                Arbitraries.integers().between(0, 3600))
            .as(ServiceLevelTarget::new);
    Arbitrary<int[]> numbers =
        Combinators.combine(
                Arbitraries.integers().between(0, 3600),
                Arbitraries.integers().between(1, 600),
                Arbitraries.integers().between(0, 86_400),
                Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.integers().between(0, 86_400),
                Arbitraries.integers().between(0, 86_400))
            .as((a, b, c, d, e, f) -> new int[] {a, b, c, d, e, f});
    Arbitrary<List<EscalationStep>> steps =
        Combinators.combine(Arbitraries.integers().between(0, 86_400), action())
            .as(EscalationStep::new)
            .list()
            .ofMaxSize(4);
    return Combinators.combine(
            ids,
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
            skills,
            sl,
            Arbitraries.of(AgentSelectionPolicy.class),
            numbers,
            overflow(),
            steps)
        .as(
            (id, name, req, target, policy, n, overflow, escalation) ->
                new QueueConfiguration(
                    id,
                    name,
                    req,
                    target,
                    policy,
                    n[0],
                    n[1],
                    n[2],
                    n[3],
                    overflow,
                    escalation,
                    n[4],
                    n[5]));
  }

  private Arbitrary<SkillRequirement> skill() {
    return Combinators.combine(
            Arbitraries.of("sales", "billing", "french", "vip"),
            Arbitraries.integers().between(1, 10))
        .as(SkillRequirement::new);
  }

  private Arbitrary<OverflowAction> overflow() {
    return Arbitraries.oneOf(
        Arbitraries.of(QUEUES).map(OverflowAction.ToQueue::new),
        Arbitraries.strings()
            .numeric()
            .ofMinLength(1)
            .ofMaxLength(12)
            .map(OverflowAction.ToNumber::new),
        Arbitraries.just(new OverflowAction.Disconnect()));
  }

  private Arbitrary<EscalationAction> action() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(1, 10).map(EscalationAction.RelaxLevels::new),
        skill().list().ofMinSize(1).ofMaxSize(3).map(EscalationAction.AddSkills::new),
        Arbitraries.of(QUEUES).map(EscalationAction.MoveToQueue::new),
        Arbitraries.just(new EscalationAction.OfferCallback()),
        overflow().map(EscalationAction.Overflow::new));
  }
}
