package dev.switchboard.ivr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ivr.TestConfigs;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MenuEngineTest {

  /** Monday 2026-11-23 10:00 in Paris (09:00 UTC): the office is open. */
  static final long MONDAY_10_PARIS =
      ZonedDateTime.parse("2026-11-23T10:00:00+01:00[Europe/Paris]").toInstant().toEpochMilli();

  static final CallInfo CALL =
      new CallInfo(
          CallInfo.Script.IVR,
          "pbx1:1795522715.0",
          "pbx1",
          "PJSIP/sipp-00000000",
          "0611223355",
          "500");

  final MenuEngine engine = new MenuEngine(TestConfigs.example());

  EngineDriver driver(long nowMs) {
    EngineDriver d = new EngineDriver(engine, nowMs);
    d.directory = TestConfigs.customers();
    return d;
  }

  static long at(String zoned) {
    return ZonedDateTime.parse(zoned).toInstant().toEpochMilli();
  }

  /**
   * An engine on a small English-only configuration: entry point 500 starting at {@code start}, the
   * given nodes (YAML lines under {@code nodes:}), and {@code prompt} besides the scripts'.
   */
  static MenuEngine engineWith(String prompt, String start, String nodes) {
    String prompts =
        String.join(", ", dev.switchboard.ivr.ScriptConfiguration.defaults().prompts());
    return new MenuEngine(
        TestConfigs.yaml(
            "ivr:\n"
                + "  pbxs: { pbx1: 127.0.0.1 }\n"
                + "  prompts: { en: ["
                + prompt
                + ", "
                + prompts
                + "] }\n"
                + "  entryPoints: { \"500\": { start: "
                + start
                + " } }\n"
                + "  nodes:\n"
                + nodes));
  }

  @Test
  void shouldPlayWelcomeThenAskForLanguageWhenOpen() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1");
    d.run(CALL, SessionContext.empty());
    assertThat(d.prompts()).startsWith("en/welcome", "en/choose-language", "en/main-menu");
  }

  @Test
  void shouldSayClosedAndHangUpOutsideBusinessHours() {
    EngineDriver d = driver(at("2026-11-22T10:00:00+01:00[Europe/Paris]")); // a Sunday
    d.run(CALL, SessionContext.empty());
    assertThat(d.prompts()).containsExactly("en/welcome", "en/closed", "en/goodbye");
    assertThat(d.lastStep()).isEqualTo(new Step.Hangup());
    assertThat(d.published).isEmpty();
  }

  @Test
  void shouldBeClosedOnAHolidayEvenOnAWeekdayMorning() {
    EngineDriver d = driver(at("2026-12-25T10:00:00+01:00[Europe/Paris]")); // a Friday
    d.run(CALL, SessionContext.empty());
    assertThat(d.prompts()).contains("en/closed");
  }

  @Test
  void shouldReadBusinessHoursInTheCalendarZoneNotUtc() {
    // 17:30 UTC is inside 13:30-18:00 in UTC but 18:30 in Paris: closed.
    EngineDriver late = driver(at("2026-11-23T17:30:00Z"));
    late.run(CALL, SessionContext.empty());
    assertThat(late.prompts()).contains("en/closed");
    // 07:30 UTC is before 08:00 in UTC but 08:30 in Paris: open.
    EngineDriver early = driver(at("2026-11-23T07:30:00Z")).keys("1", "1");
    early.run(CALL, SessionContext.empty());
    assertThat(early.prompts()).contains("en/main-menu").doesNotContain("en/closed");
  }

  @Test
  void shouldSwitchThePromptSetAfterTheLanguageChoice() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("2", "1");
    d.run(CALL, SessionContext.empty());
    assertThat(d.prompts()).startsWith("en/welcome", "en/choose-language", "fr/main-menu");
    assertThat(d.steps).contains(new Step.SetVariable("CHANNEL(language)", "fr"));
    Command.ContactArrived arrived = (Command.ContactArrived) d.published.get(0);
    assertThat(arrived.language()).isEqualTo("fr");
    assertThat(arrived.extraSkills()).containsExactly(new SkillRequirement("french", 3));
    assertThat(arrived.queueId()).isEqualTo("sales");
  }

  @Test
  void shouldRepromptAfterAnInvalidDigitThenUseTheFallback() {
    // language: "9" invalid, nothing (timeout), "7" invalid -> retries (2) exhausted -> english
    EngineDriver d = driver(MONDAY_10_PARIS).keys("9", "", "7", "1");
    d.run(CALL, SessionContext.empty());
    assertThat(d.prompts())
        .startsWith(
            "en/welcome",
            "en/choose-language",
            "en/invalid",
            "en/choose-language",
            "en/invalid",
            "en/choose-language",
            "en/main-menu");
  }

  @Test
  void shouldFallBackWhenMainMenuRetriesRunOut() {
    // main has retries: 1 and fallback support-queue
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "", "");
    d.run(CALL, SessionContext.empty());
    Command.ContactArrived arrived = (Command.ContactArrived) d.published.get(0);
    assertThat(arrived.queueId()).isEqualTo("support");
    assertThat(d.lastStep()).isEqualTo(new Step.Return());
  }

  @Test
  void shouldCollectTheAccountLookItUpAndRaiseAVipsPriority() {
    // "123" is too short: invalid, asked again; then a VIP account
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "2", "123", "1234567");
    d.run(CALL, SessionContext.empty());
    assertThat(d.prompts())
        .containsSubsequence("en/enter-account", "en/invalid", "en/enter-account");
    Command.ContactArrived arrived = (Command.ContactArrived) d.published.get(0);
    assertThat(arrived.contactId()).isEqualTo("pbx1:1795522715.0");
    assertThat(arrived.pbxId()).isEqualTo("pbx1");
    assertThat(arrived.channel()).isEqualTo("PJSIP/sipp-00000000");
    assertThat(arrived.callerId()).isEqualTo("0611223355");
    assertThat(arrived.queueId()).isEqualTo("support");
    assertThat(arrived.priority()).isEqualTo(8);
    assertThat(arrived.extraSkills())
        .containsExactly(new SkillRequirement("english", 3), new SkillRequirement("vip", 5));
    assertThat(arrived.attributes())
        .containsEntry("account", "1234567")
        .containsEntry("tier", "VIP")
        .containsEntry("customerName", "Ada Lovelace")
        .containsEntry("segment", "enterprise")
        .containsEntry("entry", "500");
  }

  @Test
  void shouldTreatANonVipCustomerAsOtherwise() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "2", "7654321");
    d.run(CALL, SessionContext.empty());
    Command.ContactArrived arrived = (Command.ContactArrived) d.published.get(0);
    assertThat(arrived.priority()).isEqualTo(2); // the customer's own priority, no VIP boost
    assertThat(arrived.attributes()).containsEntry("tier", "GOLD");
    assertThat(arrived.extraSkills()).containsExactly(new SkillRequirement("english", 3));
  }

  @Test
  void shouldRejectDigitsThatDoNotMatchThePattern() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "2", "12*4567", "12*4567", "12*4567");
    d.run(CALL, SessionContext.empty());
    Command.ContactArrived arrived = (Command.ContactArrived) d.published.get(0);
    assertThat(arrived.attributes()).doesNotContainKey("account");
    assertThat(arrived.queueId()).isEqualTo("support"); // the collect node's fallback
  }

  @Test
  void shouldAnnouncePositionAndWaitThenPublishAndReturn() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1");
    d.estimate = new WaitEstimate(3, 2, 125);
    d.run(CALL, SessionContext.empty());
    int play = d.steps.indexOf(new Step.Play(List.of("en/queue-position")));
    assertThat(d.steps.subList(play, d.steps.size()))
        .startsWith(
            new Step.Play(List.of("en/queue-position")),
            new Step.SayNumber(3),
            new Step.Play(List.of("en/queue-wait")),
            new Step.SayNumber(3),
            new Step.Play(List.of("en/minutes")),
            new Step.SetVariable("SB_CONTACT", "pbx1:1795522715.0"));
    assertThat(d.steps).contains(new Step.EstimateWait("sales"));
    assertThat(d.lastStep()).isEqualTo(new Step.Return());
    assertThat(d.published).hasSize(1);
    assertThat(d.last.contactPublished()).isTrue();
  }

  @Test
  void shouldNotOfferACallbackWhenTheWaitIsWithinTheThreshold() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1");
    d.estimate = new WaitEstimate(1, 0, 60);
    d.run(CALL, new SessionContext(Map.of(), Map.of("sales", 60)));
    assertThat(d.prompts()).doesNotContain("en/callback-offer");
    assertThat(d.published).singleElement().isInstanceOf(Command.ContactArrived.class);
  }

  @Test
  void shouldOfferACallbackAndConfirmTheCallerIdWhenTheWaitIsLong() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1", "1", "1");
    d.estimate = new WaitEstimate(9, 8, 600);
    d.run(CALL, new SessionContext(Map.of(), Map.of("sales", 120)));
    assertThat(d.prompts())
        .containsSubsequence(
            "en/callback-offer", "en/callback-confirm", "en/callback-confirm-menu");
    assertThat(d.steps).contains(new Step.SayDigits("0611223355"));
    assertThat(d.published).hasSize(2);
    assertThat(d.published.get(0)).isInstanceOf(Command.ContactArrived.class);
    assertThat(d.published.get(1))
        .isEqualTo(new Command.CallbackRequested("pbx1:1795522715.0", "0611223355", 0));
    assertThat(d.prompts()).endsWith("en/callback-thanks");
    assertThat(d.lastStep()).isEqualTo(new Step.Hangup());
    assertThat(d.last.callbackRequested()).isTrue();
  }

  @Test
  void shouldTakeAKeyedCallbackNumber() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1", "1", "2", "0698765432");
    d.estimate = new WaitEstimate(9, 8, 600);
    d.run(CALL, new SessionContext(Map.of(), Map.of("sales", 120)));
    assertThat(d.published.get(1))
        .isEqualTo(new Command.CallbackRequested("pbx1:1795522715.0", "0698765432", 0));
    assertThat(((Command.ContactArrived) d.published.get(0)).attributes())
        .containsEntry("callbackNumber", "0698765432");
  }

  @Test
  void shouldQueueTheCallerWhenTheCallbackIsDeclined() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1", "3");
    d.estimate = new WaitEstimate(9, 8, 600);
    d.run(CALL, new SessionContext(Map.of(), Map.of("sales", 120)));
    assertThat(d.published).singleElement().isInstanceOf(Command.ContactArrived.class);
    assertThat(d.lastStep()).isEqualTo(new Step.Return());
  }

  @Test
  void shouldReturnTheCallerToTheWaitWhenTheCallbackIsRefusedByTheRouter() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1", "1", "1");
    d.estimate = new WaitEstimate(9, 8, 600);
    MenuEngine e = engine;
    Transition t =
        e.start(CALL, new SessionContext(Map.of(), Map.of("sales", 120)), MONDAY_10_PARIS);
    while (!t.terminal()) {
      Input in = d.answer(t.step());
      if (t.step() instanceof Step.Publish p && p.command() instanceof Command.CallbackRequested) {
        in = new Input.Published(false);
      }
      t = e.next(t.state(), in, MONDAY_10_PARIS);
    }
    assertThat(t.step()).isEqualTo(new Step.Return());
    assertThat(t.state().contactPublished()).isTrue();
    assertThat(t.state().callbackRequested()).isFalse();
  }

  @Test
  void shouldPlayAnActiveEmergencyAnnouncementFirst() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1");
    d.run(CALL, new SessionContext(Map.of("*", "storm-outage", "501", "other"), Map.of()));
    assertThat(d.steps.get(0)).isEqualTo(new Step.Play(List.of("en/storm-outage")));
    assertThat(d.prompts()).doesNotContain("en/other");
  }

  @Test
  void shouldPlayTheAnnouncementOfTheCallersEntryPoint() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1");
    d.run(CALL, new SessionContext(Map.of("500", "flood"), Map.of()));
    assertThat(d.prompts()).startsWith("en/flood", "en/welcome");
  }

  @Test
  void shouldTransferToTheOperatorNumber() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "0");
    d.run(CALL, SessionContext.empty());
    assertThat(d.prompts()).endsWith("en/transferring");
    assertThat(d.lastStep()).isEqualTo(new Step.Transfer("0612345678"));
    assertThat(d.published).isEmpty();
  }

  @Test
  void shouldRecordASurveyScoreAfterAnInvalidKey() {
    CallInfo survey = new CallInfo(CallInfo.Script.SURVEY, "pbx1:42.1", "pbx1", "PJSIP/x", "", "");
    EngineDriver d = driver(MONDAY_10_PARIS).keys("7", "4");
    d.run(survey, SessionContext.empty());
    assertThat(d.prompts())
        .containsExactly("en/survey", "en/invalid", "en/survey", "en/survey-thanks");
    assertThat(d.published).containsExactly(new Command.SurveyRecorded("pbx1:42.1", 4));
    assertThat(d.lastStep()).isEqualTo(new Step.Hangup());
  }

  @Test
  void shouldHangUpASurveyWithoutAnswerAfterRetries() {
    CallInfo survey = new CallInfo(CallInfo.Script.SURVEY, "pbx1:42.1", "pbx1", "PJSIP/x", "", "");
    EngineDriver d = driver(MONDAY_10_PARIS);
    d.run(survey, SessionContext.empty());
    assertThat(d.published).isEmpty();
    assertThat(d.lastStep()).isEqualTo(new Step.Hangup());
  }

  @Test
  void shouldRequestOnlyTheCallbackFromTheMidWaitOffer() {
    CallInfo offer =
        new CallInfo(CallInfo.Script.CALLBACK, "pbx1:9.9", "pbx1", "PJSIP/y", "0611223355", "");
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1");
    d.run(offer, SessionContext.empty());
    assertThat(d.published)
        .containsExactly(new Command.CallbackRequested("pbx1:9.9", "0611223355", 0));
    assertThat(d.lastStep()).isEqualTo(new Step.Hangup());
  }

  @Test
  void shouldConfirmAnE164CallerIdAndCallBackThatNumber() {
    CallInfo offer =
        new CallInfo(CallInfo.Script.CALLBACK, "pbx1:9.9", "pbx1", "PJSIP/y", "+4930123456", "");
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1");
    d.run(offer, SessionContext.empty());
    assertThat(d.prompts()).contains("en/callback-confirm").doesNotContain("en/callback-number");
    assertThat(d.steps).contains(new Step.SayDigits("4930123456"));
    assertThat(d.published)
        .containsExactly(new Command.CallbackRequested("pbx1:9.9", "+4930123456", 0));
  }

  @Test
  void shouldNotTakeAPlusAloneOrAPlusInTheMiddleForANumber() {
    CallInfo offer =
        new CallInfo(CallInfo.Script.CALLBACK, "pbx1:9.9", "pbx1", "PJSIP/y", "49+30123", "");
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "+", "", "");
    d.run(offer, SessionContext.empty());
    assertThat(d.prompts()).contains("en/callback-number").doesNotContain("en/callback-confirm");
    assertThat(d.published).isEmpty();
  }

  @Test
  void shouldReturnToTheWaitWhenTheMidWaitOfferIsDeclined() {
    CallInfo offer =
        new CallInfo(CallInfo.Script.CALLBACK, "pbx1:9.9", "pbx1", "PJSIP/y", "anonymous", "");
    EngineDriver d = driver(MONDAY_10_PARIS);
    d.run(offer, SessionContext.empty());
    assertThat(d.published).isEmpty();
    assertThat(d.lastStep()).isEqualTo(new Step.Return());
  }

  @Test
  void shouldAskForANumberWhenTheCallerIdIsNotDialable() {
    CallInfo offer =
        new CallInfo(CallInfo.Script.CALLBACK, "pbx1:9.9", "pbx1", "PJSIP/y", "sipp", "");
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "0611000000");
    d.run(offer, SessionContext.empty());
    assertThat(d.prompts()).containsSubsequence("en/callback-offer", "en/callback-number");
    assertThat(d.published)
        .containsExactly(new Command.CallbackRequested("pbx1:9.9", "0611000000", 0));
  }

  @Test
  void shouldTellTheDialplanAboutAnUnknownEntry() {
    CallInfo call = new CallInfo(CallInfo.Script.IVR, "pbx1:1.1", "pbx1", "PJSIP/z", "", "999");
    EngineDriver d = driver(MONDAY_10_PARIS);
    d.run(call, SessionContext.empty());
    assertThat(d.steps)
        .containsExactly(
            new Step.SetVariable(MenuEngine.RESULT_VARIABLE, "unknown-entry"), new Step.Return());
  }

  @Test
  void shouldReturnNotRoutedWhenTheRouterRefusesTheContact() {
    EngineDriver d = driver(MONDAY_10_PARIS).keys("1", "1");
    d.acceptPublish = false;
    d.run(CALL, SessionContext.empty());
    assertThat(d.steps)
        .endsWith(
            new Step.SetVariable(MenuEngine.RESULT_VARIABLE, "not-routed"), new Step.Return());
    assertThat(d.last.contactPublished()).isFalse();
  }

  @Test
  void shouldLeaveTheGivenStateUntouched() {
    Transition first = engine.start(CALL, SessionContext.empty(), MONDAY_10_PARIS);
    Transition a = engine.next(first.state(), Input.ACK, MONDAY_10_PARIS);
    Transition b = engine.next(first.state(), Input.ACK, MONDAY_10_PARIS);
    assertThat(a.step())
        .isEqualTo(b.step())
        .isEqualTo(new Step.PromptAndCollect("en/choose-language", 1, 4000));
    Transition chose = engine.next(a.state(), new Input.Digits("2", false), MONDAY_10_PARIS);
    assertThat(chose.state().language()).isEqualTo("fr");
    assertThat(a.state().language()).isEqualTo("en");
  }

  @Test
  void shouldMarkACallerWhoOptsIntoTheSurveySoTheDialplanRunsItAfterTheCall() {
    MenuEngine optIn =
        engineWith(
            "survey-offer",
            "ask",
            "    ask: { menu: survey-offer, choices: { \"1\": opted-in, \"2\": q }, fallback: q }\n"
                + "    opted-in: { set: { survey: true }, next: q }\n"
                + "    q: { queue: support }\n");

    EngineDriver yes = new EngineDriver(optIn, MONDAY_10_PARIS).keys("1");
    yes.run(CALL, SessionContext.empty());
    assertThat(yes.steps)
        .containsSubsequence(
            new Step.SetVariable("SB_SURVEY", "1"),
            new Step.SetVariable("SB_CONTACT", CALL.contactId()));
    assertThat(yes.published).hasSize(1);

    EngineDriver no = new EngineDriver(optIn, MONDAY_10_PARIS).keys("2");
    no.run(CALL, SessionContext.empty());
    assertThat(no.steps).noneMatch(st -> st.toString().contains("SB_SURVEY"));
    assertThat(no.published).hasSize(1);
  }

  @Test
  void shouldLookUpTheCallerByCallerIdAndBranchOnTier() {
    MenuEngine byPhone =
        engineWith(
            "hi",
            "who",
            "    who: { lookup: callerId, found: tier, notFound: normal }\n"
                + "    tier: { branch: tier, cases: { GOLD: gold }, otherwise: normal }\n"
                + "    gold: { set: { skills: { gold: 4 } }, next: normal }\n"
                + "    normal: { menu: hi, choices: { \"1\": q }, fallback: q }\n"
                + "    q: { queue: support }\n");
    EngineDriver known = new EngineDriver(byPhone, MONDAY_10_PARIS);
    known.directory = TestConfigs.customers();
    known.run(CALL, SessionContext.empty()); // 0611223355 is Charles Babbage, GOLD
    Command.ContactArrived arrived = (Command.ContactArrived) known.published.get(0);
    assertThat(arrived.extraSkills()).containsExactly(new SkillRequirement("gold", 4));
    assertThat(arrived.priority()).isEqualTo(2);
    assertThat(arrived.attributes()).containsEntry("account", "7654321");

    EngineDriver unknown = new EngineDriver(byPhone, MONDAY_10_PARIS);
    unknown.directory = TestConfigs.customers();
    unknown.run(
        new CallInfo(CallInfo.Script.IVR, "pbx1:2.2", "pbx1", "PJSIP/b", "0700000000", "500"),
        SessionContext.empty());
    Command.ContactArrived plain = (Command.ContactArrived) unknown.published.get(0);
    assertThat(plain.extraSkills()).isEmpty();
    assertThat(plain.attributes()).doesNotContainKey("account");
    assertThat(unknown.steps).contains(new Step.PromptAndCollect("en/hi", 1, 5000));
  }

  @Test
  void shouldRoundMinutesUpAndNeverSayZero() {
    assertThat(MenuEngine.minutes(0)).isEqualTo(1);
    assertThat(MenuEngine.minutes(60)).isEqualTo(1);
    assertThat(MenuEngine.minutes(61)).isEqualTo(2);
  }
}
