package dev.switchboard.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.DeviceState;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.RouterEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agent states: wrap-up, pauses, logout, device state, PBX links, chat capacity, rejections. */
class AgentLifecycleTest extends EngineFixture {

  private void oneQueue(int wrapUpSeconds) {
    configure(
        List.of(queue("q").wrapUp(wrapUpSeconds).build()),
        List.of(agent("a1", Map.of()), agent("a2", Map.of())));
  }

  private void talk(String contact, String agentId) {
    call(contact, "q", 0);
    apply(new Command.ContactAnswered(contact, agentId));
  }

  @Test
  void shouldLogInPausedThenBecomeReady() {
    oneQueue(0);
    List<RouterEvent> login = apply(new Command.AgentLogin("a1"));
    RouterEvent.AgentStateChanged changed = only(login, RouterEvent.AgentStateChanged.class).get(0);
    assertThat(changed.previous()).isEqualTo(AgentState.LOGGED_OUT);
    assertThat(changed.state()).isEqualTo(AgentState.PAUSED);
    assertThat(changed.reason()).isEqualTo("login");
    apply(new Command.AgentReady("a1"));
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.READY);
  }

  @Test
  void shouldWrapUpUntilTimerEnds() {
    oneQueue(30);
    ready("a1");
    talk("c1", "a1");
    after(10_000, new Command.ContactEnded("c1"));
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.WRAP_UP);
    call("c2", "q", 0);
    assertThat(offers(tickAfter(29_999))).isEmpty();
    List<RouterEvent> events = tickAfter(1);
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.RESERVED);
    assertThat(offers(events)).containsExactly("c2->a1");
    assertThat(only(events, RouterEvent.ContactOffered.class).get(0).reason().trigger())
        .isEqualTo("agent-available");
  }

  @Test
  void shouldEndWrapUpEarlyOnWrapUpDone() {
    oneQueue(30);
    ready("a1");
    talk("c1", "a1");
    apply(new Command.ContactEnded("c1"));
    assertThat(rejection(apply(new Command.WrapUpDone("a2")))).isEqualTo("wrong-state");
    apply(new Command.WrapUpDone("a1"));
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.READY);
    assertThat(tickAfter(30_000)).isEmpty();
  }

  @Test
  void shouldDeferPauseUntilWorkEnds() {
    oneQueue(5);
    ready("a1");
    talk("c1", "a1");
    assertThat(apply(new Command.AgentPause("a1", "lunch"))).isEmpty();
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.BUSY);
    apply(new Command.ContactEnded("c1"));
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.WRAP_UP);
    call("c2", "q", 0);
    List<RouterEvent> events = tickAfter(5_000);
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.PAUSED);
    assertThat(engine.pauseReason("a1")).isEqualTo("lunch");
    assertThat(offers(events)).isEmpty();
  }

  @Test
  void shouldRequeueOfferedContactOnLogout() {
    oneQueue(0);
    ready("a1");
    call("c1", "q", 0);
    List<RouterEvent> events = apply(new Command.AgentLogout("a1"));
    assertThat(only(events, RouterEvent.OfferRevoked.class).get(0).reason()).isEqualTo("logout");
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.LOGGED_OUT);
    assertThat(engine.waitingContacts("q")).containsExactly("c1");
  }

  @Test
  void shouldNotOfferToAgentWhosePhoneIsInUse() {
    oneQueue(0);
    apply(new Command.AgentDeviceState("pbx1", "ext-a1", DeviceState.INUSE));
    ready("a1");
    assertThat(offers(call("c1", "q", 0))).isEmpty();
    List<RouterEvent> events =
        apply(new Command.AgentDeviceState("pbx1", "ext-a1", DeviceState.NOT_INUSE));
    assertThat(offers(events)).containsExactly("c1->a1");
    assertThat(rejection(apply(new Command.AgentDeviceState("pbx1", "nobody", DeviceState.INUSE))))
        .isEqualTo("unknown-device");
  }

  @Test
  void shouldNotOfferToAgentsOfDownPbxAndRevokeTheirOffers() {
    oneQueue(0);
    ready("a1");
    call("c1", "q", 0);
    List<RouterEvent> down = apply(new Command.PbxLinkChanged("pbx1", false));
    assertThat(only(down, RouterEvent.OfferRevoked.class).get(0).reason()).isEqualTo("pbx down");
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.READY);
    ready("a2");
    assertThat(offers(call("c2", "q", 0))).isEmpty();
    List<RouterEvent> up = apply(new Command.PbxLinkChanged("pbx1", true));
    assertThat(offers(up)).containsExactly("c1->a1", "c2->a2");
  }

  @Test
  void shouldHoldUpToChatCapacityAndNoVoiceWhileChatting() {
    configure(List.of(queue("q").build()), List.of(chatAgent("a1", 2)));
    ready("a1");
    chat("h1", "q");
    apply(new Command.ContactAnswered("h1", "a1"));
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.BUSY);
    assertThat(offers(chat("h2", "q"))).containsExactly("h2->a1");
    apply(new Command.ContactAnswered("h2", "a1"));
    assertThat(offers(chat("h3", "q"))).isEmpty();
    assertThat(offers(call("v1", "q", 0))).isEmpty();
    assertThat(offers(apply(new Command.ContactEnded("h1")))).containsExactly("h3->a1");
    assertThat(engine.agentContacts("a1")).containsExactly("h2", "h3");
  }

  @Test
  void shouldPauseAfterChatsWhenChatOfferFails() {
    configure(List.of(queue("q").build()), List.of(chatAgent("a1", 2)));
    ready("a1");
    chat("h1", "q");
    apply(new Command.ContactAnswered("h1", "a1"));
    chat("h2", "q");
    apply(new Command.OfferFailed("h2", "a1", OfferFailure.NO_ANSWER));
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.BUSY);
    assertThat(offers(chat("h3", "q"))).isEmpty();
    apply(new Command.ContactEnded("h1"));
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.PAUSED);
    assertThat(engine.pauseReason("a1")).isEqualTo("no answer");
  }

  @Test
  void shouldRejectWithStableCodes() {
    oneQueue(0);
    ready("a1");
    call("c1", "q", 0);
    assertThat(rejection(call("c1", "q", 0))).isEqualTo("duplicate-contact");
    assertThat(rejection(call("c9", "nope", 0))).isEqualTo("unknown-queue");
    assertThat(rejection(apply(new Command.ContactEnded("zz")))).isEqualTo("unknown-contact");
    assertThat(rejection(apply(new Command.ContactAbandoned("zz", AbandonReason.SYSTEM, 0))))
        .isEqualTo("unknown-contact");
    assertThat(rejection(apply(new Command.AgentReady("zz")))).isEqualTo("unknown-agent");
    assertThat(rejection(apply(new Command.ContactAnswered("c1", "zz"))))
        .isEqualTo("unknown-agent");
    assertThat(rejection(apply(new Command.ContactAnswered("c1", "a2")))).isEqualTo("wrong-agent");
    assertThat(rejection(apply(new Command.AgentLogin("a1")))).isEqualTo("wrong-state");
    assertThat(rejection(apply(new Command.AgentPause("a2", "x")))).isEqualTo("wrong-state");
    assertThat(rejection(apply(new Command.ContactTransferred("c1", "nope"))))
        .isEqualTo("unknown-queue");
    assertThat(rejection(apply(new Command.ContactTransferred("c1", "q"))))
        .isEqualTo("wrong-state");
    assertThat(rejection(apply(new Command.CallbackRequested("c1", "1", 0))))
        .isEqualTo("wrong-state");
    apply(new Command.ContactAnswered("c1", "a1"));
    assertThat(rejection(apply(new Command.ContactAnswered("c1", "a1")))).isEqualTo("wrong-state");
    assertThat(engine.agentState("a1")).isEqualTo(AgentState.BUSY);
  }
}
