package dev.switchboard.ivr;

import dev.switchboard.ivr.agi.AgiCodec;
import dev.switchboard.ivr.agi.AgiConnection;
import dev.switchboard.ivr.agi.AgiReply;
import dev.switchboard.ivr.agi.AgiSessionEnded;
import dev.switchboard.ivr.agi.AgiSessionEnded.Reason;
import dev.switchboard.ivr.engine.CallInfo;
import dev.switchboard.ivr.engine.Input;
import dev.switchboard.ivr.engine.MenuEngine;
import dev.switchboard.ivr.engine.SessionContext;
import dev.switchboard.ivr.engine.Step;
import dev.switchboard.ivr.engine.Transition;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.CommandPublisher.PublishResult;
import dev.switchboard.router.api.TimeSource;
import dev.switchboard.router.api.WaitEstimator;
import dev.switchboard.router.api.WaitEstimator.WaitEstimate;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.asteriskjava.fastagi.command.SetContextCommand;
import org.asteriskjava.fastagi.command.SetExtensionCommand;
import org.asteriskjava.fastagi.command.SetPriorityCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FastAGI connection, on its own thread: reads the environment, works out the PBX, the script
 * and the contact id, then runs the menu engine, carrying out each {@link Step} over the socket and
 * feeding the outcome back. Any failure ends the session with one log line; a contact already
 * published stays with the router (AMI reports the caller's hang-up).
 */
final class AgiSession implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AgiSession.class);

  /** The context a transfer is sent to (see the call-flow contract). */
  static final String OVERFLOW_CONTEXT = "switchboard-overflow";

  /** How long a publish is retried while the router's ring is full. */
  private static final long PUBLISH_RETRY_NS = 2_000_000_000L;

  /**
   * How long the caller waits for the router to register a callback before being thanked anyway
   * (the router takes a command in microseconds; this is for a router catching up on a backlog).
   */
  private static final long CALLBACK_ANSWER_MS = 2_000;

  /** What a session needs from the server, captured when it starts. */
  record Services(
      MenuEngine engine,
      PbxTable pbxs,
      CustomerDirectory directory,
      CommandPublisher publisher,
      WaitEstimator estimator,
      TimeSource time,
      Supplier<SessionContext> context,
      IvrMetrics metrics,
      CallbackConfirmations callbacks,
      BooleanSupplier closing) {}

  private final AgiConnection connection;
  private final InetAddress peer;
  private final Services services;
  private String label;

  AgiSession(AgiConnection connection, InetAddress peer, Services services) {
    this.connection = connection;
    this.peer = peer;
    this.services = services;
    this.label = peer.getHostAddress();
  }

  @Override
  public void run() {
    boolean published = false;
    try {
      Map<String, String> env = connection.readEnvironment();
      Optional<CallInfo> call = callInfo(env);
      if (call.isEmpty()) {
        return;
      }
      label = call.get().script() + " " + call.get().contactId();
      Transition t =
          services
              .engine()
              .start(call.get(), services.context().get(), services.time().currentTimeMs());
      while (true) {
        Input input = carryOut(t.step());
        if (t.terminal()) {
          services.metrics().completed.increment();
          return;
        }
        t = services.engine().next(t.state(), input, services.time().currentTimeMs());
        published = t.state().contactPublished();
      }
    } catch (AgiSessionEnded e) {
      services.metrics().ended(e.reason());
      if (e.reason() == Reason.CALLER_HANGUP || services.closing().getAsBoolean()) {
        LOG.debug(
            "{}: {}{}", label, e.getMessage(), published ? "; contact left to the router" : "");
      } else {
        LOG.warn("{}: session ended: {}", label, e.getMessage());
      }
    } catch (RuntimeException e) {
      // A bug must not kill the accept loop or leak the socket: count it and drop the session.
      services.metrics().protocolErrors.increment();
      LOG.error("{}: session failed", label, e);
    } finally {
      connection.close();
    }
  }

  private Optional<CallInfo> callInfo(Map<String, String> env) {
    String networkScript = env.getOrDefault("agi_network_script", "");
    if (networkScript.isEmpty()) {
      // agi_request is the whole URL (agi://host:port/ivr?entry=…): keep what follows the host.
      String url = env.getOrDefault("agi_request", "");
      int hostStart = url.indexOf("://");
      int path = hostStart < 0 ? -1 : url.indexOf('/', hostStart + 3);
      networkScript = path < 0 ? "" : url.substring(path + 1);
    }
    AgiCodec.ScriptRequest request = AgiCodec.parseScript(networkScript);
    CallInfo.Script script = CallInfo.Script.byName(request.script());
    if (script == null) {
      return refuse("unknown AGI script '" + request.script() + "'", false);
    }
    Optional<String> pbxId = services.pbxs().pbxFor(peer, request.parameter("pbx"));
    if (pbxId.isEmpty()) {
      return refuse("pbx '" + request.parameter("pbx") + "' is not configured at " + label, true);
    }
    String contactId;
    if (script == CallInfo.Script.IVR) {
      String uniqueId = env.getOrDefault("agi_uniqueid", "");
      if (uniqueId.isEmpty()) {
        return refuse("no agi_uniqueid in the AGI environment", false);
      }
      contactId = pbxId.get() + ":" + uniqueId;
    } else {
      contactId = request.parameter("contact");
      if (contactId.isEmpty()) {
        return refuse(request.script() + " without ?contact=", false);
      }
    }
    String callerId = env.getOrDefault("agi_callerid", "");
    if (callerId.equals("unknown")) {
      callerId = "";
    }
    return Optional.of(
        new CallInfo(
            script,
            contactId,
            pbxId.get(),
            env.getOrDefault("agi_channel", ""),
            callerId,
            request.parameter("entry")));
  }

  private Optional<CallInfo> refuse(String why, boolean refusedPbx) {
    if (refusedPbx) {
      services.metrics().refused.increment();
    } else {
      services.metrics().protocolErrors.increment();
    }
    LOG.warn("{}: request refused: {}", label, why);
    return Optional.empty();
  }

  /** Carries out one step; returns what happened as the engine's next input. */
  private Input carryOut(Step step) throws AgiSessionEnded {
    if (step instanceof Step.Play p) {
      for (String prompt : p.prompts()) {
        connection.execute(new StreamFileCommand(prompt, ""), true);
      }
      return Input.ACK;
    } else if (step instanceof Step.PromptAndCollect c) {
      AgiReply reply =
          connection.execute(new GetDataCommand(c.prompt(), c.timeoutMs(), c.maxDigits()), true);
      return new Input.Digits(dtmf(reply.result()), reply.data().equals("timeout"));
    } else if (step instanceof Step.SayNumber n) {
      connection.execute(new SayNumberCommand(Long.toString(n.number())), true);
      return Input.ACK;
    } else if (step instanceof Step.SayDigits d) {
      connection.execute(new SayDigitsCommand(d.digits()), true);
      return Input.ACK;
    } else if (step instanceof Step.SetVariable v) {
      connection.execute(new SetVariableCommand(v.name(), v.value()), false);
      return Input.ACK;
    } else if (step instanceof Step.Publish p) {
      if (p.command() instanceof Command.CallbackRequested c) {
        return new Input.Published(requestCallback(c));
      }
      return new Input.Published(publish(p.command()));
    } else if (step instanceof Step.EstimateWait w) {
      return new Input.WaitEstimated(estimate(w.queueId()));
    } else if (step instanceof Step.LookupCustomer l) {
      return lookup(l);
    } else if (step instanceof Step.Transfer t) {
      connection.execute(new SetVariableCommand("SB_TRANSFER", t.number()), false);
      connection.execute(new SetContextCommand(OVERFLOW_CONTEXT), false);
      connection.execute(new SetExtensionCommand(t.number()), false);
      connection.execute(new SetPriorityCommand("1"), false);
      return Input.ACK;
    } else if (step instanceof Step.Hangup) {
      connection.execute(new HangupCommand(), false);
      return Input.ACK;
    } else if (step instanceof Step.Return) {
      return Input.ACK;
    }
    throw new IllegalStateException("unhandled step " + step);
  }

  /**
   * Publishes a callback request and waits for the router to register it: true when it did (or said
   * nothing in time: the request is in its ring), false when it refused (the caller goes back to
   * the wait, where an agent is typically being put through to them).
   */
  private boolean requestCallback(Command.CallbackRequested request) {
    CompletableFuture<Boolean> answer = services.callbacks().expect(request.contactId());
    try {
      if (!publish(request)) {
        return false;
      }
      boolean registered = answer.get(CALLBACK_ANSWER_MS, TimeUnit.MILLISECONDS);
      if (!registered) {
        LOG.info(
            "{}: the router did not take the callback for {} (the caller is being connected or"
                + " left); back to the wait",
            label,
            request.contactId());
      }
      return registered;
    } catch (TimeoutException e) {
      LOG.warn(
          "{}: no answer from the router to the callback for {} within {} ms; taken as registered",
          label,
          request.contactId(),
          CALLBACK_ANSWER_MS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      services.callbacks().forget(request.contactId(), answer);
    }
  }

  private boolean publish(Command command) {
    long deadline = System.nanoTime() + PUBLISH_RETRY_NS;
    PublishResult result = services.publisher().publish(command);
    // A full ring is transient (the router is catching up); a closed one is not.
    while (result == PublishResult.RING_FULL && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
      result = services.publisher().publish(command);
    }
    if (!result.accepted()) {
      services.metrics().publishFailures.increment();
      LOG.warn("{}: router did not take {}: {}", label, command.getClass().getSimpleName(), result);
      return false;
    }
    if (command instanceof Command.ContactArrived) {
      services.metrics().contacts.increment();
    } else if (command instanceof Command.CallbackRequested) {
      services.metrics().callbacks.increment();
    } else if (command instanceof Command.SurveyRecorded) {
      services.metrics().surveys.increment();
    }
    return true;
  }

  private WaitEstimate estimate(String queueId) {
    try {
      WaitEstimate estimate = services.estimator().estimate(queueId, "");
      return estimate != null ? estimate : WaitEstimate.unknown();
    } catch (RuntimeException e) {
      LOG.warn("{}: wait estimate for {} failed: {}", label, queueId, e.toString());
      return WaitEstimate.unknown();
    }
  }

  private Input lookup(Step.LookupCustomer l) {
    try {
      Optional<Customer> c =
          l.byPhone()
              ? services.directory().findByPhone(l.key())
              : services.directory().findByAccount(l.key());
      return c.<Input>map(Input.CustomerFound::new).orElseGet(Input.CustomerNotFound::new);
    } catch (RuntimeException e) {
      LOG.warn("{}: customer lookup failed: {}", label, e.toString());
      return new Input.CustomerNotFound();
    }
  }

  private static String dtmf(String result) {
    StringBuilder sb = new StringBuilder(result.length());
    for (int i = 0; i < result.length(); i++) {
      char ch = result.charAt(i);
      if ((ch >= '0' && ch <= '9') || ch == '*' || ch == '#') {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
