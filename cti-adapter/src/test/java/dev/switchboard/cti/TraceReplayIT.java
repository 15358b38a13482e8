package dev.switchboard.cti;

import static dev.switchboard.cti.Await.await;
import static dev.switchboard.cti.RouterEvents.PBX;
import static dev.switchboard.cti.RouterEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.DeviceState;
import dev.switchboard.router.api.OfferFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against the recorded Asterisk 22 transcripts, over a real AMI socket: the router
 * events the recording's stub router implied are fed in, the AMI actions the adapter sends are
 * checked against what the recording router sent, and the commands it publishes are checked one by
 * one.
 */
class TraceReplayIT {
  private final RecordingPublisher router = new RecordingPublisher();
  private FakeAmiServer server;
  private CtiAdapter adapter;

  @AfterEach
  void tearDown() throws Exception {
    FakePbxFixture.close(adapter, server);
  }

  /**
   * A PBX session that replays {@code trace}, and an adapter (not started) on it that knows the
   * recording's ten agents.
   */
  private FakeAmiServer.Session replaying(String trace) throws Exception {
    FakeAmiServer.Session session = new FakeAmiServer.Session();
    session.replay = Transcript.frames(trace);
    server = new FakeAmiServer(session);
    adapter = FakePbxFixture.adapter(server, router, 20, 200, 7);
    FakePbxFixture.announceAgents(adapter, 10);
    return session;
  }

  /**
   * The router offers the call to agent {@code first} at gate {@code firstGate}; once the PBX has
   * reported that offer failed, it re-queues the call and offers it to {@code second} at {@code
   * secondGate}. Agents are named by number: "04" is agent a04 on device agent04.
   */
  private void offerThenReofferAfterFailure(
      FakeAmiServer.Session s,
      String uid,
      String caller,
      int ringSeconds,
      String firstGate,
      String first,
      String secondGate,
      String second) {
    s.gate(
        firstGate,
        () ->
            adapter.onEvent(
                RouterEvents.offered(uid, caller, "a" + first, "agent" + first, ringSeconds),
                false),
        redirect(caller, "agent" + first));
    s.gate(
        secondGate,
        () -> {
          // The router re-offers only after it has the OfferFailed.
          await(() -> !router.of(Command.OfferFailed.class).isEmpty(), () -> "OfferFailed");
          adapter.onEvent(RouterEvents.requeued(uid, caller), false);
          adapter.onEvent(
              RouterEvents.offered(uid, caller, "a" + second, "agent" + second, ringSeconds),
              false);
        },
        redirect(caller, "agent" + second));
  }

  /**
   * The IVR hands the caller over as it enters the wait context, so the router's ContactQueued
   * reaches the adapter right after the caller's first MusicOnHoldStart.
   */
  private void queueWhenWaiting(FakeAmiServer.Session s, String uid, String channel) {
    s.after(
        "MusicOnHoldStart",
        channel,
        () -> adapter.onEvent(RouterEvents.queued(uid, channel), false));
  }

  private void awaitReplay() {
    await(() -> server.replaysDone.get() > 0, () -> "replay end; gates: " + server.gateFailures);
    assertThat(server.gateFailures).isEmpty();
  }

  private void awaitCommands(int n) {
    await(
        () -> router.callCommands().size() >= n,
        () -> n + " commands, got " + router.callCommands() + " " + adapter.counters());
  }

  private static Predicate<FakeAmiServer.Action> redirect(String channel, String exten) {
    return a ->
        a.name().equalsIgnoreCase("Redirect")
            && a.get("channel").equals(channel)
            && a.get("exten").equals(exten);
  }

  private static Command devState(String device, DeviceState state) {
    return new Command.AgentDeviceState(PBX, device, state);
  }

  @Test
  void shouldReportAnswerAndEndWhenAgentAnswersAndHangsUp_s01() throws Exception {
    String uid = "1795522715.0";
    String caller = "PJSIP/sipp-00000000";
    FakeAmiServer.Session s = replaying("s01-answered.ami");
    s.gate(
        "sb-3",
        () -> adapter.onEvent(RouterEvents.offered(uid, caller, "a01", "agent01", 15), false),
        redirect(caller, "agent01"));
    queueWhenWaiting(s, uid, caller);
    adapter.start();

    awaitReplay();
    awaitCommands(5);
    assertThat(router.callCommands())
        .containsExactly(
            devState("agent01", DeviceState.RINGING),
            new Command.ContactAnswered(contact(uid), "a01"),
            devState("agent01", DeviceState.INUSE),
            new Command.ContactEnded(contact(uid)),
            devState("agent01", DeviceState.NOT_INUSE));
    assertThat(router.linkChanges()).containsExactly(new Command.PbxLinkChanged(PBX, true));
    assertThat(server.callActions())
        .extracting(
            a ->
                a.name().toLowerCase()
                    + " "
                    + a.get("variable")
                    + "="
                    + a.get("value")
                    + a.get("exten"))
        .containsExactly(
            "setvar SB_RING=15",
            "setvar SB_CONTACT=" + contact(uid),
            "setvar SB_AGENT=a01",
            "redirect =agent01");
    FakeAmiServer.Action r = server.actions("Redirect").get(0);
    assertThat(r.get("channel")).isEqualTo(caller);
    assertThat(r.get("context")).isEqualTo("switchboard-connect");
    assertThat(r.get("priority")).isEqualTo("1");
    assertThat(server.actions("Setvar")).allMatch(a -> a.get("channel").equals(caller));
    CtiCounters c = adapter.counters();
    assertThat(c.eventsTranslated()).isEqualTo(5);
    assertThat(c.eventsDuplicate()).isGreaterThanOrEqualTo(2);
    assertThat(c.actionsFailed()).isZero();
  }

  @Test
  void shouldEndTheContactWhenTheCallerHangsUpFirst_s02() throws Exception {
    String uid = "1795522740.2";
    String caller = "PJSIP/sipp-00000002";
    FakeAmiServer.Session s = replaying("s02-caller-hangs-up-first.ami");
    s.gate(
        "sb-2",
        () -> adapter.onEvent(RouterEvents.offered(uid, caller, "a01", "agent01", 15), false),
        redirect(caller, "agent01"));
    queueWhenWaiting(s, uid, caller);
    adapter.start();

    awaitReplay();
    awaitCommands(5);
    // The caller's Hangup comes first here; the agent's INUSE arrives before DialEnd (cf. s01).
    assertThat(router.callCommands())
        .containsExactly(
            devState("agent01", DeviceState.RINGING),
            devState("agent01", DeviceState.INUSE),
            new Command.ContactAnswered(contact(uid), "a01"),
            new Command.ContactEnded(contact(uid)),
            devState("agent01", DeviceState.NOT_INUSE));
  }

  @Test
  void shouldReportAbandonWithCauseZeroWhenTheWaitingCallerHangsUp_s03() throws Exception {
    String uid = "1795522755.4";
    FakeAmiServer.Session s = replaying("s03-abandon.ami");
    queueWhenWaiting(s, uid, "PJSIP/sipp-00000004");
    adapter.start();

    awaitReplay();
    awaitCommands(1);
    assertThat(router.callCommands())
        .containsExactly(
            new Command.ContactAbandoned(contact(uid), AbandonReason.CALLER_HANGUP, 0));
    assertThat(server.callActions()).isEmpty();
  }

  @Test
  void shouldReportNoAnswerThenAnswerByTheNextAgent_s04() throws Exception {
    String uid = "1795522767.5";
    String caller = "PJSIP/sipp-00000005";
    FakeAmiServer.Session s = replaying("s04-ring-no-answer.ami");
    offerThenReofferAfterFailure(s, uid, caller, 4, "sb-2", "04", "sb-4", "01");
    queueWhenWaiting(s, uid, caller);
    adapter.start();

    awaitReplay();
    awaitCommands(8);
    assertThat(router.callCommands())
        .containsExactly(
            devState("agent04", DeviceState.RINGING),
            new Command.OfferFailed(contact(uid), "a04", OfferFailure.NO_ANSWER),
            devState("agent04", DeviceState.NOT_INUSE),
            devState("agent01", DeviceState.RINGING),
            new Command.ContactAnswered(contact(uid), "a01"),
            devState("agent01", DeviceState.INUSE),
            new Command.ContactEnded(contact(uid)),
            devState("agent01", DeviceState.NOT_INUSE));
    assertThat(server.actions("Setvar"))
        .filteredOn(a -> a.get("variable").equals("SB_RING"))
        .extracting(a -> a.get("value"))
        .containsExactly("4", "4");
  }

  @Test
  void shouldReportBusyThenAnswerByTheNextAgent_s05() throws Exception {
    String uid = "1795522786.8";
    String caller = "PJSIP/sipp-00000008";
    FakeAmiServer.Session s = replaying("s05-busy.ami");
    offerThenReofferAfterFailure(s, uid, caller, 15, "sb-2", "05", "sb-3", "02");
    queueWhenWaiting(s, uid, caller);
    adapter.start();

    awaitReplay();
    awaitCommands(6);
    // 486 Busy: no RINGING device state for agent05 at all.
    assertThat(router.callCommands())
        .containsExactly(
            new Command.OfferFailed(contact(uid), "a05", OfferFailure.BUSY),
            devState("agent02", DeviceState.RINGING),
            new Command.ContactAnswered(contact(uid), "a02"),
            devState("agent02", DeviceState.INUSE),
            new Command.ContactEnded(contact(uid)),
            devState("agent02", DeviceState.NOT_INUSE));
  }

  @Test
  void shouldReportAbandonWhenTheCallerHangsUpWhileTheAgentRings_s06() throws Exception {
    String uid = "1795522802.11";
    String caller = "PJSIP/sipp-0000000b";
    FakeAmiServer.Session s = replaying("s06-caller-hangup-while-ringing.ami");
    s.gate(
        "sb-2",
        () -> adapter.onEvent(RouterEvents.offered(uid, caller, "a04", "agent04", 15), false),
        redirect(caller, "agent04"));
    queueWhenWaiting(s, uid, caller);
    adapter.start();

    awaitReplay();
    awaitCommands(3);
    assertThat(router.callCommands())
        .containsExactly(
            devState("agent04", DeviceState.RINGING),
            new Command.ContactAbandoned(contact(uid), AbandonReason.CALLER_HANGUP, 0),
            devState("agent04", DeviceState.NOT_INUSE));
  }

  @Test
  void shouldOriginateTheCallbackAgentFirstThenReportAnswerAndEnd_s07() throws Exception {
    String contactId = contact("1795522700.99");
    FakeAmiServer.Session s = replaying("s07-callback-originate.ami");
    s.gate(
        "sb-2",
        () ->
            adapter.onEvent(
                RouterEvents.callbackOffered(contactId, "a02", "agent02", "customer", 20), false),
        a -> a.name().equalsIgnoreCase("Originate"));
    adapter.onEvent(RouterEvents.agent("cust", "customer"), false);
    adapter.start();

    awaitReplay();
    awaitCommands(8);
    assertThat(router.callCommands())
        .containsExactly(
            devState("agent02", DeviceState.RINGING),
            devState("agent02", DeviceState.INUSE),
            devState("customer", DeviceState.RINGING),
            devState("customer", DeviceState.INUSE),
            new Command.ContactAnswered(contactId, "a02"),
            new Command.ContactEnded(contactId),
            devState("agent02", DeviceState.NOT_INUSE),
            devState("customer", DeviceState.NOT_INUSE));
    FakeAmiServer.Action o = server.actions("Originate").get(0);
    assertThat(o.get("channel")).isEqualTo("PJSIP/agent02");
    assertThat(o.get("application")).isEqualTo("Dial");
    assertThat(o.get("data")).isEqualTo("PJSIP/customer,30");
    assertThat(o.get("async")).isEqualToIgnoringCase("true");
    assertThat(o.get("timeout")).isEqualTo("20000");
    assertThat(server.actions.stream().filter(a -> a.name().equalsIgnoreCase("Originate")))
        .hasSize(1);
  }

  @Test
  void shouldRouteTenConcurrentCallersToTheirAgents_s09() throws Exception {
    String[][] calls = {
      {"PJSIP/sipp-00000014", "1795522844.20", "01"},
      {"PJSIP/sipp-00000015", "1795522845.21", "02"},
      {"PJSIP/sipp-00000016", "1795522845.22", "03"},
      {"PJSIP/sipp-00000018", "1795522846.24", "01"},
      {"PJSIP/sipp-0000001a", "1795522846.26", "02"},
      {"PJSIP/sipp-0000001c", "1795522847.28", "03"},
      {"PJSIP/sipp-0000001d", "1795522847.29", "01"},
      {"PJSIP/sipp-0000001e", "1795522848.30", "02"},
      {"PJSIP/sipp-0000001f", "1795522848.31", "03"},
      {"PJSIP/sipp-00000020", "1795522849.32", "01"},
    };
    FakeAmiServer.Session s = replaying("s09-ten-concurrent.ami");
    for (int i = 0; i < calls.length; i++) {
      String[] c = calls[i];
      s.gate(
          "sb-" + (i + 2),
          () ->
              adapter.onEvent(
                  RouterEvents.offered(c[1], c[0], "a" + c[2], "agent" + c[2], 15), false),
          redirect(c[0], "agent" + c[2]));
      queueWhenWaiting(s, c[1], c[0]);
    }
    adapter.start();

    awaitReplay();
    await(
        () -> router.of(Command.ContactEnded.class).size() == 10,
        () -> "10 ends, got " + router.callCommands());
    List<Command> expectedAnswers = new ArrayList<>();
    List<Command> expectedEnds = new ArrayList<>();
    for (String[] c : calls) {
      expectedAnswers.add(new Command.ContactAnswered(contact(c[1]), "a" + c[2]));
      expectedEnds.add(new Command.ContactEnded(contact(c[1])));
    }
    assertThat(router.of(Command.ContactAnswered.class))
        .containsExactlyInAnyOrderElementsOf(
            expectedAnswers.stream().map(x -> (Command.ContactAnswered) x).toList());
    assertThat(router.of(Command.ContactEnded.class))
        .containsExactlyInAnyOrderElementsOf(
            expectedEnds.stream().map(x -> (Command.ContactEnded) x).toList());
    assertThat(router.of(Command.ContactAbandoned.class)).isEmpty();
    assertThat(router.of(Command.OfferFailed.class)).isEmpty();
    assertThat(server.actions("Redirect")).hasSize(10);
    // Each contact is answered before it ends.
    List<Command> seq = router.callCommands();
    for (String[] c : calls) {
      assertThat(seq.indexOf(new Command.ContactAnswered(contact(c[1]), "a" + c[2])))
          .isLessThan(seq.indexOf(new Command.ContactEnded(contact(c[1]))));
    }
  }
}
