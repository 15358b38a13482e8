package dev.switchboard.cti;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DecisionReason;
import dev.switchboard.router.api.RouterEvent;
import java.util.Map;

/** Router events as the router would emit them, for feeding the adapter in tests. */
final class RouterEvents {
  static final String PBX = "pbx1";
  private static final DecisionReason REASON =
      new DecisionReason(
          "contact-arrived",
          AgentSelectionPolicy.LONGEST_IDLE,
          ContactSelection.PRIORITY_AGE,
          -1,
          1,
          5,
          0,
          0);

  private RouterEvents() {}

  static String contact(String uniqueId) {
    return PBX + ":" + uniqueId;
  }

  static RouterEvent.ContactQueued queued(String uniqueId, String channel) {
    return new RouterEvent.ContactQueued(
        0, contact(uniqueId), "support", ContactType.CALL, 0, 0, false, 1, PBX, channel, "sipp");
  }

  static RouterEvent.ContactQueued requeued(String uniqueId, String channel) {
    return new RouterEvent.ContactQueued(
        0, contact(uniqueId), "support", ContactType.CALL, 0, 0, true, 1, PBX, channel, "sipp");
  }

  static RouterEvent.ContactOffered offered(
      String uniqueId, String channel, String agentId, String extension, int ringSeconds) {
    return new RouterEvent.ContactOffered(
        0,
        contact(uniqueId),
        "support",
        agentId,
        ContactType.CALL,
        PBX,
        channel,
        PBX,
        extension,
        "",
        ringSeconds,
        REASON);
  }

  static RouterEvent.ContactOffered callbackOffered(
      String contactId, String agentId, String extension, String number, int ringSeconds) {
    return new RouterEvent.ContactOffered(
        0,
        contactId,
        "support",
        agentId,
        ContactType.CALLBACK,
        PBX,
        "",
        PBX,
        extension,
        number,
        ringSeconds,
        REASON);
  }

  static RouterEvent.AgentConfigured agent(String agentId, String extension) {
    return new RouterEvent.AgentConfigured(
        0, new AgentConfiguration(agentId, agentId, PBX, extension, Map.of("support", 5), 0));
  }
}
