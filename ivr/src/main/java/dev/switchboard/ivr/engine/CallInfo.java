package dev.switchboard.ivr.engine;

import java.util.Objects;

/**
 * Who is calling and why, from the AGI environment and the script URL.
 *
 * @param script which dialogue runs
 * @param contactId {@code <pbxId>:<agi_uniqueid>} for the IVR; the {@code contact} parameter for
 *     the survey and the callback offer
 * @param pbxId the PBX the call is on
 * @param channel the caller's channel name
 * @param callerId the caller's number, or empty
 * @param entry the dialled entry ({@code ?entry=}), or empty for the other scripts
 */
public record CallInfo(
    Script script, String contactId, String pbxId, String channel, String callerId, String entry) {

  public CallInfo {
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(contactId, "contactId");
    pbxId = pbxId == null ? "" : pbxId;
    channel = channel == null ? "" : channel;
    callerId = callerId == null ? "" : callerId;
    entry = entry == null ? "" : entry;
  }

  /** The dialogues a FastAGI request can ask for, by the script name in its URL. */
  public enum Script {
    /** {@code ivr?entry=…}: the menus of an entry point, ending in a queue. */
    IVR,
    /** {@code survey?contact=…}: the 1–5 satisfaction survey. */
    SURVEY,
    /** {@code callback?contact=…}: the callback offer made to a caller already waiting. */
    CALLBACK;

    /** The script for a URL path ({@code ivr}), or null when there is none by that name. */
    public static Script byName(String name) {
      return switch (name) {
        case "ivr" -> IVR;
        case "survey" -> SURVEY;
        case "callback" -> CALLBACK;
        default -> null;
      };
    }
  }
}
