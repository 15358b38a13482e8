package dev.switchboard.cti;

import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.RouterEvent;
import dev.switchboard.router.api.RouterEventListener;
import dev.switchboard.router.api.TimeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The Asterisk CTI adapter: one AMI link per PBX, AMI events in as router commands, router
 * decisions out as AMI actions.
 *
 * <p>Wiring: construct it with the PBXs and the router's {@link CommandPublisher}, register it as a
 * {@link RouterEventListener}, then {@link #start()}. Start does not block: each PBX's link thread
 * connects, logs in, resynchronises and publishes {@code PbxLinkChanged(pbx, true)}; a PBX that is
 * unreachable is retried with exponential back-off and reported {@code PbxLinkChanged(pbx, false)}.
 * {@link #close()} logs off and stops the link threads.
 *
 * <p>Events replayed from the journal at start-up ({@code replay == true}) are not acted on (the
 * PBX already did); only agent devices are learned from them.
 */
public final class CtiAdapter implements RouterEventListener, AutoCloseable {

  private final Map<String, AmiLinkAgent> links = new LinkedHashMap<>();
  private final AmiActionPublisher actions;

  /** An adapter on the wall clock, with reconnect jitter from a time-seeded random source. */
  public CtiAdapter(List<PbxConfiguration> pbxs, CommandPublisher publisher) {
    this(pbxs, publisher, TimeSource.SYSTEM, new SplittableRandom());
  }

  /**
   * An adapter with an injected clock (link-state times) and random source (reconnect jitter).
   *
   * @throws IllegalArgumentException on duplicate PBX ids or an empty list
   */
  public CtiAdapter(
      List<PbxConfiguration> pbxs,
      CommandPublisher publisher,
      TimeSource clock,
      RandomGenerator random) {
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (pbxs.isEmpty()) {
      throw new IllegalArgumentException("at least one PBX is needed");
    }
    SplittableRandom seeds = new SplittableRandom(random.nextLong());
    for (PbxConfiguration pbx : pbxs) {
      if (links.containsKey(pbx.id())) {
        throw new IllegalArgumentException("duplicate PBX id " + pbx.id());
      }
      links.put(pbx.id(), new AmiLinkAgent(pbx, publisher, clock, seeds.split()));
    }
    this.actions = new AmiActionPublisher(links);
  }

  /** Starts every PBX's link thread; returns at once. */
  public void start() {
    links.values().forEach(AmiLinkAgent::start);
  }

  @Override
  public boolean wants(EventKind kind) {
    return AmiActionPublisher.HANDLED.contains(kind);
  }

  @Override
  public void onEvent(RouterEvent event, boolean replay) {
    if (replay) {
      if (event instanceof RouterEvent.AgentConfigured a) {
        actions.agentConfigured(a);
      }
      return;
    }
    actions.onEvent(event);
  }

  /** The state of every PBX link, in configuration order. */
  public List<PbxLinkStatus> links() {
    List<PbxLinkStatus> out = new ArrayList<>(links.size());
    links.values().forEach(l -> out.add(l.status()));
    return out;
  }

  /** The counters of all links added up. */
  public CtiCounters counters() {
    CtiCounters total = CtiCounters.ZERO;
    for (AmiLinkAgent l : links.values()) {
      total = total.plus(l.counters());
    }
    return total;
  }

  /** Logs off every PBX and stops the link threads. */
  @Override
  public void close() {
    links.values().forEach(AmiLinkAgent::close);
  }
}
