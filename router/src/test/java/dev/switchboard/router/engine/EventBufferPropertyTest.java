package dev.switchboard.router.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.switchboard.router.journal.CommandArbitraries;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The event buffer is a codec between records and columns: any sequence of events of every kind
 * stored in it reads back as the same records, in order, and its view answers every accessor as the
 * record does (and null, zero or false for the fields the kind lacks).
 */
class EventBufferPropertyTest {

  /** Kinds the buffer keeps as their records; their view is read through toEvent(). */
  private static final Set<EventKind> KEPT_AS_RECORDS =
      EnumSet.of(
          EventKind.AGENT_CONFIGURED,
          EventKind.QUEUE_CONFIGURED,
          EventKind.SELECTION_CONFIGURED,
          EventKind.ANNOUNCEMENT_CHANGED,
          EventKind.PBX_LINK_CHANGED,
          EventKind.COMMAND_REJECTED);

  /** View accessors whose record component has another name or lives in a nested record. */
  private static final Map<String, String> RENAMED = Map.of("abandonReason", "reason");

  @Property(tries = 300)
  void shouldReadBackEveryEventAsItsRecordAndAnswerEveryAccessorLikeIt(
      @ForAll("eventLists") List<RouterEvent> events) throws Exception {
    EventBuffer buffer = new EventBuffer();
    // Twice, with a clear between, so the second pass reads slots a first pass has written.
    for (int pass = 0; pass < 2; pass++) {
      for (RouterEvent e : events) {
        buffer.emit(e);
      }
      assertThat(buffer.size()).isEqualTo(events.size());
      for (int i = 0; i < events.size(); i++) {
        RouterEvent expected = events.get(i);
        EventView view = buffer.view(i);
        assertThat(view.kind()).isEqualTo(EventKind.of(expected));
        assertThat(view.timestampMs()).isEqualTo(expected.timestampMs());
        assertThat(view.toEvent()).isEqualTo(expected);
        assertThat(view.toEvent()).isSameAs(view.toEvent());
        if (KEPT_AS_RECORDS.contains(view.kind())) {
          assertThat(view.toEvent()).isSameAs(expected);
        } else {
          assertAccessorsMatch(view, expected);
        }
      }
      buffer.clear();
      assertThat(buffer.size()).isZero();
    }
  }

  /** Every view accessor either matches the record's field of that name, or reads as empty. */
  private static void assertAccessorsMatch(EventView view, RouterEvent record) throws Exception {
    Map<String, Object> fields = new java.util.HashMap<>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      Object value = c.getAccessor().invoke(record);
      if (value instanceof DecisionReason r) {
        for (RecordComponent rc : DecisionReason.class.getRecordComponents()) {
          fields.put(rc.getName(), rc.getAccessor().invoke(r));
        }
      } else {
        fields.put(c.getName(), value);
      }
    }
    for (Method m : EventView.class.getMethods()) {
      String name = m.getName();
      if (m.getParameterCount() > 0 || name.equals("kind") || name.equals("toEvent")) {
        continue;
      }
      Object actual = m.invoke(view);
      String field = RENAMED.getOrDefault(name, name);
      Object expected = fields.get(field);
      boolean sameType =
          expected != null && box(m.getReturnType()).isInstance(expected)
              || expected == null && fields.containsKey(field);
      if (fields.containsKey(field) && sameType) {
        assertThat(actual).as("%s of %s", name, record).isEqualTo(expected);
      } else {
        assertThat(actual).as("%s of %s (absent)", name, record).isIn(null, 0, 0L, 0.0, false);
      }
    }
  }

  private static Class<?> box(Class<?> type) {
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    return type;
  }

  @Example
  void shouldCoverEveryKindInTheGenerator() {
    Set<EventKind> seen = EnumSet.noneOf(EventKind.class);
    for (RouterEvent e : events().sampleStream().limit(3_000).toList()) {
      seen.add(EventKind.of(e));
    }
    assertThat(seen).containsExactlyInAnyOrder(EventKind.values());
  }

  @Example
  void shouldShrinkBackAfterAReconfigurationSizedCommandAndStillReadCorrectly() {
    EventBuffer buffer = new EventBuffer();
    for (int i = 0; i < 5_000; i++) {
      buffer.callbackDue(i, "c" + i, "q");
    }
    assertThat(buffer.event(4_999)).isEqualTo(new RouterEvent.CallbackDue(4_999, "c4999", "q"));
    buffer.clear();
    buffer.surveyRecorded(7, "c", 5);
    assertThat(buffer.size()).isEqualTo(1);
    assertThat(buffer.event(0)).isEqualTo(new RouterEvent.SurveyRecorded(7, "c", 5));
    assertThatThrownBy(() -> buffer.view(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Example
  void shouldReadCorrectlyAcrossRenewalsOfItsArrays() {
    EventBuffer buffer = new EventBuffer(64, 3);
    for (int round = 0; round < 7; round++) {
      for (int i = 0; i <= round; i++) {
        buffer.contactAnswered(round, "c" + i, "q", "a" + i, i);
      }
      assertThat(buffer.size()).isEqualTo(round + 1);
      for (int i = 0; i <= round; i++) {
        assertThat(buffer.event(i))
            .isEqualTo(new RouterEvent.ContactAnswered(round, "c" + i, "q", "a" + i, i));
      }
      buffer.clear();
    }
  }

  @Example
  void shouldDeliverOnlyTheKindsAListenerWantsAndMakeNoRecordForAViewListener() {
    EventBuffer buffer = new EventBuffer();
    buffer.contactAnswered(1, "c1", "q", "a1", 10);
    buffer.agentStateChanged(1, "a1", AgentState.RESERVED, AgentState.BUSY, "", "c1");
    buffer.contactEnded(2, "c1", "q", "a1", 5);
    List<String> seen = new ArrayList<>();
    Set<RouterEvent> made = new HashSet<>();
    RouterEventListener viewOnly =
        new RouterEventListener() {
          @Override
          public void onEvent(RouterEvent event, boolean replay) {
            made.add(event);
          }

          @Override
          public void onView(EventView event, boolean replay) {
            seen.add(event.kind() + " " + event.contactId() + " " + replay);
          }

          @Override
          public boolean wants(EventKind kind) {
            return kind != EventKind.AGENT_STATE_CHANGED;
          }
        };
    buffer.deliverTo(viewOnly, true);
    assertThat(seen).containsExactly("CONTACT_ANSWERED c1 true", "CONTACT_ENDED c1 true");
    assertThat(made).isEmpty();
  }

  // ---- generators ----

  @Provide
  Arbitrary<List<RouterEvent>> eventLists() {
    return events().list().ofMaxSize(40);
  }

  private static Arbitrary<String> s() {
    return Arbitraries.strings().withCharRange('a', 'e').ofMaxLength(4).injectNull(0.05);
  }

  private static Arbitrary<List<String>> strings(int n) {
    return s().list().ofSize(n);
  }

  private static Arbitrary<List<Long>> longs() {
    return Arbitraries.longs().list().ofSize(2);
  }

  private static Arbitrary<List<Integer>> ints() {
    return Arbitraries.integers().list().ofSize(4);
  }

  private static <E extends Enum<E>> Arbitrary<E> e(Class<E> type) {
    return Arbitraries.of(type);
  }

  static Arbitrary<RouterEvent> events() {
    Arbitrary<OverflowAction> overflow =
        Arbitraries.oneOf(
            s().filter(x -> x != null).map(OverflowAction.ToQueue::new),
            s().filter(x -> x != null).map(OverflowAction.ToNumber::new),
            Arbitraries.just(new OverflowAction.Disconnect()));
    Arbitrary<RouterEvent> queued =
        Combinators.combine(
                strings(6), longs(), ints(), e(ContactType.class), Arbitraries.of(true, false))
            .as(
                (s, l, i, type, requeued) ->
                    new RouterEvent.ContactQueued(
                        l.get(0), s.get(0), s.get(1), type, i.get(0), l.get(1), requeued, i.get(1),
                        s.get(2), s.get(3), s.get(4)));
    Arbitrary<RouterEvent> offered =
        Combinators.combine(
                strings(10),
                longs(),
                ints(),
                e(ContactType.class),
                e(AgentSelectionPolicy.class),
                e(ContactSelection.class),
                Arbitraries.doubles())
            .as(
                (s, l, i, type, policy, selection, priority) ->
                    new RouterEvent.ContactOffered(
                        l.get(0),
                        s.get(0),
                        s.get(1),
                        s.get(2),
                        type,
                        s.get(3),
                        s.get(4),
                        s.get(5),
                        s.get(6),
                        s.get(7),
                        i.get(0),
                        new DecisionReason(
                            s.get(8), policy, selection, i.get(1), i.get(2), i.get(3), l.get(1),
                            priority)));
    Arbitrary<RouterEvent> revoked =
        Combinators.combine(strings(3), longs())
            .as((s, l) -> new RouterEvent.OfferRevoked(l.get(0), s.get(0), s.get(1), s.get(2)));
    Arbitrary<RouterEvent> notTaken =
        Combinators.combine(strings(3), longs(), e(OfferFailure.class))
            .as(
                (s, l, f) ->
                    new RouterEvent.OfferNotTaken(l.get(0), s.get(0), s.get(1), s.get(2), f));
    Arbitrary<RouterEvent> escalated =
        Combinators.combine(strings(3), longs(), ints())
            .as(
                (s, l, i) ->
                    new RouterEvent.ContactEscalated(
                        l.get(0), s.get(0), s.get(1), i.get(0), s.get(2)));
    Arbitrary<RouterEvent> moved =
        Combinators.combine(strings(4), longs())
            .as(
                (s, l) ->
                    new RouterEvent.ContactMoved(l.get(0), s.get(0), s.get(1), s.get(2), s.get(3)));
    Arbitrary<RouterEvent> overflowed =
        Combinators.combine(strings(5), longs(), overflow)
            .as(
                (s, l, a) ->
                    new RouterEvent.ContactOverflowed(
                        l.get(0), s.get(0), s.get(1), a, s.get(2), l.get(1), s.get(3), s.get(4)));
    Arbitrary<RouterEvent> callbackOffered =
        Combinators.combine(strings(4), longs())
            .as(
                (s, l) ->
                    new RouterEvent.CallbackOffered(
                        l.get(0), s.get(0), s.get(1), s.get(2), s.get(3)));
    Arbitrary<RouterEvent> callbackRegistered =
        Combinators.combine(strings(3), longs())
            .as(
                (s, l) ->
                    new RouterEvent.CallbackRegistered(
                        l.get(0), s.get(0), s.get(1), s.get(2), l.get(1)));
    Arbitrary<RouterEvent> callbackDue =
        Combinators.combine(strings(2), longs())
            .as((s, l) -> new RouterEvent.CallbackDue(l.get(0), s.get(0), s.get(1)));
    Arbitrary<RouterEvent> answered =
        Combinators.combine(strings(3), longs())
            .as(
                (s, l) ->
                    new RouterEvent.ContactAnswered(
                        l.get(0), s.get(0), s.get(1), s.get(2), l.get(1)));
    Arbitrary<RouterEvent> abandoned =
        Combinators.combine(strings(2), longs(), ints(), e(AbandonReason.class))
            .as(
                (s, l, i, r) ->
                    new RouterEvent.ContactAbandoned(
                        l.get(0), s.get(0), s.get(1), l.get(1), r, i.get(0)));
    Arbitrary<RouterEvent> ended =
        Combinators.combine(strings(3), longs())
            .as(
                (s, l) ->
                    new RouterEvent.ContactEnded(l.get(0), s.get(0), s.get(1), s.get(2), l.get(1)));
    Arbitrary<RouterEvent> agentState =
        Combinators.combine(strings(3), longs(), e(AgentState.class), e(AgentState.class))
            .as(
                (s, l, p, n) ->
                    new RouterEvent.AgentStateChanged(
                        l.get(0), s.get(0), p, n, s.get(1), s.get(2)));
    Arbitrary<RouterEvent> survey =
        Combinators.combine(strings(1), longs(), ints())
            .as((s, l, i) -> new RouterEvent.SurveyRecorded(l.get(0), s.get(0), i.get(0)));
    Arbitrary<RouterEvent> agentConfigured =
        Combinators.combine(Arbitraries.longs(), CommandArbitraries.agent("a1"))
            .as(RouterEvent.AgentConfigured::new);
    Arbitrary<RouterEvent> queueConfigured =
        Combinators.combine(Arbitraries.longs(), CommandArbitraries.anyQueue())
            .as(RouterEvent.QueueConfigured::new);
    Arbitrary<RouterEvent> selection =
        Combinators.combine(Arbitraries.longs(), e(ContactSelection.class))
            .as(RouterEvent.SelectionConfigured::new);
    Arbitrary<RouterEvent> announcement =
        Combinators.combine(strings(2), longs(), Arbitraries.of(true, false))
            .as(
                (s, l, on) ->
                    new RouterEvent.AnnouncementChanged(l.get(0), s.get(0), on, s.get(1)));
    Arbitrary<RouterEvent> pbx =
        Combinators.combine(strings(1), longs(), Arbitraries.of(true, false))
            .as((s, l, up) -> new RouterEvent.PbxLinkChanged(l.get(0), s.get(0), up));
    Arbitrary<RouterEvent> rejected =
        Combinators.combine(strings(2), longs(), CommandArbitraries.command())
            .as((s, l, c) -> new RouterEvent.CommandRejected(l.get(0), c, s.get(0), s.get(1)));
    return Arbitraries.oneOf(
        List.of(
            queued,
            offered,
            revoked,
            notTaken,
            escalated,
            moved,
            overflowed,
            callbackOffered,
            callbackRegistered,
            callbackDue,
            answered,
            abandoned,
            ended,
            agentState,
            survey,
            agentConfigured,
            queueConfigured,
            selection,
            announcement,
            pbx,
            rejected));
  }
}
