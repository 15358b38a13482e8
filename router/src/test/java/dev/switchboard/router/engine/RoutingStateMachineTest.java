package dev.switchboard.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.RouterEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing decisions: policies, priority and aging, escalation, overflow, requeue, callbacks. */
class RoutingStateMachineTest extends EngineFixture {

  private void twoAgents(AgentSelectionPolicy policy) {
    configure(
        List.of(queue("q").policy(policy).skills(need("en", 1)).build()),
        List.of(agent("a1", Map.of("en", 5)), agent("a2", Map.of("en", 9))));
  }

  @Test
  void shouldOfferToLongestIdleAgent() {
    twoAgents(AgentSelectionPolicy.LONGEST_IDLE);
    now += 1000;
    ready("a2");
    now += 1000;
    ready("a1");
    List<RouterEvent> events = after(1000, Command.ContactArrived.call("c1", "q", 0));
    assertThat(offers(events)).containsExactly("c1->a2");
    RouterEvent.ContactOffered offer = only(events, RouterEvent.ContactOffered.class).get(0);
    assertThat(offer.reason().trigger()).isEqualTo("contact-arrived");
    assertThat(offer.reason().eligibleAgents()).isEqualTo(2);
    assertThat(offer.reason().agentLevel()).isEqualTo(9);
    assertThat(engine.agentState("a2")).isEqualTo(AgentState.RESERVED);
  }

  @Test
  void shouldOfferToMostSkilledAgentEvenIfAnotherIdlesLonger() {
    twoAgents(AgentSelectionPolicy.MOST_SKILLED);
    ready("a1");
    now += 5000;
    ready("a2");
    assertThat(offers(call("c1", "q", 0))).containsExactly("c1->a2");
  }

  @Test
  void shouldOfferToLeastOccupiedAgent() {
    twoAgents(AgentSelectionPolicy.LEAST_OCCUPIED);
    ready("a1", "a2");
    call("c1", "q", 0); // a1: configuration order breaks the tie
    call("c2", "q", 0);
    apply(new Command.ContactAnswered("c1", "a1"));
    apply(new Command.ContactAnswered("c2", "a2"));
    after(5_000, new Command.ContactEnded("c2"));
    after(5_000, new Command.ContactEnded("c1"));
    // a2 idles longer but a1 talked 10 s against 5 s: a2 is still the least occupied
    assertThat(offers(after(1000, Command.ContactArrived.call("c3", "q", 0))))
        .containsExactly("c3->a2");
  }

  @Test
  void shouldOfferRoundRobinToLeastRecentlyOfferedAgent() {
    twoAgents(AgentSelectionPolicy.ROUND_ROBIN);
    ready("a1", "a2");
    assertThat(offers(call("c1", "q", 0))).containsExactly("c1->a1");
    assertThat(offers(call("c2", "q", 0))).containsExactly("c2->a2");
    apply(new Command.ContactAnswered("c1", "a1"));
    apply(new Command.ContactAnswered("c2", "a2"));
    after(1000, new Command.ContactEnded("c2"));
    after(1000, new Command.ContactEnded("c1"));
    // a2 idles longest, but a1 was offered longest ago
    assertThat(offers(after(1000, Command.ContactArrived.call("c3", "q", 0))))
        .containsExactly("c3->a1");
  }

  @Test
  void shouldRankByAgedPriorityAndFifoAmongEquals() {
    configure(List.of(queue("q").aging(10).build()), List.of(agent("a1", Map.of())));
    call("c1", "q", 0);
    after(5_000, Command.ContactArrived.call("c2", "q", 1)); // ranks as arrived 5 s before c1
    after(10_000, Command.ContactArrived.call("c3", "q", 1)); // ranks 5 s after c1
    after(1, Command.ContactArrived.call("c4", "q", 0));
    assertThat(engine.waitingContacts("q")).containsExactly("c2", "c1", "c3", "c4");
    List<RouterEvent.ContactQueued> queued =
        only(after(1, Command.ContactArrived.call("c5", "q", 1)), RouterEvent.ContactQueued.class);
    assertThat(queued.get(0).position()).isEqualTo(4);
    ready("a1");
    assertThat(offers(all)).containsExactly("c2->a1");
  }

  @Test
  void shouldServeStrictPriorityWhenQueueDoesNotAge() {
    configure(List.of(queue("q").aging(0).build()), List.of(agent("a1", Map.of())));
    call("c1", "q", 0);
    after(3_600_000, Command.ContactArrived.call("c2", "q", 1));
    assertThat(engine.waitingContacts("q")).containsExactly("c2", "c1");
  }

  @Test
  void shouldFavourQueueMostAtRiskWithServiceLevelSelection() {
    configure(
        List.of(queue("fast").target(10).build(), queue("slow").target(60).build()),
        List.of(agent("a1", Map.of())),
        ContactSelection.SERVICE_LEVEL);
    call("s1", "slow", 0);
    after(20_000, Command.ContactArrived.call("f1", "fast", 0));
    now += 15_000;
    // slow waited 35 s of 60 (0.58), fast 15 s of 10 (1.5): fast is most at risk
    ready("a1");
    assertThat(offers(all)).containsExactly("f1->a1");
  }

  @Test
  void shouldRelaxLevelsByEscalationStep() {
    configure(
        List.of(
            queue("q")
                .skills(need("en", 8))
                .steps(new EscalationStep(10, new EscalationAction.RelaxLevels(5)))
                .build()),
        List.of(agent("a1", Map.of("en", 5))));
    ready("a1");
    assertThat(offers(call("c1", "q", 0))).isEmpty();
    assertThat(offers(tickAfter(9_999))).isEmpty();
    List<RouterEvent> events = tickAfter(1);
    assertThat(only(events, RouterEvent.ContactEscalated.class)).hasSize(1);
    assertThat(offers(events)).containsExactly("c1->a1");
    RouterEvent.ContactOffered o = only(events, RouterEvent.ContactOffered.class).get(0);
    assertThat(o.reason().trigger()).isEqualTo("escalation");
    assertThat(o.reason().escalationStep()).isZero();
  }

  @Test
  void shouldAddAlternativeSkillsButKeepContactExtras() {
    configure(
        List.of(
            queue("q")
                .skills(need("fr", 5))
                .steps(
                    new EscalationStep(
                        20, new EscalationAction.AddSkills(List.of(need("sales", 3)))))
                .build()),
        List.of(agent("a1", Map.of("sales", 4)), agent("a2", Map.of("sales", 4, "vip", 2))));
    ready("a1", "a2");
    apply(
        new Command.ContactArrived(
            "c1", "q", ContactType.CALL, 0, List.of(need("vip", 1)), "", "", "", "", 0, Map.of()));
    assertThat(offers(tickAfter(20_000))).containsExactly("c1->a2");
  }

  @Test
  void shouldMoveToQueueKeepingOriginalArrival() {
    configure(
        List.of(
            queue("q1")
                .skills(need("x", 1))
                .steps(new EscalationStep(30, new EscalationAction.MoveToQueue("q2")))
                .build(),
            queue("q2").build()),
        List.of(agent("a1", Map.of())));
    long arrived = now;
    call("c1", "q1", 0);
    List<RouterEvent> events = tickAfter(30_000);
    assertThat(only(events, RouterEvent.ContactMoved.class).get(0).toQueueId()).isEqualTo("q2");
    assertThat(only(events, RouterEvent.ContactQueued.class).get(0).arrivedAtMs())
        .isEqualTo(arrived);
    assertThat(engine.contactQueue("c1")).isEqualTo("q2");
    ready("a1");
    RouterEvent.ContactOffered o = only(all, RouterEvent.ContactOffered.class).get(0);
    assertThat(o.reason().waitedMs()).isEqualTo(30_000);
  }

  @Test
  void shouldOfferCallbackAndOverflowByEscalationSteps() {
    configure(
        List.of(
            queue("q")
                .skills(need("x", 1))
                .steps(
                    new EscalationStep(60, new EscalationAction.OfferCallback()),
                    new EscalationStep(
                        120,
                        new EscalationAction.Overflow(new OverflowAction.ToNumber("voicemail"))))
                .build()),
        List.of());
    call("c1", "q", 0);
    assertThat(only(tickAfter(60_000), RouterEvent.CallbackOffered.class)).hasSize(1);
    List<RouterEvent.ContactOverflowed> overflowed =
        only(tickAfter(60_000), RouterEvent.ContactOverflowed.class);
    assertThat(overflowed).hasSize(1);
    assertThat(overflowed.get(0).action()).isEqualTo(new OverflowAction.ToNumber("voicemail"));
    assertThat(overflowed.get(0).waitedMs()).isEqualTo(120_000);
    assertThat(engine.contactCount()).isZero();
  }

  @Test
  void shouldOverflowAfterMaxWait() {
    configure(List.of(queue("q").skills(need("x", 1)).maxWait(45).build()), List.of());
    call("c1", "q", 0);
    assertThat(only(tickAfter(44_999), RouterEvent.ContactOverflowed.class)).isEmpty();
    List<RouterEvent.ContactOverflowed> o = only(tickAfter(1), RouterEvent.ContactOverflowed.class);
    assertThat(o).hasSize(1);
    assertThat(o.get(0).cause()).isEqualTo("max wait");
  }

  @Test
  void shouldOverflowArrivalBeyondMaxLengthToAnotherQueue() {
    configure(
        List.of(
            queue("q")
                .skills(need("x", 1))
                .maxLength(2)
                .overflow(new OverflowAction.ToQueue("b"))
                .build(),
            queue("b").build()),
        List.of());
    call("c1", "q", 0);
    call("c2", "q", 0);
    List<RouterEvent> events = call("c3", "q", 0);
    assertThat(only(events, RouterEvent.ContactMoved.class).get(0).cause()).isEqualTo("max length");
    assertThat(engine.waitingContacts("q")).containsExactly("c1", "c2");
    assertThat(engine.waitingContacts("b")).containsExactly("c3");
  }

  @Test
  void shouldRequeueAtOriginalPlaceAndPauseAgentWhenOfferFails() {
    configure(List.of(queue("q").build()), List.of(agent("a1", Map.of()), agent("a2", Map.of())));
    ready("a1");
    call("c1", "q", 0);
    after(1000, Command.ContactArrived.call("c2", "q", 0));
    List<RouterEvent> events =
        after(1000, new Command.OfferFailed("c1", "a1", OfferFailure.NO_ANSWER));
    assertThat(only(events, RouterEvent.OfferNotTaken.class)).hasSize(1);
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.PAUSED);
    assertThat(engine.pauseReason("a1")).isEqualTo("no answer");
    RouterEvent.ContactQueued q = only(events, RouterEvent.ContactQueued.class).get(0);
    assertThat(q.requeued()).isTrue();
    assertThat(q.position()).isEqualTo(1);
    assertThat(engine.waitingContacts("q")).containsExactly("c1", "c2");
    ready("a2");
    assertThat(offers(all)).containsExactly("c1->a1", "c1->a2");
  }

  @Test
  void shouldRevokeUnansweredOfferAfterRingTimeoutGrace() {
    configure(List.of(queue("q").build()), List.of(agent("a1", Map.of()), agent("a2", Map.of())));
    ready("a1");
    call("c1", "q", 0);
    assertThat(only(tickAfter(14_999), RouterEvent.OfferRevoked.class)).isEmpty();
    List<RouterEvent> events = tickAfter(1);
    assertThat(only(events, RouterEvent.OfferRevoked.class).get(0).reason()).isEqualTo("no answer");
    assertThat(engine.pauseReason("a1")).isEqualTo("no answer");
    assertThat(engine.waitingContacts("q")).containsExactly("c1");
    // a late answer is refused
    assertThat(rejection(apply(new Command.ContactAnswered("c1", "a1")))).isEqualTo("wrong-state");
  }

  @Test
  void shouldKeepPlaceIgnoreHangupAndWaitForNotBeforeOfCallback() {
    configure(List.of(queue("q").build()), List.of(agent("a1", Map.of())));
    call("c1", "q", 0);
    call("c2", "q", 0);
    List<RouterEvent> events =
        after(1000, new Command.CallbackRequested("c1", "5551234", now + 61_000));
    assertThat(only(events, RouterEvent.CallbackRegistered.class)).hasSize(1);
    assertThat(engine.contactType("c1")).isEqualTo(ContactType.CALLBACK);
    assertThat(
            apply(
                new Command.ContactAbandoned(
                    "c1", dev.switchboard.router.api.AbandonReason.CALLER_HANGUP, 16)))
        .isEmpty();
    assertThat(engine.waitingContacts("q")).containsExactly("c1", "c2");
    ready("a1");
    assertThat(offers(all)).containsExactly("c2->a1"); // c1 not due yet
    apply(new Command.ContactAnswered("c2", "a1"));
    apply(new Command.ContactEnded("c2"));
    assertThat(offers(tickAfter(59_999))).isEmpty(); // notBefore = request time + 60 s
    List<RouterEvent> due = tickAfter(1);
    assertThat(only(due, RouterEvent.CallbackDue.class)).hasSize(1);
    RouterEvent.ContactOffered o = only(due, RouterEvent.ContactOffered.class).get(0);
    assertThat(o.callbackNumber()).isEqualTo("5551234");
    assertThat(o.reason().trigger()).isEqualTo("callback-due");
  }

  @Test
  void shouldTreatAbandonOfTalkingContactAsEndAndEndOfWaitingAsAbandon() {
    configure(List.of(queue("q").build()), List.of(agent("a1", Map.of())));
    ready("a1");
    call("c1", "q", 0);
    call("c2", "q", 0);
    apply(new Command.ContactAnswered("c1", "a1"));
    List<RouterEvent> ended =
        after(
            7000,
            new Command.ContactAbandoned(
                "c1", dev.switchboard.router.api.AbandonReason.CALLER_HANGUP, 16));
    assertThat(only(ended, RouterEvent.ContactEnded.class).get(0).talkMs()).isEqualTo(7000);
    apply(new Command.AgentPause("a1", "break"));
    List<RouterEvent> abandoned = apply(new Command.ContactEnded("c2"));
    // c2 had been offered to a1 when c1 ended (wrap-up 0); ending it abandons it
    assertThat(only(abandoned, RouterEvent.ContactAbandoned.class)).hasSize(1);
    assertThat(engine.contactCount()).isZero();
  }

  @Test
  void shouldKeepPlacesAcrossReconfigurationAndOverflowContactsOfRemovedQueue() {
    configure(
        List.of(
            queue("q").skills(need("x", 1)).build(), queue("gone").skills(need("x", 1)).build()),
        List.of(agent("a1", Map.of("y", 1))));
    call("c1", "q", 0);
    call("c2", "q", 1);
    call("c3", "gone", 0);
    ready("a1");
    List<RouterEvent> events =
        configure(
            List.of(queue("q").skills(need("y", 1)).aging(30).build()),
            List.of(agent("a1", Map.of("y", 1)), agent("a2", Map.of("y", 1))));
    assertThat(only(events, RouterEvent.QueueConfigured.class)).hasSize(1);
    assertThat(only(events, RouterEvent.AgentConfigured.class)).hasSize(2);
    assertThat(only(events, RouterEvent.SelectionConfigured.class)).hasSize(1);
    RouterEvent.ContactOverflowed o = only(events, RouterEvent.ContactOverflowed.class).get(0);
    assertThat(o.contactId()).isEqualTo("c3");
    assertThat(o.action()).isEqualTo(new OverflowAction.Disconnect());
    assertThat(offers(events)).containsExactly("c2->a1");
    assertThat(only(events, RouterEvent.ContactOffered.class).get(0).reason().trigger())
        .isEqualTo("configuration");
    assertThat(engine.waitingContacts("q")).containsExactly("c1");
  }
}
