package dev.switchboard.cti;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.EventKind;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.RouterEvent;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the router's decisions into AMI actions and keeps the trackers in step with the router's
 * view of each contact. Called on the router's dispatch thread: it only updates the tracker and
 * enqueues actions for the PBX's link thread, which sends them.
 */
final class AmiActionPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(AmiActionPublisher.class);

  /** The dialplan hangs the caller up on this overflow extension. */
  static final String HANGUP_EXTEN = "hangup";

  /** How long a callback's customer leg rings, seconds. */
  static final int CUSTOMER_RING_SECONDS = 30;

  private final Map<String, AmiLinkAgent> links;

  AmiActionPublisher(Map<String, AmiLinkAgent> links) {
    this.links = links;
  }

  /** The kinds {@link #onEvent} acts on; keep the two in step. */
  static final Set<EventKind> HANDLED =
      Collections.unmodifiableSet(
          EnumSet.of(
              EventKind.CONTACT_QUEUED,
              EventKind.CONTACT_OFFERED,
              EventKind.OFFER_REVOKED,
              EventKind.CONTACT_ANSWERED,
              EventKind.CONTACT_ABANDONED,
              EventKind.CONTACT_ENDED,
              EventKind.CONTACT_OVERFLOWED,
              EventKind.CALLBACK_OFFERED,
              EventKind.CALLBACK_REGISTERED,
              EventKind.AGENT_CONFIGURED));

  void onEvent(RouterEvent event) {
    if (event instanceof RouterEvent.ContactQueued q) {
      AmiLinkAgent link = links.get(q.pbxId());
      if (link != null) {
        // Decided and published under the tracker's lock, as the AMI side does, so that commands
        // for one contact reach the router in the order they were decided.
        synchronized (link.tracker()) {
          publish(link, link.tracker().onQueued(q.contactId(), q.channel(), q.type()));
        }
      }
    } else if (event instanceof RouterEvent.ContactOffered o) {
      offered(o);
    } else if (event instanceof RouterEvent.OfferRevoked r) {
      revoked(r);
    } else if (event instanceof RouterEvent.ContactAnswered a) {
      links.values().forEach(l -> l.tracker().onRouterAnswered(a.contactId()));
    } else if (event instanceof RouterEvent.ContactAbandoned a) {
      terminal(a.contactId());
    } else if (event instanceof RouterEvent.ContactEnded e) {
      terminal(e.contactId());
    } else if (event instanceof RouterEvent.ContactOverflowed o) {
      overflowed(o);
    } else if (event instanceof RouterEvent.CallbackOffered c) {
      callbackOffered(c);
    } else if (event instanceof RouterEvent.CallbackRegistered c) {
      links.values().forEach(l -> l.tracker().onCallbackRegistered(c.contactId()));
    } else if (event instanceof RouterEvent.AgentConfigured a) {
      agentConfigured(a);
    }
  }

  /** Learns agent devices; safe during journal replay (it only affects event filtering). */
  void agentConfigured(RouterEvent.AgentConfigured a) {
    AmiLinkAgent link = links.get(a.agent().pbxId());
    if (link != null) {
      link.tracker().onAgentConfigured(a.agent().extension());
    }
  }

  private void offered(RouterEvent.ContactOffered o) {
    if (o.type() == ContactType.CHAT) {
      return;
    }
    String ringPbx = o.type() == ContactType.CALLBACK ? o.agentPbxId() : o.pbxId();
    AmiLinkAgent link = links.get(ringPbx);
    if (link == null) {
      return;
    }
    if (o.type() == ContactType.CALL && !o.agentPbxId().equals(o.pbxId())) {
      // A waiting caller can only be redirected to an agent on its own PBX.
      LOG.warn(
          "contact {} on {} offered to agent {} on {}: cannot connect across PBXs",
          o.contactId(),
          o.pbxId(),
          o.agentId(),
          o.agentPbxId());
      link.sink()
          .publish(new Command.OfferFailed(o.contactId(), o.agentId(), OfferFailure.ACTION_FAILED));
      return;
    }
    String extension = dialExtension(o.agentExtension());
    String channel = null;
    if (o.type() == ContactType.CALL) {
      channel = o.channel().isEmpty() ? link.tracker().callerChannel(o.contactId()) : o.channel();
      if (channel == null) {
        LOG.warn("contact {}: offered without a caller channel; cannot ring", o.contactId());
        link.sink()
            .publish(
                new Command.OfferFailed(o.contactId(), o.agentId(), OfferFailure.ACTION_FAILED));
        return;
      }
    }
    synchronized (link.tracker()) {
      Translation t =
          link.tracker().onOffered(o.contactId(), o.agentId(), extension, o.type(), o.channel());
      if (t.outcome() != Translation.Outcome.IGNORED) {
        publish(link, t);
        return;
      }
    }
    PbxConfiguration pbx = link.pbx();
    if (o.type() == ContactType.CALL) {
      String ring = Integer.toString(o.ringTimeoutSeconds());
      link.enqueue(offerStep(new SetVarAction(channel, "SB_RING", ring), o, false));
      link.enqueue(offerStep(new SetVarAction(channel, "SB_CONTACT", o.contactId()), o, false));
      link.enqueue(offerStep(new SetVarAction(channel, "SB_AGENT", o.agentId()), o, false));
      link.enqueue(
          offerStep(new RedirectAction(channel, pbx.connectContext(), extension, 1), o, true));
    } else {
      link.enqueue(offerStep(originate(o, extension), o, true));
    }
  }

  /** Originate for a callback: ring the agent first, then Dial the customer from its channel. */
  static OriginateAction originate(RouterEvent.ContactOffered o, String extension) {
    OriginateAction a = new OriginateAction();
    a.setActionId(AmiEventAdapter.originateId(o.contactId(), o.agentId()));
    a.setChannel("PJSIP/" + extension);
    a.setApplication("Dial");
    a.setData("PJSIP/" + o.callbackNumber() + "," + CUSTOMER_RING_SECONDS);
    a.setTimeout((long) o.ringTimeoutSeconds() * 1000L);
    a.setCallerId("\"Switchboard callback\" <" + o.callbackNumber() + ">");
    a.setAsync(Boolean.TRUE);
    a.setVariable("SB_CONTACT", o.contactId());
    a.setVariable("SB_AGENT", o.agentId());
    return a;
  }

  private void revoked(RouterEvent.OfferRevoked r) {
    for (AmiLinkAgent link : links.values()) {
      CallTracker.RevokeTarget target = link.tracker().onRevoked(r.contactId(), r.agentId());
      if (target == null) {
        continue;
      }
      if (target.agentChannel() != null) {
        link.enqueue(
            PlannedAction.plain(new HangupAction(target.agentChannel(), 16), r.contactId()));
      } else if (target.callerChannel() != null) {
        link.enqueue(
            PlannedAction.plain(
                new RedirectAction(target.callerChannel(), link.pbx().waitContext(), "s", 1),
                r.contactId()));
      }
    }
  }

  private void overflowed(RouterEvent.ContactOverflowed o) {
    AmiLinkAgent link = links.get(o.pbxId());
    if (link == null) {
      return;
    }
    String channel =
        o.channel().isEmpty() ? link.tracker().callerChannel(o.contactId()) : o.channel();
    String exten = null;
    if (o.action() instanceof OverflowAction.ToNumber n) {
      exten = n.number();
    } else if (o.action() instanceof OverflowAction.Disconnect) {
      exten = HANGUP_EXTEN;
    }
    link.tracker().onRouterTerminal(o.contactId());
    if (channel != null && exten != null) {
      link.enqueue(
          PlannedAction.plain(
              new RedirectAction(channel, link.pbx().overflowContext(), exten, 1), o.contactId()));
    }
  }

  private void callbackOffered(RouterEvent.CallbackOffered c) {
    AmiLinkAgent link = links.get(c.pbxId());
    if (link == null) {
      return;
    }
    String channel =
        c.channel().isEmpty() ? link.tracker().callerChannel(c.contactId()) : c.channel();
    if (channel == null) {
      return;
    }
    link.enqueue(
        PlannedAction.plain(new SetVarAction(channel, "SB_CONTACT", c.contactId()), c.contactId()));
    link.enqueue(
        PlannedAction.plain(
            new RedirectAction(channel, link.pbx().callbackOfferContext(), "s", 1), c.contactId()));
  }

  /** Publishes a command the tracker decided on; never blocks (the sink parks it if need be). */
  private static void publish(AmiLinkAgent link, Translation t) {
    if (t.command() != null) {
      LOG.info(
          "pbx {}: {} (the caller hung up before the router reported it)",
          link.pbx().id(),
          t.command());
      link.sink().publish(t.command());
    }
  }

  private void terminal(String contactId) {
    links.values().forEach(l -> l.tracker().onRouterTerminal(contactId));
  }

  private static PlannedAction offerStep(
      org.asteriskjava.manager.action.ManagerAction action,
      RouterEvent.ContactOffered o,
      boolean ringsAgent) {
    return new PlannedAction(action, o.contactId(), o.agentId(), ringsAgent);
  }

  /** The extension to dial: {@code PJSIP/agent01} is configured as a device, dialled as agent01. */
  static String dialExtension(String agentExtension) {
    int slash = agentExtension.indexOf('/');
    return slash >= 0 ? agentExtension.substring(slash + 1) : agentExtension;
  }
}
