package dev.switchboard.sim.pbx;

import dev.switchboard.sim.agi.AgiChannel;
import dev.switchboard.sim.agi.AgiClient;
import dev.switchboard.sim.agi.AgiRequest;
import dev.switchboard.sim.pbx.CallFlow.InboundCall;
import dev.switchboard.sim.pbx.CallFlow.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dialplan's {@code AGI(agi://…)} step: builds the environment Asterisk sends
 * (s01-fastagi.txt), hands the session to the {@link AgiClient} and continues the dialplan when it
 * ends ({@code AGISTATUS} SUCCESS, FAILURE or HANGUP). Runs on the PBX thread; {@link Glue} is the
 * side the AGI thread calls.
 */
final class AgiStep {

  private final CallFlow flow;
  private final SimulatedPbx pbx;
  private final AgiClient agiClient;

  AgiStep(CallFlow flow, AgiClient agiClient) {
    this.flow = flow;
    this.pbx = flow.pbx;
    this.agiClient = agiClient;
  }

  private String agiUrl(String path) {
    PbxConfiguration c = pbx.configuration;
    String pbxParam =
        c.pbxId().isEmpty() ? "" : (path.contains("?") ? "&" : "?") + "pbx=" + c.pbxId();
    return "agi://" + c.agiHost() + ":" + c.agiPort() + "/" + path + pbxParam;
  }

  /** Runs {@code AGI(agi://host:port/<path>)} at this priority, then {@code next}. */
  void run(InboundCall call, String path, int priority, Runnable next) {
    SimChannel ch = call.channel;
    if (ch.hungUp) {
      return;
    }
    String url = agiUrl(path);
    call.phase = Phase.IVR;
    pbx.newexten(ch, ch.context, ch.exten, priority, "AGI", url);
    String script = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Glue glue = new Glue(call, script, next);
    call.agi = glue;
    if (agiClient == null || pbx.configuration.agiPort() == 0) {
      glue.finished("FAILURE");
      return;
    }
    agiClient.start(
        new AgiRequest(pbx.configuration.agiHost(), pbx.configuration.agiPort(), env(ch, url)),
        glue);
  }

  private List<Map.Entry<String, String>> env(SimChannel ch, String url) {
    String script = url.substring(url.indexOf('/', "agi://".length()) + 1);
    List<Map.Entry<String, String>> env = new ArrayList<>();
    env.add(Map.entry("agi_network", "yes"));
    env.add(Map.entry("agi_network_script", script));
    env.add(Map.entry("agi_request", url));
    env.add(Map.entry("agi_channel", ch.name));
    env.add(Map.entry("agi_language", "en"));
    env.add(Map.entry("agi_type", "PJSIP"));
    env.add(Map.entry("agi_uniqueid", ch.uniqueid));
    env.add(Map.entry("agi_version", "22.10.1"));
    env.add(Map.entry("agi_callerid", ch.callerIdNum));
    env.add(Map.entry("agi_calleridname", ch.callerIdName));
    env.add(Map.entry("agi_callingpres", "0"));
    env.add(Map.entry("agi_callingani2", "0"));
    env.add(Map.entry("agi_callington", "0"));
    env.add(Map.entry("agi_callingtns", "0"));
    env.add(Map.entry("agi_dnid", ch.dnid.isEmpty() ? "unknown" : ch.dnid));
    env.add(Map.entry("agi_rdnis", "unknown"));
    env.add(Map.entry("agi_context", ch.context));
    env.add(Map.entry("agi_extension", ch.exten));
    env.add(Map.entry("agi_priority", Integer.toString(ch.priority)));
    env.add(Map.entry("agi_enhanced", "0.0"));
    env.add(Map.entry("agi_accountcode", ""));
    env.add(Map.entry("agi_threadid", Long.toString(140171156137664L + ch.uniqueid.hashCode())));
    return env;
  }

  /** Called on the PBX thread when an AGI session ended. */
  private void agiFinished(Glue glue, String status) {
    InboundCall call = glue.call;
    SimChannel ch = call.channel;
    if (ch.hungUp) {
      return;
    }
    pbx.varSet(ch, "AGISTATUS", status);
    if (glue.script.equals("survey")) {
      pbx.surveys.incrementAndGet();
    }
    if (glue.hangupRequested) {
      if (!call.everAnswered && glue.script.equals("ivr")) {
        pbx.abandoned.incrementAndGet();
      }
      flow.finishCaller(call, 16);
      return;
    }
    String[] redirect = call.pendingRedirect;
    if (redirect != null) {
      call.pendingRedirect = null;
      flow.enterContext(call, redirect[0], redirect[1]);
      return;
    }
    glue.next.run();
  }

  /** The PBX side of one FastAGI session; called from the AGI thread. */
  final class Glue implements AgiChannel {
    final InboundCall call;
    final String script;
    final Runnable next;
    volatile boolean hungUp;
    volatile boolean hangupRequested;

    Glue(InboundCall call, String script, Runnable next) {
      this.call = call;
      this.script = script;
      this.next = next;
    }

    @Override
    public void commandStarted(int commandId, String command) {
      pbx.scheduler.execute(
          () -> {
            if (!call.channel.hungUp) {
              pbx.emit(
                  pbx.channelEvent("AGIExecStart", "agi,all", call.channel)
                      .add("CommandId", Integer.toString(commandId))
                      .add("Command", command)
                      .build());
            }
          });
    }

    @Override
    public void commandEnded(int commandId, String command, int resultCode, String result) {
      pbx.scheduler.execute(
          () -> {
            if (!call.channel.hungUp) {
              pbx.emit(
                  pbx.channelEvent("AGIExecEnd", "agi,all", call.channel)
                      .add("CommandId", Integer.toString(commandId))
                      .add("Command", command)
                      .add("ResultCode", Integer.toString(resultCode))
                      .add("Result", result)
                      .build());
            }
          });
    }

    @Override
    public void setVariable(String name, String value) {
      pbx.scheduler.execute(
          () -> {
            if (!call.channel.hungUp) {
              pbx.varSet(call.channel, name, value);
            }
          });
    }

    @Override
    public String getVariable(String name) {
      CompletableFuture<String> f = new CompletableFuture<>();
      pbx.scheduler.execute(() -> f.complete(call.channel.variables.get(name)));
      try {
        return f.get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (ExecutionException | TimeoutException e) {
        return null;
      }
    }

    @Override
    public String nextDigits(String prompt) {
      return call.script.nextDigits(script, prompt);
    }

    @Override
    public void hangup() {
      hangupRequested = true;
      pbx.scheduler.execute(
          () -> {
            if (!call.channel.hungUp) {
              pbx.softHangupRequest(call.channel, 16);
            }
          });
    }

    @Override
    public boolean isHungUp() {
      return hungUp || hangupRequested;
    }

    @Override
    public void finished(String status) {
      pbx.scheduler.execute(() -> agiFinished(this, hangupRequested ? "HANGUP" : status));
    }
  }
}
