package dev.switchboard.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.engine.ContactRuntime.Phase;
import dev.switchboard.router.model.Requirement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives the engine and the reference model with the same commands on a virtual clock, compares
 * their decisions after every command and checks the engine's invariants on its own state.
 */
final class Harness {

  final RoutingStateMachine engine = new RoutingStateMachine();
  final NaiveRoutingModel model = new NaiveRoutingModel();
  final List<Long> times = new ArrayList<>();
  final List<Command> commands = new ArrayList<>();
  final List<RouterEvent> engineEvents = new ArrayList<>();
  final Map<String, Integer> accepted = new HashMap<>();
  final Map<String, Integer> terminal = new HashMap<>();
  long nowMs = 1_000_000;
  private final int[] arrivals = {0};

  /** Starts with a configuration, every agent logged in and ready. */
  Harness(long configSeed) {
    RouterConfiguration cfg = Scenarios.configuration(configSeed);
    apply(new Command.ConfigurationChanged(cfg));
    for (AgentConfiguration a : cfg.agents()) {
      apply(new Command.AgentLogin(a.id()));
      apply(new Command.AgentReady(a.id()));
    }
  }

  void run(List<Scenarios.Step> steps) {
    for (Scenarios.Step step : steps) {
      nowMs += step.dtMs();
      apply(Scenarios.command(step, model, arrivals, nowMs));
    }
  }

  /** Applies one command to both, compares, checks invariants. */
  List<RouterEvent> apply(Command command) {
    times.add(nowMs);
    commands.add(command);
    List<RouterEvent> events = new ArrayList<>();
    engine.apply(
        nowMs,
        command,
        e -> {
          events.add(e);
          if (e instanceof RouterEvent.ContactOffered o) {
            checkFifoAtOffer(o);
          }
        });
    List<RouterEvent> expected = new ArrayList<>();
    model.apply(nowMs, command, expected);
    assertThat(Scenarios.project(events))
        .as("events of %s at %d (command #%d)", command, nowMs, commands.size())
        .isEqualTo(Scenarios.project(expected));
    engineEvents.addAll(events);
    count(command, events);
    checkInvariants();
    return events;
  }

  private void count(Command command, List<RouterEvent> events) {
    if (command instanceof Command.ContactArrived a
        && events.stream().noneMatch(e -> e instanceof RouterEvent.CommandRejected)) {
      accepted.merge(a.contactId(), 1, Integer::sum);
    }
    for (RouterEvent e : events) {
      String id = null;
      if (e instanceof RouterEvent.ContactEnded x) {
        id = x.contactId();
      } else if (e instanceof RouterEvent.ContactAbandoned x) {
        id = x.contactId();
      } else if (e instanceof RouterEvent.ContactOverflowed x) {
        id = x.contactId();
      }
      if (id != null) {
        terminal.merge(id, 1, Integer::sum);
      }
    }
  }

  /** At the moment of an offer no contact of the same bucket and priority arrived before it. */
  private void checkFifoAtOffer(RouterEvent.ContactOffered o) {
    EngineState s = engine.s;
    ContactRuntime x = s.contactById.get(o.contactId());
    for (ContactRuntime y : s.contactById.values()) {
      if (y == x || y.bucket == null || y.phase != Phase.WAITING) {
        continue;
      }
      boolean sameProfile =
          y.queue == x.queue
              && y.stepsApplied == x.stepsApplied
              && y.extraSkills.equals(x.extraSkills)
              && (y.type == ContactType.CHAT) == (x.type == ContactType.CHAT);
      if (sameProfile && y.priority == x.priority && y.arrivedAtMs <= x.arrivedAtMs) {
        assertThat(y.seq)
            .as("FIFO: %s waits while later %s is offered", y.id, x.id)
            .isGreaterThan(x.seq);
      }
    }
  }

  void checkInvariants() {
    EngineState s = engine.s;
    Set<ContactRuntime> held = new HashSet<>();
    for (AgentRuntime a : s.agents) {
      assertThat(a.inVoicePool).as("voice pool of %s", a.id).isEqualTo(s.voiceAvailable(a));
      assertThat(a.inChatPool).as("chat pool of %s", a.id).isEqualTo(s.chatAvailable(a));
      int voice = a.voice == null ? 0 : 1;
      int chats = a.chats.size();
      if (a.offered != null) {
        assertThat(a.offered.phase).isEqualTo(Phase.OFFERED);
        assertThat(a.offered.agent).isSameAs(a);
        if (a.offered.type == ContactType.CHAT) {
          chats++;
        } else {
          voice++;
        }
      }
      assertThat(voice).as("voice contacts of %s", a.id).isLessThanOrEqualTo(1);
      if (voice > 0) {
        assertThat(chats).as("chats of %s while on voice", a.id).isZero();
      }
      assertThat(chats).as("chats of %s", a.id).isLessThanOrEqualTo(a.config.chatCapacity());
      List<ContactRuntime> mine = new ArrayList<>(a.chats);
      if (a.voice != null) {
        mine.add(a.voice);
      }
      if (a.offered != null) {
        mine.add(a.offered);
      }
      for (ContactRuntime c : mine) {
        assertThat(held.add(c)).as("%s held by two agents", c.id).isTrue();
      }
      if (!a.available()) {
        continue;
      }
      for (ContactRuntime c : s.contactById.values()) {
        if (c.phase != Phase.WAITING) {
          continue;
        }
        boolean media = c.type == ContactType.CHAT ? a.inChatPool : a.inVoicePool;
        boolean qualifies =
            Requirement.of(c.queue.config, c.stepsApplied, c.extraSkills)
                .qualifies(a.config.skills());
        assertThat(media && qualifies)
            .as("agent %s idles while %s, which it qualifies for, waits", a.id, c.id)
            .isFalse();
      }
    }
    for (ContactRuntime c : s.contactById.values()) {
      assertThat(c.phase == Phase.WAITING).isEqualTo(c.bucket != null);
    }
  }

  /** Ends every contact still routed (talking ones end, the others are abandoned). */
  List<Command> drainCommands() {
    List<Command> out = new ArrayList<>();
    for (NaiveRoutingModel.Contact c : model.contacts) {
      out.add(new Command.ContactEnded(c.id));
    }
    return out;
  }

  byte[] snapshot() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    engine.writeSnapshot(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  static RoutingStateMachine restore(byte[] snapshot) throws IOException {
    RoutingStateMachine copy = new RoutingStateMachine();
    copy.readSnapshot(new DataInputStream(new ByteArrayInputStream(snapshot)));
    return copy;
  }
}
