package dev.switchboard.cti;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever order Asterisk's events of one call arrive in, duplicated or not, and whatever the
 * router says meanwhile, the tracker publishes at most one answer and at most one terminal command
 * for the contact, and nothing after the terminal one.
 */
class CallTrackerPropertyTest {
  private static final String UID = "100.1";
  private static final String CONTACT = "pbx1:" + UID;
  private static final String CALLER = "PJSIP/sipp-00000001";
  private static final String AGENT_UID = "100.2";
  private static final String AGENT_LEG = "PJSIP/agent01-00000002";
  private static final String OLD_LEG_UID = "100.3";

  /** One input the tracker may see about the call. */
  enum Step {
    DIAL_BEGIN,
    DIAL_END_ANSWER,
    DIAL_END_NOANSWER,
    DIAL_END_CANCEL,
    BRIDGE_ENTER_AGENT,
    BRIDGE_ENTER_CALLER,
    HANGUP_AGENT,
    HANGUP_CALLER,
    HANGUP_OLD_LEG,
    NO_ANSWER_EVENT,
    ROUTER_REQUEUE,
    ROUTER_REOFFER,
    ROUTER_REVOKE,
    ROUTER_ANSWERED,
    ACTION_FAILED,
    CALLER_CHANNEL_GONE
  }

  @Provide
  Arbitrary<List<Step>> calls() {
    return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 300)
  void shouldNeverPublishTwoAnswersOrTwoTerminalsForOneContact(@ForAll("calls") List<Step> steps) {
    CallTracker tracker = new CallTracker("pbx1");
    tracker.onQueued(CONTACT, CALLER, ContactType.CALL);
    tracker.onOffered(CONTACT, "a01", "agent01", ContactType.CALL, CALLER);
    checkAtMostOnce(tracker, steps);
  }

  /**
   * The router may report the contact only after AMI saw its caller hang up (the IVR publishes
   * ContactArrived straight to the router): the contact still ends exactly once, and no ghost is
   * left waiting for a channel that is gone.
   */
  @Property(tries = 300)
  void shouldEndAContactOnceWhenTheCallerMayHangUpBeforeTheRouterReportsIt(
      @ForAll("calls") List<Step> steps) {
    CallTracker tracker = new CallTracker("pbx1");
    List<Command> out = checkAtMostOnce(tracker, steps);
    boolean reported = steps.contains(Step.ROUTER_REQUEUE) || steps.contains(Step.ROUTER_REOFFER);
    if (reported && steps.contains(Step.HANGUP_CALLER)) {
      assertThat(out)
          .filteredOn(
              c -> c instanceof Command.ContactEnded || c instanceof Command.ContactAbandoned)
          .hasSize(1);
      assertThat(tracker.tracks(CONTACT)).isFalse();
    }
  }

  private static List<Command> checkAtMostOnce(CallTracker tracker, List<Step> steps) {
    List<Command> out = new ArrayList<>();
    for (Step step : steps) {
      Translation t = apply(tracker, step);
      if (t != null && t.command() != null) {
        out.add(t.command());
      }
    }
    long answers = out.stream().filter(c -> c instanceof Command.ContactAnswered).count();
    long terminals =
        out.stream()
            .filter(c -> c instanceof Command.ContactEnded || c instanceof Command.ContactAbandoned)
            .count();
    assertThat(answers).isLessThanOrEqualTo(1);
    assertThat(terminals).isLessThanOrEqualTo(1);
    if (terminals == 1) {
      Command last = out.get(out.size() - 1);
      assertThat(last).isInstanceOfAny(Command.ContactEnded.class, Command.ContactAbandoned.class);
    }
    // An answered contact never ends as abandoned; only answered ones (reported here or known to
    // the router) end as ended.
    if (answers == 1) {
      assertThat(out).noneMatch(c -> c instanceof Command.ContactAbandoned);
    } else if (!steps.contains(Step.ROUTER_ANSWERED)) {
      assertThat(out).noneMatch(c -> c instanceof Command.ContactEnded);
    }
    for (Command c : out) {
      if (c instanceof Command.ContactAnswered a) {
        assertThat(a.agentId()).isEqualTo("a01");
      }
    }
    return out;
  }

  private static Translation apply(CallTracker t, Step step) {
    return switch (step) {
      case DIAL_BEGIN -> t.onDialBegin(UID, AGENT_UID, AGENT_LEG);
      case DIAL_END_ANSWER -> t.onDialEnd(UID, AGENT_UID, AGENT_LEG, "ANSWER");
      case DIAL_END_NOANSWER -> t.onDialEnd(UID, AGENT_UID, AGENT_LEG, "NOANSWER");
      case DIAL_END_CANCEL -> t.onDialEnd(UID, AGENT_UID, AGENT_LEG, "CANCEL");
      case BRIDGE_ENTER_AGENT -> t.onBridgeEnter(AGENT_UID, UID, AGENT_LEG);
      case BRIDGE_ENTER_CALLER -> t.onBridgeEnter(UID, UID, CALLER);
      case HANGUP_AGENT -> t.onHangup(AGENT_UID, UID, 16);
      case HANGUP_CALLER -> t.onHangup(UID, UID, 16);
      case HANGUP_OLD_LEG -> t.onHangup(OLD_LEG_UID, UID, 0);
      case NO_ANSWER_EVENT -> t.onNoAnswer(UID, "agent01", "NOANSWER");
      case ROUTER_REQUEUE -> t.onQueued(CONTACT, CALLER, ContactType.CALL);
      case ROUTER_REOFFER -> t.onOffered(CONTACT, "a01", "agent01", ContactType.CALL, CALLER);
      case ROUTER_REVOKE -> {
        t.onRevoked(CONTACT, "a01");
        yield null;
      }
      case ROUTER_ANSWERED -> {
        t.onRouterAnswered(CONTACT);
        yield null;
      }
      case ACTION_FAILED -> t.onActionFailed(CONTACT, "a01");
      case CALLER_CHANNEL_GONE -> t.onCallerChannelGone(CONTACT, "a01");
    };
  }
}
