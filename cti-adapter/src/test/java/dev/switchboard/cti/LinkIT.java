package dev.switchboard.cti;

import static dev.switchboard.cti.Await.await;
import static dev.switchboard.cti.RouterEvents.PBX;
import static dev.switchboard.cti.RouterEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.TimeSource;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Link supervision over a real socket: failed logins, bad input, failed actions, a full ring. */
class LinkIT {
  private static final String UID = "1795522755.4";
  private static final String CALLER = "PJSIP/sipp-00000004";

  private final RecordingPublisher router = new RecordingPublisher();
  private FakeAmiServer server;
  private CtiAdapter adapter;

  @AfterEach
  void tearDown() throws Exception {
    FakePbxFixture.close(adapter, server);
  }

  private void start(FakeAmiServer.Session... sessions) throws Exception {
    server = new FakeAmiServer(sessions);
    adapter = FakePbxFixture.adapter(server, router, 30, 300, 5);
    adapter.start();
  }

  private void awaitUp() {
    await(() -> adapter.links().get(0).state() == LinkState.UP, () -> "link up");
  }

  private static String hangup(String uid, String channel, int cause) {
    return FakeAmiServer.frame(
        "Event: Hangup",
        "Privilege: call,all",
        "Channel: " + channel,
        "Uniqueid: " + uid,
        "Linkedid: " + uid,
        "Cause: " + cause,
        "Cause-txt: Unknown");
  }

  @Test
  void shouldGoDownAndBackOffWhenTheLoginFailsThenComeUp_s10() throws Exception {
    FakeAmiServer.Session bad = new FakeAmiServer.Session();
    bad.rejectLogin = true;
    bad.loginDelayMs = 100;
    start(bad, bad, new FakeAmiServer.Session());

    await(() -> adapter.links().get(0).state() == LinkState.DOWN, () -> "link down");
    awaitUp();
    assertThat(server.logins.get()).isEqualTo(3);
    assertThat(adapter.links().get(0).reconnects()).isEqualTo(2);
    assertThat(router.linkChanges())
        .containsExactly(
            new Command.PbxLinkChanged(PBX, false), new Command.PbxLinkChanged(PBX, true));
    // asterisk-java logs in with an MD5 challenge: the secret itself never crosses the wire.
    FakeAmiServer.Action login = server.actions("Login").get(0);
    assertThat(login.get("authtype")).isEqualToIgnoringCase("MD5");
    assertThat(login.headers().values()).doesNotContain("secret");
    assertThat(login.get("events")).isEqualTo("call,user");
  }

  @Test
  void shouldNeverLogTheSecret() {
    PbxConfiguration pbx = PbxConfiguration.defaults(PBX, "127.0.0.1", 5038, "router", "s3cr3t");
    assertThat(pbx.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void shouldCountGarbageMissingHeadersAndUnknownEventsAndKeepTheLink() throws Exception {
    start(new FakeAmiServer.Session());
    awaitUp();
    adapter.onEvent(RouterEvents.queued(UID, CALLER), false);
    server.broadcast("this is not AMI at all\r\n\u0001\u0002garbage\r\n\r\n");
    server.broadcast(FakeAmiServer.frame("Event: Hangup", "Channel: PJSIP/x-1", "Cause: 16"));
    server.broadcast(FakeAmiServer.frame("Event: FrobnicateWidget", "Widget: 7"));
    server.broadcast(
        FakeAmiServer.frame(
            "Event: UserEvent", "UserEvent: SwitchboardAgent", "Agent: a01", "Action: dance"));
    server.broadcast(hangup("1.99", "PJSIP/sipp-99", 16));
    server.broadcast(hangup(UID, CALLER, 0));

    await(() -> !router.callCommands().isEmpty(), () -> "the valid hangup");
    assertThat(router.callCommands())
        .containsExactly(
            new Command.ContactAbandoned(contact(UID), AbandonReason.CALLER_HANGUP, 0));
    CtiCounters c = adapter.counters();
    assertThat(c.eventsMalformed()).isGreaterThanOrEqualTo(4);
    assertThat(c.eventsUnknownType()).isEqualTo(1);
    assertThat(c.eventsUnknownChannel()).isEqualTo(1);
    assertThat(adapter.links().get(0).state()).isEqualTo(LinkState.UP);
    assertThat(adapter.links().get(0).reconnects()).isZero();
  }

  @Test
  void shouldTranslateAgentFeatureCodes() throws Exception {
    start(new FakeAmiServer.Session());
    awaitUp();
    for (String action : List.of("login", "ready", "pause", "wrapupdone", "logout")) {
      server.broadcast(
          FakeAmiServer.frame(
              "Event: UserEvent",
              "Privilege: user,all",
              "UserEvent: SwitchboardAgent",
              "Agent: a07",
              "Action: " + action,
              "Reason: lunch"));
    }
    await(() -> router.callCommands().size() == 5, () -> "5 agent commands");
    assertThat(router.callCommands())
        .containsExactly(
            new Command.AgentLogin("a07"),
            new Command.AgentReady("a07"),
            new Command.AgentPause("a07", "lunch"),
            new Command.WrapUpDone("a07"),
            new Command.AgentLogout("a07"));
  }

  @Test
  void shouldReportOfferFailedWhenTheRedirectIsRefused() throws Exception {
    FakeAmiServer.Session s = new FakeAmiServer.Session();
    s.failing = a -> a.name().equalsIgnoreCase("Redirect");
    s.failureMessage = "Permission denied";
    start(s);
    awaitUp();
    adapter.onEvent(RouterEvents.queued(UID, CALLER), false);
    adapter.onEvent(RouterEvents.offered(UID, CALLER, "a01", "agent01", 15), false);
    await(() -> !router.callCommands().isEmpty(), () -> "OfferFailed");
    assertThat(router.callCommands())
        .containsExactly(new Command.OfferFailed(contact(UID), "a01", OfferFailure.ACTION_FAILED));
    assertThat(adapter.counters().actionsFailed()).isEqualTo(1);
  }

  @Test
  void shouldAbandonInsteadOfFailingTheOfferWhenTheRedirectFindsNoChannel() throws Exception {
    FakeAmiServer.Session s = new FakeAmiServer.Session();
    s.failing = a -> a.name().equalsIgnoreCase("Redirect");
    start(s);
    awaitUp();
    adapter.onEvent(RouterEvents.queued(UID, CALLER), false);
    adapter.onEvent(RouterEvents.offered(UID, CALLER, "a01", "agent01", 15), false);
    await(() -> !router.callCommands().isEmpty(), () -> "ContactAbandoned");
    // The caller's own Hangup, arriving late, is not news any more.
    long received = adapter.counters().eventsReceived();
    server.broadcast(hangup(UID, CALLER, 16));
    await(() -> adapter.counters().eventsReceived() > received, () -> "late Hangup seen");
    assertThat(router.callCommands())
        .containsExactly(
            new Command.ContactAbandoned(contact(UID), AbandonReason.CALLER_HANGUP, 0));
  }

  @Test
  void shouldAbandonOnceAndRingNobodyWhenTheCallerHungUpBeforeTheRouterQueuedIt() throws Exception {
    start(new FakeAmiServer.Session());
    awaitUp();
    server.broadcast(hangup(UID, CALLER, 16));
    await(() -> adapter.counters().eventsUnknownChannel() == 1, () -> "early Hangup seen");
    adapter.onEvent(RouterEvents.queued(UID, CALLER), false);
    adapter.onEvent(RouterEvents.requeued(UID, CALLER), false);
    adapter.onEvent(RouterEvents.offered(UID, CALLER, "a01", "agent01", 15), false);
    assertThat(router.callCommands())
        .containsExactly(
            new Command.ContactAbandoned(contact(UID), AbandonReason.CALLER_HANGUP, 16));
    // Actions go out in order: once a later caller's Redirect is out, the ghost had none.
    adapter.onEvent(RouterEvents.queued("2.2", "PJSIP/sipp-2"), false);
    adapter.onEvent(RouterEvents.offered("2.2", "PJSIP/sipp-2", "a02", "agent02", 15), false);
    await(() -> server.actions("Redirect").size() == 1, () -> "the live caller's Redirect");
    assertThat(server.actions("Redirect").get(0).get("channel")).isEqualTo("PJSIP/sipp-2");
    assertThat(server.actions("Setvar")).allMatch(a -> "PJSIP/sipp-2".equals(a.get("channel")));
  }

  @Test
  void shouldRetryInOrderWhenTheRingIsFull() throws Exception {
    start(new FakeAmiServer.Session());
    awaitUp();
    adapter.onEvent(RouterEvents.queued(UID, CALLER), false);
    adapter.onEvent(RouterEvents.queued("2.2", "PJSIP/sipp-2"), false);
    router.ringFullFor.set(5);
    server.broadcast(hangup(UID, CALLER, 0) + hangup("2.2", "PJSIP/sipp-2", 16));
    await(() -> router.callCommands().size() == 2, () -> "both hangups");
    assertThat(router.callCommands())
        .containsExactly(
            new Command.ContactAbandoned(contact(UID), AbandonReason.CALLER_HANGUP, 0),
            new Command.ContactAbandoned(contact("2.2"), AbandonReason.CALLER_HANGUP, 16));
    assertThat(adapter.counters().commandsRetried()).isEqualTo(1);
  }

  @Test
  void shouldScopeContactsByPbxWhenTwoPbxsReportTheSameUniqueid() throws Exception {
    FakeAmiServer.Session one = new FakeAmiServer.Session();
    one.replay = Transcript.frames("s03-abandon.ami");
    FakeAmiServer.Session two = new FakeAmiServer.Session();
    two.replay = Transcript.frames("s03-abandon.ami");
    try (FakeAmiServer second = new FakeAmiServer(two)) {
      server = new FakeAmiServer(one);
      adapter =
          new CtiAdapter(
              List.of(
                  PbxConfiguration.defaults("pbx1", "127.0.0.1", server.port(), "router", "x"),
                  PbxConfiguration.defaults("pbx2", "127.0.0.1", second.port(), "router", "y")),
              router,
              TimeSource.SYSTEM,
              new SplittableRandom(1));
      one.after(
          "MusicOnHoldStart",
          CALLER,
          () -> adapter.onEvent(RouterEvents.queued(UID, CALLER), false));
      two.after(
          "MusicOnHoldStart",
          CALLER,
          () ->
              adapter.onEvent(
                  new dev.switchboard.router.api.RouterEvent.ContactQueued(
                      0,
                      "pbx2:" + UID,
                      "support",
                      dev.switchboard.router.api.ContactType.CALL,
                      0,
                      0,
                      false,
                      1,
                      "pbx2",
                      CALLER,
                      "sipp"),
                  false));
      adapter.start();
      await(() -> router.of(Command.ContactAbandoned.class).size() == 2, () -> "two abandons");
      assertThat(router.of(Command.ContactAbandoned.class))
          .containsExactlyInAnyOrder(
              new Command.ContactAbandoned("pbx1:" + UID, AbandonReason.CALLER_HANGUP, 0),
              new Command.ContactAbandoned("pbx2:" + UID, AbandonReason.CALLER_HANGUP, 0));
      assertThat(adapter.links()).extracting(PbxLinkStatus::pbxId).containsExactly("pbx1", "pbx2");
    }
  }

  @Test
  void shouldCarryOutOverflowCallbackOfferAndRevokeAsAmiActions() throws Exception {
    start(new FakeAmiServer.Session());
    awaitUp();
    adapter.onEvent(RouterEvents.queued("1.1", "PJSIP/sipp-1"), false);
    adapter.onEvent(RouterEvents.queued("2.2", "PJSIP/sipp-2"), false);
    adapter.onEvent(RouterEvents.queued("3.3", "PJSIP/sipp-3"), false);
    adapter.onEvent(RouterEvents.queued("4.4", "PJSIP/sipp-4"), false);
    adapter.onEvent(
        new RouterEvent.ContactOverflowed(
            0,
            contact("1.1"),
            "support",
            new OverflowAction.ToNumber("5551000"),
            "max-wait",
            90_000,
            PBX,
            "PJSIP/sipp-1"),
        false);
    adapter.onEvent(
        new RouterEvent.ContactOverflowed(
            0,
            contact("2.2"),
            "support",
            new OverflowAction.Disconnect(),
            "max-length",
            1_000,
            PBX,
            ""),
        false);
    adapter.onEvent(
        new RouterEvent.CallbackOffered(0, contact("3.3"), "support", PBX, "PJSIP/sipp-3"), false);
    // An offer revoked before the agent leg exists: the caller goes back to the wait context.
    adapter.onEvent(RouterEvents.offered("4.4", "PJSIP/sipp-4", "a01", "agent01", 15), false);
    await(() -> server.actions("Redirect").size() == 4, () -> "four redirects");
    await(() -> server.actions("Setvar").size() == 4, () -> "setvars");
    adapter.onEvent(new RouterEvent.OfferRevoked(0, contact("4.4"), "a01", "timeout"), false);
    await(() -> server.actions("Redirect").size() == 5, () -> "the revoke's redirect");

    assertThat(server.actions("Redirect"))
        .extracting(
            a ->
                a.get("channel")
                    + ">"
                    + a.get("context")
                    + ","
                    + a.get("exten")
                    + ","
                    + a.get("priority"))
        .containsExactly(
            "PJSIP/sipp-1>switchboard-overflow,5551000,1",
            "PJSIP/sipp-2>switchboard-overflow,hangup,1",
            "PJSIP/sipp-3>switchboard-callback-offer,s,1",
            "PJSIP/sipp-4>switchboard-connect,agent01,1",
            "PJSIP/sipp-4>switchboard-wait,s,1");
    assertThat(server.actions("Setvar").get(0).get("variable")).isEqualTo("SB_CONTACT");
    assertThat(server.actions("Setvar").get(0).get("value")).isEqualTo(contact("3.3"));

    // Once the agent leg is known, revoking hangs that leg up instead.
    adapter.onEvent(RouterEvents.requeued("4.4", "PJSIP/sipp-4"), false);
    adapter.onEvent(RouterEvents.offered("4.4", "PJSIP/sipp-4", "a02", "agent02", 15), false);
    await(() -> server.actions("Redirect").size() == 6, () -> "second offer");
    long received = adapter.counters().eventsReceived();
    server.broadcast(
        FakeAmiServer.frame(
            "Event: DialBegin",
            "Channel: PJSIP/sipp-4",
            "Uniqueid: 4.4",
            "Linkedid: 4.4",
            "DestChannel: PJSIP/agent02-00000009",
            "DestUniqueid: 4.9",
            "DestLinkedid: 4.4",
            "DialString: agent02"));
    await(() -> adapter.counters().eventsReceived() > received, () -> "DialBegin seen");
    adapter.onEvent(new RouterEvent.OfferRevoked(0, contact("4.4"), "a02", "timeout"), false);
    await(() -> server.actions("Hangup").size() == 1, () -> "hangup of the agent leg");
    assertThat(server.actions("Hangup").get(0).get("channel")).isEqualTo("PJSIP/agent02-00000009");
  }
}
