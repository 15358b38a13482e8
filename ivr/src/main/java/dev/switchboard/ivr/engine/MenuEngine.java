package dev.switchboard.ivr.engine;

import dev.switchboard.ivr.BusinessCalendar;
import dev.switchboard.ivr.Customer;
import dev.switchboard.ivr.EntryPoint;
import dev.switchboard.ivr.IvrConfiguration;
import dev.switchboard.ivr.MenuNode;
import dev.switchboard.ivr.ScriptConfiguration;
import dev.switchboard.ivr.engine.SessionState.Awaiting;
import dev.switchboard.ivr.engine.SessionState.Pending;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The menu engine: {@code (session state, input) → (new state, next step)}. Pure and deterministic:
 * it reads no clock (the time of day comes in as {@code nowMs}), no socket and no directory; it
 * asks for those through {@link Step}s and gets the answers as {@link Input}s. One engine serves
 * every session of one configuration and is safe to share between threads.
 */
public final class MenuEngine {

  /** The most steps one session may take; a flow that gets here is cut off with a hang-up. */
  public static final int MAX_STEPS = 10_000;

  /** Set when the IVR could not hand the caller to the router, for the dialplan to act on. */
  public static final String RESULT_VARIABLE = "SB_IVR_RESULT";

  private static final String ANY_SCOPE = "*";

  private final IvrConfiguration config;
  private final ScriptConfiguration scripts;
  private final Map<String, Pattern> patterns = new LinkedHashMap<>();

  /** An engine for this (validated) configuration. */
  public MenuEngine(IvrConfiguration config) {
    this.config = config;
    this.scripts = config.scripts();
    for (MenuNode node : config.nodes().values()) {
      if (node instanceof MenuNode.Collect c && c.pattern() != null && !c.pattern().isEmpty()) {
        patterns.put(c.id(), Pattern.compile(c.pattern()));
      }
    }
  }

  /** The configuration this engine runs. */
  public IvrConfiguration configuration() {
    return config;
  }

  /** Starts a session and returns its first step. */
  public Transition start(CallInfo call, SessionContext context, long nowMs) {
    EntryPoint entry = entryFor(call);
    String language = entry != null ? entry.language() : defaultLanguage();
    SessionState s =
        new SessionState(call, context, language, entry != null ? entry.zone() : config.zone());
    switch (call.script()) {
      case IVR -> startIvr(s, entry);
      case SURVEY -> askSurvey(s);
      case CALLBACK -> offerCallback(s);
    }
    return emit(s, nowMs);
  }

  /** Takes the answer to the last step and returns the next one. */
  public Transition next(SessionState state, Input input, long nowMs) {
    SessionState s = state.copy();
    if (s.awaiting == Awaiting.END) {
      return new Transition(s, new Step.Hangup());
    }
    Awaiting awaiting = s.awaiting;
    s.awaiting = Awaiting.ACK;
    switch (awaiting) {
      case ACK, END -> {}
      case MENU -> onMenu(s, digits(input));
      case COLLECT -> onCollect(s, digits(input));
      case LOOKUP -> onLookup(s, input);
      case ESTIMATE -> onEstimate(s, input);
      case CALLBACK_OFFER -> onCallbackOffer(s, digits(input));
      case CALLBACK_CONFIRM -> onCallbackConfirm(s, digits(input));
      case CALLBACK_NUMBER -> onCallbackNumber(s, digits(input));
      case SURVEY -> onSurvey(s, digits(input));
      case PUBLISH_ARRIVED -> onArrivedPublished(s, accepted(input));
      case PUBLISH_CALLBACK -> onCallbackPublished(s, accepted(input));
      case PUBLISH_SURVEY -> {}
    }
    return emit(s, nowMs);
  }

  private EntryPoint entryFor(CallInfo call) {
    EntryPoint entry = config.entryPoints().get(call.entry());
    return entry != null ? entry : config.entryPoints().get(ANY_SCOPE);
  }

  private String defaultLanguage() {
    List<String> languages = config.languages();
    return languages.isEmpty() ? "en" : languages.get(0);
  }

  // ---- IVR flow -----------------------------------------------------------------------------

  private void startIvr(SessionState s, EntryPoint entry) {
    if (entry == null) {
      // Nothing to run: tell the dialplan rather than parking a caller nobody will route.
      queue(s, new Step.SetVariable(RESULT_VARIABLE, "unknown-entry"), Awaiting.ACK);
      queue(s, new Step.Return(), Awaiting.END);
      return;
    }
    s.attributes.put("entry", s.call.entry());
    List<String> announcements = new ArrayList<>();
    String all = s.context.announcements().get(ANY_SCOPE);
    if (all != null && !all.isEmpty()) {
      announcements.add(all);
    }
    String scoped = s.context.announcements().get(entry.number());
    if (scoped != null && !scoped.isEmpty() && !scoped.equals(all)) {
      announcements.add(scoped);
    }
    if (!announcements.isEmpty()) {
      play(s, announcements);
    }
    s.then = entry.start();
  }

  /** Enters a node: queues its steps and sets where to go once they are done. */
  private void enter(SessionState s, String id, long nowMs) {
    MenuNode node = config.nodes().get(id);
    s.then = null;
    if (node == null) {
      queue(s, new Step.Hangup(), Awaiting.END);
      return;
    }
    // Java 17 has no pattern switch; the chain covers every permitted subtype of MenuNode.
    if (node instanceof MenuNode.Play p) {
      play(s, p.prompts());
      s.then = p.next();
    } else if (node instanceof MenuNode.Menu m) {
      s.node = m.id();
      s.attempt = 0;
      askMenu(s, m);
    } else if (node instanceof MenuNode.Collect c) {
      s.node = c.id();
      s.attempt = 0;
      askCollect(s, c);
    } else if (node instanceof MenuNode.SetAttributes a) {
      applyAttributes(s, a);
    } else if (node instanceof MenuNode.Hours h) {
      BusinessCalendar calendar = config.calendars().get(h.calendar());
      boolean open = calendar != null && calendar.isOpen(nowMs, s.zone);
      s.then = open ? h.open() : h.closed();
    } else if (node instanceof MenuNode.Branch b) {
      String target = b.cases().get(attribute(s, b.attribute()));
      s.then = target != null ? target : b.otherwise();
    } else if (node instanceof MenuNode.Lookup l) {
      enterLookup(s, l);
    } else if (node instanceof MenuNode.Queue q) {
      s.node = q.id();
      s.queue = q.queue();
      if (q.announce() || threshold(s) > 0) {
        queue(s, new Step.EstimateWait(q.queue()), Awaiting.ESTIMATE);
      } else {
        publishArrivedAndReturn(s);
      }
    } else if (node instanceof MenuNode.Transfer t) {
      play(s, t.prompts());
      queue(s, new Step.Transfer(t.number()), Awaiting.END);
    } else if (node instanceof MenuNode.Hangup h) {
      play(s, h.prompts());
      queue(s, new Step.Hangup(), Awaiting.END);
    } else {
      throw new IllegalStateException("unhandled node kind " + node.getClass());
    }
  }

  private void enterLookup(SessionState s, MenuNode.Lookup l) {
    s.node = l.id();
    boolean byPhone = "callerId".equals(l.by());
    String key = byPhone ? s.call.callerId() : s.attributes.getOrDefault(l.by(), "");
    if (key.isEmpty()) {
      s.then = l.notFound();
    } else {
      queue(s, new Step.LookupCustomer(byPhone, key), Awaiting.LOOKUP);
    }
  }

  private void askMenu(SessionState s, MenuNode.Menu m) {
    queue(s, new Step.PromptAndCollect(prompt(s, m.prompt()), 1, m.timeoutMs()), Awaiting.MENU);
  }

  private void askCollect(SessionState s, MenuNode.Collect c) {
    queue(
        s,
        new Step.PromptAndCollect(prompt(s, c.prompt()), c.maxLength(), c.timeoutMs()),
        Awaiting.COLLECT);
  }

  private void onMenu(SessionState s, Input.Digits in) {
    if (!(config.nodes().get(s.node) instanceof MenuNode.Menu m)) {
      queue(s, new Step.Hangup(), Awaiting.END);
      return;
    }
    String target = in.digits().isEmpty() ? null : m.choices().get(in.digits().substring(0, 1));
    if (target != null) {
      s.then = target;
      return;
    }
    if (s.attempt < m.retries()) {
      s.attempt++;
      playIfAny(s, m.invalidPrompt());
      askMenu(s, m);
    } else {
      s.then = m.fallback();
    }
  }

  private void onCollect(SessionState s, Input.Digits in) {
    if (!(config.nodes().get(s.node) instanceof MenuNode.Collect c)) {
      queue(s, new Step.Hangup(), Awaiting.END);
      return;
    }
    String digits = in.digits();
    Pattern pattern = patterns.get(c.id());
    boolean valid =
        digits.length() >= c.minLength()
            && digits.length() <= c.maxLength()
            && isDtmf(digits)
            && (pattern == null || pattern.matcher(digits).matches());
    if (valid) {
      s.attributes.put(c.attribute(), digits);
      s.then = c.next();
      return;
    }
    if (s.attempt < c.retries()) {
      s.attempt++;
      playIfAny(s, c.invalidPrompt());
      askCollect(s, c);
    } else {
      s.then = c.fallback();
    }
  }

  private void applyAttributes(SessionState s, MenuNode.SetAttributes a) {
    s.skills.putAll(a.skills());
    s.attributes.putAll(a.attributes());
    if (a.priority() >= 0) {
      s.priority = a.priority();
      queue(s, new Step.SetVariable("SB_PRIORITY", Integer.toString(a.priority())), Awaiting.ACK);
    }
    if (!a.language().isEmpty()) {
      s.language = a.language();
      queue(s, new Step.SetVariable("CHANNEL(language)", a.language()), Awaiting.ACK);
      queue(s, new Step.SetVariable("SB_LANGUAGE", a.language()), Awaiting.ACK);
    }
    if (!a.queue().isEmpty()) {
      s.queue = a.queue();
      queue(s, new Step.SetVariable("SB_QUEUE", a.queue()), Awaiting.ACK);
    }
    if (a.survey() != null) {
      // Read by the dialplan after the agent hangs up (switchboard-connect, Dial option g).
      queue(s, new Step.SetVariable("SB_SURVEY", a.survey() ? "1" : "0"), Awaiting.ACK);
    }
    s.then = a.next();
  }

  private static String attribute(SessionState s, String name) {
    return switch (name) {
      case "language" -> s.language;
      case "queue" -> s.queue;
      case "priority" -> Integer.toString(s.priority);
      case "callerId" -> s.call.callerId();
      default -> s.attributes.getOrDefault(name, "");
    };
  }

  private void onLookup(SessionState s, Input input) {
    if (!(config.nodes().get(s.node) instanceof MenuNode.Lookup l)) {
      queue(s, new Step.Hangup(), Awaiting.END);
      return;
    }
    if (input instanceof Input.CustomerFound found) {
      Customer c = found.customer();
      s.attributes.putAll(c.attributes());
      s.attributes.put("account", c.account());
      if (!c.name().isEmpty()) {
        s.attributes.put("customerName", c.name());
      }
      if (!c.tier().isEmpty()) {
        s.attributes.put("tier", c.tier());
      }
      s.priority = Math.max(s.priority, c.priority());
      s.then = l.found();
    } else {
      s.then = l.notFound();
    }
  }

  private int threshold(SessionState s) {
    return s.context.callbackOfferSeconds().getOrDefault(s.queue, 0);
  }

  private void onEstimate(SessionState s, Input input) {
    WaitEstimate estimate =
        input instanceof Input.WaitEstimated w ? w.estimate() : WaitEstimate.unknown();
    boolean announce = config.nodes().get(s.node) instanceof MenuNode.Queue q && q.announce();
    if (announce && estimate.position() > 0) {
      play(s, List.of(scripts.positionPrompt()));
      queue(s, new Step.SayNumber(estimate.position()), Awaiting.ACK);
    }
    if (announce && estimate.expectedWaitSeconds() >= 0) {
      play(s, List.of(scripts.waitPrompt()));
      queue(s, new Step.SayNumber(minutes(estimate.expectedWaitSeconds())), Awaiting.ACK);
      play(s, List.of(scripts.minutesPrompt()));
    }
    int threshold = threshold(s);
    if (threshold > 0 && estimate.expectedWaitSeconds() > threshold) {
      offerCallback(s);
    } else {
      publishArrivedAndReturn(s);
    }
  }

  /** Whole minutes, rounded up, at least one: "about one minute" beats "zero minutes". */
  static long minutes(long seconds) {
    return Math.max(1, (seconds + 59) / 60);
  }

  private void publishArrived(SessionState s) {
    CallInfo call = s.call;
    List<SkillRequirement> extra = new ArrayList<>();
    s.skills.forEach((skill, level) -> extra.add(new SkillRequirement(skill, level)));
    Command.ContactArrived arrived =
        new Command.ContactArrived(
            call.contactId(),
            s.queue,
            ContactType.CALL,
            s.priority,
            extra,
            s.language,
            call.callerId(),
            call.pbxId(),
            call.channel(),
            0,
            s.attributes);
    queue(s, new Step.SetVariable("SB_CONTACT", call.contactId()), Awaiting.ACK);
    queue(s, new Step.Publish(arrived), Awaiting.PUBLISH_ARRIVED);
  }

  private void publishArrivedAndReturn(SessionState s) {
    publishArrived(s);
    queue(s, new Step.Return(), Awaiting.END);
  }

  private void onArrivedPublished(SessionState s, boolean accepted) {
    if (accepted) {
      s.contactPublished = true;
      return;
    }
    s.pending.clear();
    queue(s, new Step.SetVariable(RESULT_VARIABLE, "not-routed"), Awaiting.ACK);
    queue(s, new Step.Return(), Awaiting.END);
  }

  // ---- callback offer (queue node and the callback script) ----------------------------------

  private void offerCallback(SessionState s) {
    s.attempt = 0;
    queue(
        s,
        new Step.PromptAndCollect(prompt(s, scripts.callbackOfferPrompt()), 1, scripts.timeoutMs()),
        Awaiting.CALLBACK_OFFER);
  }

  private void onCallbackOffer(SessionState s, Input.Digits in) {
    if (in.digits().startsWith("1")) {
      s.attempt = 0;
      if (plausibleNumber(s.call.callerId())) {
        askConfirm(s);
      } else {
        askNumber(s);
      }
    } else {
      declineCallback(s);
    }
  }

  private void askConfirm(SessionState s) {
    play(s, List.of(scripts.callbackConfirmPrompt()));
    // The digits only: "+49 30 …" is read out as 4 9 3 0 …, the plus sign has no sound file.
    queue(s, new Step.SayDigits(digitsOf(s.call.callerId())), Awaiting.ACK);
    queue(
        s,
        new Step.PromptAndCollect(
            prompt(s, scripts.callbackConfirmMenuPrompt()), 1, scripts.timeoutMs()),
        Awaiting.CALLBACK_CONFIRM);
  }

  private void askNumber(SessionState s) {
    queue(
        s,
        new Step.PromptAndCollect(
            prompt(s, scripts.callbackNumberPrompt()),
            scripts.callbackNumberMaxDigits(),
            scripts.timeoutMs()),
        Awaiting.CALLBACK_NUMBER);
  }

  private void onCallbackConfirm(SessionState s, Input.Digits in) {
    if (in.digits().startsWith("1")) {
      requestCallback(s, s.call.callerId());
    } else if (in.digits().startsWith("2")) {
      s.attempt = 0;
      askNumber(s);
    } else if (s.attempt < scripts.retries()) {
      s.attempt++;
      playIfAny(s, scripts.invalidPrompt());
      queue(
          s,
          new Step.PromptAndCollect(
              prompt(s, scripts.callbackConfirmMenuPrompt()), 1, scripts.timeoutMs()),
          Awaiting.CALLBACK_CONFIRM);
    } else {
      declineCallback(s);
    }
  }

  private void onCallbackNumber(SessionState s, Input.Digits in) {
    if (plausibleNumber(in.digits())) {
      requestCallback(s, in.digits());
    } else if (s.attempt < scripts.retries()) {
      s.attempt++;
      playIfAny(s, scripts.invalidPrompt());
      askNumber(s);
    } else {
      declineCallback(s);
    }
  }

  /**
   * A number the PBX can dial back: digits only, or E.164 with its leading {@code +} (how most
   * carriers present a caller id), with between {@code callbackNumberMinDigits} and {@code
   * callbackNumberMaxDigits} digits.
   */
  private boolean plausibleNumber(String number) {
    String digits = digitsOf(number);
    if (digits.length() < scripts.callbackNumberMinDigits()
        || digits.length() > scripts.callbackNumberMaxDigits()) {
      return false;
    }
    for (int i = 0; i < digits.length(); i++) {
      char ch = digits.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  /** The number without an E.164 leading {@code +}. */
  private static String digitsOf(String number) {
    return number.startsWith("+") ? number.substring(1) : number;
  }

  private void requestCallback(SessionState s, String number) {
    if (s.call.script() == CallInfo.Script.IVR) {
      s.attributes.put("callbackNumber", number);
      publishArrived(s);
    }
    queue(
        s,
        new Step.Publish(new Command.CallbackRequested(s.call.contactId(), number, 0)),
        Awaiting.PUBLISH_CALLBACK);
    play(s, List.of(scripts.callbackThanksPrompt()));
    queue(s, new Step.Hangup(), Awaiting.END);
  }

  private void declineCallback(SessionState s) {
    if (s.call.script() == CallInfo.Script.IVR) {
      publishArrivedAndReturn(s);
    } else {
      queue(s, new Step.Return(), Awaiting.END);
    }
  }

  private void onCallbackPublished(SessionState s, boolean accepted) {
    if (accepted) {
      s.callbackRequested = true;
      return;
    }
    // The contact still waits as a call: send the caller back to the wait rather than hang up.
    s.pending.clear();
    queue(s, new Step.Return(), Awaiting.END);
  }

  // ---- survey -------------------------------------------------------------------------------

  private void askSurvey(SessionState s) {
    queue(
        s,
        new Step.PromptAndCollect(prompt(s, scripts.surveyPrompt()), 1, scripts.timeoutMs()),
        Awaiting.SURVEY);
  }

  private void onSurvey(SessionState s, Input.Digits in) {
    String d = in.digits();
    if (d.length() >= 1 && d.charAt(0) >= '1' && d.charAt(0) <= '5') {
      queue(
          s,
          new Step.Publish(new Command.SurveyRecorded(s.call.contactId(), d.charAt(0) - '0')),
          Awaiting.PUBLISH_SURVEY);
      play(s, List.of(scripts.surveyThanksPrompt()));
      queue(s, new Step.Hangup(), Awaiting.END);
    } else if (s.attempt < scripts.retries()) {
      s.attempt++;
      playIfAny(s, scripts.invalidPrompt());
      askSurvey(s);
    } else {
      queue(s, new Step.Hangup(), Awaiting.END);
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /**
   * Emits the next queued step, entering nodes until one queues something. Entering nodes that
   * queue nothing (branches, hours) more times than there are nodes means a step-less cycle the
   * validator should have refused; the caller is hung up rather than spun forever.
   */
  private Transition emit(SessionState s, long nowMs) {
    int entered = 0;
    while (s.pending.isEmpty()) {
      if (s.then == null || s.then.isEmpty() || entered++ > config.nodes().size()) {
        queue(s, new Step.Hangup(), Awaiting.END);
        break;
      }
      enter(s, s.then, nowMs);
    }
    s.steps++;
    if (s.steps > MAX_STEPS) {
      s.pending.clear();
      s.awaiting = Awaiting.END;
      return new Transition(s, new Step.Hangup());
    }
    Pending next = s.pending.removeFirst();
    s.awaiting = next.awaiting();
    return new Transition(s, next.step());
  }

  private static void queue(SessionState s, Step step, Awaiting awaiting) {
    s.pending.addLast(new Pending(step, awaiting));
  }

  private void play(SessionState s, List<String> prompts) {
    if (prompts.isEmpty()) {
      return;
    }
    List<String> resolved = new ArrayList<>(prompts.size());
    for (String p : prompts) {
      resolved.add(prompt(s, p));
    }
    queue(s, new Step.Play(resolved), Awaiting.ACK);
  }

  private void playIfAny(SessionState s, String prompt) {
    if (prompt != null && !prompt.isEmpty()) {
      play(s, List.of(prompt));
    }
  }

  /** {@code <lang>/<prompt>}: the language's prompt set holds a recording of every name. */
  private static String prompt(SessionState s, String name) {
    return s.language + "/" + name;
  }

  private static Input.Digits digits(Input input) {
    return input instanceof Input.Digits d ? d : Input.Digits.none();
  }

  private static boolean accepted(Input input) {
    return input instanceof Input.Published p && p.accepted();
  }

  private static boolean isDtmf(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      char ch = digits.charAt(i);
      if (!((ch >= '0' && ch <= '9') || ch == '*' || ch == '#')) {
        return false;
      }
    }
    return true;
  }
}
