package dev.switchboard.cti;

import static dev.switchboard.cti.Await.await;
import static dev.switchboard.cti.RouterEvents.PBX;
import static dev.switchboard.cti.RouterEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.DeviceState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The link drops in the middle of the s08 recording (one caller talking to agent01, one ringing
 * agent04, one waiting); the adapter reconnects and resyncs from the recorded CoreShowChannels /
 * DeviceStateList (or Status) listings. Live contacts keep their place; vanished ones are lost.
 */
class ResyncIT {
  private static final String TALKING_UID = "1795522833.15";
  private static final String TALKING = "PJSIP/sipp-0000000f";
  private static final String RINGING_UID = "1795522834.16";
  private static final String RINGING = "PJSIP/sipp-00000010";
  private static final String WAITING_UID = "1795522835.18";
  private static final String WAITING = "PJSIP/sipp-00000012";
  private static final String VANISHED_UID = "1795522830.9";

  private final RecordingPublisher router = new RecordingPublisher();
  private FakeAmiServer server;
  private CtiAdapter adapter;

  @AfterEach
  void tearDown() throws Exception {
    FakePbxFixture.close(adapter, server);
  }

  @Test
  void shouldKeepLiveContactsAndLoseVanishedOnesAfterADropMidCall_coreShowChannels()
      throws Exception {
    runOutage(false);
  }

  @Test
  void shouldResyncFromTheStatusListingWhenCoreShowChannelsIsRefused() throws Exception {
    runOutage(true);
  }

  private void runOutage(boolean refuseCoreShowChannels) throws Exception {
    String trace = "s08-resync-snapshot.ami";
    FakeAmiServer.Session live = new FakeAmiServer.Session();
    live.replay = Transcript.frames(trace);
    live.dropAtRecordedResponse = "sb-5";
    FakeAmiServer.Session after = new FakeAmiServer.Session();
    after.listings.put("coreshowchannels", Transcript.listing(trace, "CoreShowChannel", "sb-5"));
    after.listings.put("devicestatelist", Transcript.listing(trace, "DeviceStateChange", "sb-6"));
    after.listings.put("status", Transcript.listing(trace, "Status", "sb-7"));
    if (refuseCoreShowChannels) {
      after.refused.add("coreshowchannels");
    }
    server = new FakeAmiServer(live, after);
    adapter = FakePbxFixture.adapter(server, router, 20, 100, 11);
    FakePbxFixture.announceAgents(adapter, 10);
    live.after(
        "MusicOnHoldStart",
        TALKING,
        () -> adapter.onEvent(RouterEvents.queued(TALKING_UID, TALKING), false));
    live.after(
        "MusicOnHoldStart",
        RINGING,
        () -> adapter.onEvent(RouterEvents.queued(RINGING_UID, RINGING), false));
    live.after(
        "MusicOnHoldStart",
        WAITING,
        () -> {
          adapter.onEvent(RouterEvents.queued(WAITING_UID, WAITING), false);
          // A caller whose channel dies while the link is down (it is in no listing).
          adapter.onEvent(RouterEvents.queued(VANISHED_UID, "PJSIP/sipp-0000000e"), false);
        });
    live.gate(
        "sb-2",
        () ->
            adapter.onEvent(
                RouterEvents.offered(TALKING_UID, TALKING, "a01", "agent01", 15), false),
        a -> a.name().equalsIgnoreCase("Redirect") && a.get("channel").equals(TALKING));
    live.gate(
        "sb-3",
        () ->
            adapter.onEvent(
                RouterEvents.offered(RINGING_UID, RINGING, "a04", "agent04", 60), false),
        a -> a.name().equalsIgnoreCase("Redirect") && a.get("channel").equals(RINGING));
    adapter.start();

    await(() -> server.logins.get() == 2, () -> "a reconnect");
    await(
        () -> router.linkChanges().size() == 3, () -> "link up, down, up; got " + router.commands);
    assertThat(router.linkChanges())
        .containsExactly(
            new Command.PbxLinkChanged(PBX, true),
            new Command.PbxLinkChanged(PBX, false),
            new Command.PbxLinkChanged(PBX, true));

    // Before the drop: the talking caller was answered live.
    List<Command> all = router.commands;
    int down = all.indexOf(new Command.PbxLinkChanged(PBX, false));
    assertThat(all.subList(0, down))
        .contains(new Command.ContactAnswered(contact(TALKING_UID), "a01"));

    // After it: device states from the listing, then the one correction: the vanished caller.
    List<Command> expected = new ArrayList<>();
    expected.add(new Command.PbxLinkChanged(PBX, false));
    expected.add(new Command.AgentDeviceState(PBX, "agent01", DeviceState.INUSE));
    expected.add(new Command.AgentDeviceState(PBX, "agent02", DeviceState.NOT_INUSE));
    expected.add(new Command.AgentDeviceState(PBX, "agent03", DeviceState.NOT_INUSE));
    expected.add(new Command.AgentDeviceState(PBX, "agent04", DeviceState.RINGING));
    for (int i = 5; i <= 10; i++) {
      expected.add(
          new Command.AgentDeviceState(PBX, String.format("agent%02d", i), DeviceState.NOT_INUSE));
    }
    expected.add(
        new Command.ContactAbandoned(contact(VANISHED_UID), AbandonReason.LOST_DURING_OUTAGE, 0));
    expected.add(new Command.PbxLinkChanged(PBX, true));
    assertThat(all.subList(down, all.size())).containsExactlyElementsOf(expected);

    PbxLinkStatus status = adapter.links().get(0);
    assertThat(status.state()).isEqualTo(LinkState.UP);
    assertThat(status.reconnects()).isEqualTo(1);
    assertThat(adapter.counters().contactsLostInOutage()).isEqualTo(1);
    assertThat(server.actions(refuseCoreShowChannels ? "Status" : "CoreShowChannels")).isNotEmpty();
  }

  @Test
  void shouldReportAnAnswerThatHappenedDuringTheOutageAndLoseAnOfferWhoseCallerVanished()
      throws Exception {
    String trace = "s08-resync-snapshot.ami";
    FakeAmiServer.Session first = new FakeAmiServer.Session();
    FakeAmiServer.Session after = new FakeAmiServer.Session();
    after.listings.put("coreshowchannels", Transcript.listing(trace, "CoreShowChannel", "sb-5"));
    server = new FakeAmiServer(first, after);
    adapter = FakePbxFixture.adapter(server, router, 20, 100, 3);
    adapter.start();
    await(() -> adapter.links().get(0).state() == LinkState.UP, () -> "link up");
    adapter.onEvent(RouterEvents.queued(TALKING_UID, TALKING), false);
    adapter.onEvent(RouterEvents.offered(TALKING_UID, TALKING, "a01", "agent01", 15), false);
    adapter.onEvent(RouterEvents.queued(VANISHED_UID, "PJSIP/sipp-0000000e"), false);
    adapter.onEvent(
        RouterEvents.offered(VANISHED_UID, "PJSIP/sipp-0000000e", "a05", "agent05", 15), false);
    await(() -> server.actions("Redirect").size() == 2, () -> "two redirects");

    server.dropConnections();
    await(() -> router.linkChanges().size() == 3, () -> "down and up again");
    // The answer happened while the link was down: the listing shows the caller bridged.
    assertThat(router.callCommands())
        .containsExactly(
            new Command.ContactAnswered(contact(TALKING_UID), "a01"),
            new Command.ContactAbandoned(
                contact(VANISHED_UID), AbandonReason.LOST_DURING_OUTAGE, 0));
  }
}
