package dev.switchboard.router.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.EventView;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.engine.EventBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerFanOutTest {

  private static EventBuffer threeEvents() {
    EventBuffer buffer = new EventBuffer();
    buffer.contactQueued(1, "c1", "q", ContactType.CALL, 0, 1, false, 1, "pbx", "SIP/1", "100");
    buffer.contactOffered(
        1,
        "c1",
        "q",
        "a1",
        ContactType.CALL,
        "pbx",
        "SIP/1",
        "pbx",
        "2001",
        "",
        15,
        "contact-arrived",
        AgentSelectionPolicy.LONGEST_IDLE,
        ContactSelection.PRIORITY_AGE,
        -1,
        1,
        5,
        0,
        0.0);
    buffer.agentStateChanged(1, "a1", AgentState.READY, AgentState.RESERVED, "", "c1");
    return buffer;
  }

  @Test
  void shouldHandEachListenerOnlyWhatItWantsAndShareOneRecordPerEvent() {
    List<RouterEvent> all = new ArrayList<>();
    List<RouterEvent> offers = new ArrayList<>();
    List<String> viewed = new ArrayList<>();
    RouterEventListener everything = (event, replay) -> all.add(event);
    RouterEventListener offersOnly =
        new RouterEventListener() {
          @Override
          public void onEvent(RouterEvent event, boolean replay) {
            offers.add(event);
          }

          @Override
          public boolean wants(EventKind kind) {
            return kind == EventKind.CONTACT_OFFERED;
          }
        };
    RouterEventListener inPlace =
        new RouterEventListener() {
          @Override
          public void onEvent(RouterEvent event, boolean replay) {
            throw new AssertionError("a view listener is never handed a record");
          }

          @Override
          public void onView(EventView event, boolean replay) {
            viewed.add(event.kind() + ":" + event.agentId());
          }
        };
    ListenerFanOut fanOut = new ListenerFanOut(List.of(everything, offersOnly, inPlace));

    threeEvents().deliverTo(fanOut, false);

    assertThat(all)
        .extracting(EventKind::of)
        .containsExactly(
            EventKind.CONTACT_QUEUED, EventKind.CONTACT_OFFERED, EventKind.AGENT_STATE_CHANGED);
    assertThat(offers).hasSize(1);
    assertThat(offers.get(0)).isSameAs(all.get(1));
    assertThat(viewed)
        .containsExactly("CONTACT_QUEUED:null", "CONTACT_OFFERED:a1", "AGENT_STATE_CHANGED:a1");
    assertThat(fanOut.failures()).isZero();
  }

  @Test
  void shouldKeepDeliveringWhenOneListenerThrowsAndCountIt() {
    List<RouterEvent> seen = new ArrayList<>();
    ListenerFanOut fanOut =
        new ListenerFanOut(
            List.of(
                (event, replay) -> {
                  throw new IllegalStateException("broken wallboard");
                },
                (event, replay) -> seen.add(event)));

    threeEvents().deliverTo(fanOut, false);

    assertThat(seen).hasSize(3);
    assertThat(fanOut.failures()).isEqualTo(3);
  }

  @Test
  void shouldSayItWantsAKindOnlyWhenSomeListenerDoes() {
    RouterEventListener agentsOnly =
        new RouterEventListener() {
          @Override
          public void onEvent(RouterEvent event, boolean replay) {}

          @Override
          public boolean wants(EventKind kind) {
            return kind == EventKind.AGENT_STATE_CHANGED;
          }
        };
    ListenerFanOut fanOut = new ListenerFanOut(List.of(agentsOnly));
    assertThat(fanOut.wants(EventKind.AGENT_STATE_CHANGED)).isTrue();
    assertThat(fanOut.wants(EventKind.CONTACT_QUEUED)).isFalse();
    assertThat(new ListenerFanOut(List.of()).wants(EventKind.CONTACT_QUEUED)).isFalse();
  }
}
