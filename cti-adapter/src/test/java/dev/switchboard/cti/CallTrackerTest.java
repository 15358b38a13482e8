package dev.switchboard.cti;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.OfferFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTrackerTest {
  private static final String CALLER = "PJSIP/sipp-00000005";
  private static final String UID = "1795522767.5";
  private static final String CONTACT = "pbx1:" + UID;
  private final CallTracker tracker = new CallTracker("pbx1");

  private void offer(String agentId, String ext) {
    tracker.onQueued(CONTACT, CALLER, ContactType.CALL);
    tracker.onOffered(CONTACT, agentId, ext, ContactType.CALL, CALLER);
  }

  @Test
  void shouldReportNoAnswerFromTheDialplanUserEvent() {
    offer("a04", "agent04");
    tracker.onDialBegin(UID, "1795522769.6", "PJSIP/agent04-00000006");
    assertThat(tracker.onDialEnd(UID, "1795522769.6", "PJSIP/agent04-00000006", "NOANSWER"))
        .isEqualTo(Translation.IGNORED);
    assertThat(tracker.onNoAnswer(UID, "agent04", "NOANSWER").command())
        .isEqualTo(new Command.OfferFailed(CONTACT, "a04", OfferFailure.NO_ANSWER));
    // The agent leg's hangup after the UserEvent is not news.
    assertThat(tracker.onHangup("1795522769.6", UID, 0).command()).isNull();
  }

  @Test
  void shouldReportAnswerOnceWhenDialEndAndBothBridgeEntersArrive() {
    offer("a01", "agent01");
    assertThat(tracker.onDialEnd(UID, "9.1", "PJSIP/agent01-00000001", "ANSWER").command())
        .isEqualTo(new Command.ContactAnswered(CONTACT, "a01"));
    assertThat(tracker.onBridgeEnter("9.1", UID, "PJSIP/agent01-00000001"))
        .isEqualTo(Translation.DUPLICATE);
    assertThat(tracker.onBridgeEnter(UID, UID, CALLER)).isEqualTo(Translation.DUPLICATE);
    assertThat(tracker.onHangup("9.1", UID, 16).command())
        .isEqualTo(new Command.ContactEnded(CONTACT));
    assertThat(tracker.onHangup(UID, UID, 16)).isEqualTo(Translation.DUPLICATE);
  }

  @Test
  void shouldIgnoreAStaleAnswerFromAnotherAgentsLeg() {
    offer("a01", "agent01");
    assertThat(tracker.onDialEnd(UID, "9.7", "PJSIP/agent04-00000007", "ANSWER"))
        .isEqualTo(Translation.IGNORED);
  }

  @Test
  void shouldAbandonWithTheHangupCauseWhileWaiting() {
    tracker.onQueued(CONTACT, CALLER, ContactType.CALL);
    assertThat(tracker.onHangup(UID, UID, 0).command())
        .isEqualTo(new Command.ContactAbandoned(CONTACT, AbandonReason.CALLER_HANGUP, 0));
  }

  @Test
  void shouldCountEventsAboutUntrackedChannels() {
    assertThat(tracker.onHangup("1.1", "1.1", 16)).isEqualTo(Translation.UNKNOWN_CHANNEL);
  }

  @Test
  void shouldNotRingAnAgentForAContactThatAlreadyLeft() {
    tracker.onQueued(CONTACT, CALLER, ContactType.CALL);
    tracker.onHangup(UID, UID, 0);
    assertThat(tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALL, CALLER))
        .isEqualTo(Translation.DUPLICATE);
  }

  @Test
  void shouldAbandonOnceWhenTheCallerHungUpBeforeTheRouterQueuedTheContact() {
    assertThat(tracker.onHangup(UID, UID, 16)).isEqualTo(Translation.UNKNOWN_CHANNEL);
    assertThat(tracker.onQueued(CONTACT, CALLER, ContactType.CALL).command())
        .isEqualTo(new Command.ContactAbandoned(CONTACT, AbandonReason.CALLER_HANGUP, 16));
    assertThat(tracker.onQueued(CONTACT, CALLER, ContactType.CALL))
        .isEqualTo(Translation.DUPLICATE);
    assertThat(tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALL, CALLER))
        .isEqualTo(Translation.DUPLICATE);
    assertThat(tracker.onHangup(UID, UID, 16)).isEqualTo(Translation.DUPLICATE);
    assertThat(tracker.tracks(CONTACT)).isFalse();
  }

  @Test
  void shouldAbandonInsteadOfRingingWhenTheFirstNewsOfAHungUpCallerIsAnOffer() {
    tracker.onHangup(UID, null, -1);
    assertThat(tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALL, CALLER).command())
        .isEqualTo(new Command.ContactAbandoned(CONTACT, AbandonReason.CALLER_HANGUP, 0));
    assertThat(tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALL, CALLER))
        .isEqualTo(Translation.DUPLICATE);
  }

  @Test
  void shouldKeepACallbackWhoseCallerHungUpBeforeTheRouterQueuedIt() {
    tracker.onHangup(UID, UID, 16);
    assertThat(tracker.onQueued(CONTACT, "", ContactType.CALLBACK)).isEqualTo(Translation.IGNORED);
    assertThat(tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALLBACK, ""))
        .isEqualTo(Translation.IGNORED);
    assertThat(tracker.tracks(CONTACT)).isTrue();
  }

  @Test
  void shouldRingForACallbackWhoseCallerHangupArrivedBeforeTheRouterRegisteredIt() {
    // Mid-wait offer: the caller accepts, the IVR asks the router for the callback and hangs up;
    // the hangup reaches the adapter before the router's CallbackRegistered does.
    tracker.onQueued(CONTACT, CALLER, ContactType.CALL);
    assertThat(tracker.onHangup(UID, UID, 16).command())
        .isEqualTo(new Command.ContactAbandoned(CONTACT, AbandonReason.CALLER_HANGUP, 16));
    // The router ignores the abandon of a callback, and says so.
    tracker.onCallbackRegistered(CONTACT);
    assertThat(tracker.tracks(CONTACT)).isTrue();
    assertThat(tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALLBACK, ""))
        .as("the agent is rung")
        .isEqualTo(Translation.IGNORED);
    assertThat(tracker.onOriginateResponse(CONTACT, "a01", true, 4, "9.9", "PJSIP/agent01-9"))
        .isEqualTo(Translation.IGNORED);
    assertThat(tracker.onHangup(UID, UID, 16))
        .as("the old caller leg stays closed")
        .isEqualTo(Translation.DUPLICATE);
  }

  @Test
  void shouldRingForACallbackOfferEvenIfItsRegistrationWasNeverSeen() {
    tracker.onQueued(CONTACT, CALLER, ContactType.CALL);
    tracker.onHangup(UID, UID, 16);
    assertThat(tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALLBACK, ""))
        .isEqualTo(Translation.IGNORED);
    assertThat(tracker.isOffered(CONTACT, "a01")).isTrue();
  }

  @Test
  void shouldNotRememberTheHangupOfALegOfAnotherCall() {
    assertThat(tracker.onHangup(UID, "1795522700.1", 16)).isEqualTo(Translation.UNKNOWN_CHANNEL);
    assertThat(tracker.onQueued(CONTACT, CALLER, ContactType.CALL)).isEqualTo(Translation.IGNORED);
    assertThat(tracker.tracks(CONTACT)).isTrue();
  }

  @Test
  void shouldAbandonOnceWhenTheOfferFindsTheCallerChannelGone() {
    offer("a01", "agent01");
    assertThat(tracker.onCallerChannelGone(CONTACT, "a02")).isEqualTo(Translation.DUPLICATE);
    assertThat(tracker.onCallerChannelGone(CONTACT, "a01").command())
        .isEqualTo(new Command.ContactAbandoned(CONTACT, AbandonReason.CALLER_HANGUP, 0));
    assertThat(tracker.onCallerChannelGone(CONTACT, "a01")).isEqualTo(Translation.DUPLICATE);
    assertThat(tracker.onHangup(UID, UID, 16)).isEqualTo(Translation.DUPLICATE);
  }

  @Test
  void shouldFailACallbackOfferWhoseChannelIsGoneLikeAnyFailedAction() {
    tracker.onQueued(CONTACT, "", ContactType.CALLBACK);
    tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALLBACK, "");
    assertThat(tracker.onCallerChannelGone(CONTACT, "a01").command())
        .isEqualTo(new Command.OfferFailed(CONTACT, "a01", OfferFailure.ACTION_FAILED));
  }

  @Test
  void shouldRecogniseAsteriskMessagesForAMissingChannel() {
    assertThat(AmiVocabulary.isChannelGone("No such channel")).isTrue();
    assertThat(AmiVocabulary.isChannelGone("Channel does not exist: PJSIP/sipp-00000005")).isTrue();
    assertThat(AmiVocabulary.isChannelGone("Redirect failed, channel not up.")).isTrue();
    assertThat(AmiVocabulary.isChannelGone("Permission denied")).isFalse();
    assertThat(AmiVocabulary.isChannelGone("Extension does not exist.")).isFalse();
    assertThat(AmiVocabulary.isChannelGone(null)).isFalse();
  }

  @Test
  void shouldKeepWaitingContactsAndLoseVanishedOnesAtResync() {
    tracker.onQueued(CONTACT, CALLER, ContactType.CALL);
    tracker.onQueued("pbx1:2.2", "PJSIP/sipp-2", ContactType.CALL);
    long epoch = tracker.epoch();
    var findings =
        tracker.reconcile(
            Map.of(
                UID, new LiveChannel(CALLER, UID, UID, "switchboard-wait", "s", "MusicOnHold", "")),
            epoch);
    assertThat(findings)
        .extracting(Translation::command)
        .containsExactly(
            new Command.ContactAbandoned("pbx1:2.2", AbandonReason.LOST_DURING_OUTAGE, 0));
    assertThat(tracker.tracks(CONTACT)).isTrue();
  }

  @Test
  void shouldMapDeviceStatesOfConfiguredAgentsOnly() {
    tracker.onAgentConfigured("PJSIP/agent01");
    assertThat(tracker.onDeviceState("PJSIP/agent01", "INUSE").command())
        .isEqualTo(
            new Command.AgentDeviceState(
                "pbx1", "PJSIP/agent01", dev.switchboard.router.api.DeviceState.INUSE));
    assertThat(tracker.onDeviceState("PJSIP/sipp", "INUSE")).isEqualTo(Translation.IGNORED);
    assertThat(tracker.onDeviceState("Queue:support_avail", "INUSE"))
        .isEqualTo(Translation.IGNORED);
  }
}
