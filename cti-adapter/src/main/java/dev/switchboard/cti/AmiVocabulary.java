package dev.switchboard.cti;

import dev.switchboard.router.api.OfferFailure;
import java.util.Locale;

/** How Asterisk names things, and what its status codes mean for routing. */
final class AmiVocabulary {
  private AmiVocabulary() {}

  /** {@code PJSIP/agent01} → {@code agent01}; a bare name is returned as is. */
  static String resourceOf(String device) {
    int slash = device.indexOf('/');
    return slash >= 0 ? device.substring(slash + 1) : device;
  }

  /** {@code PJSIP/agent01-00000001} → {@code agent01}: the device a channel belongs to. */
  static String deviceOfChannel(String channel) {
    String resource = resourceOf(channel);
    int dash = resource.lastIndexOf('-');
    return dash > 0 ? resource.substring(0, dash) : resource;
  }

  /**
   * True if an action's error message says its channel no longer exists: Setvar answers {@code No
   * such channel}, Redirect {@code Channel does not exist: <name>} or, for a channel being hung up,
   * {@code Redirect failed, channel not up.}
   */
  static boolean isChannelGone(String errorMessage) {
    if (errorMessage == null) {
      return false;
    }
    String m = errorMessage.toLowerCase(Locale.ROOT);
    return m.contains("no such channel")
        || m.contains("channel does not exist")
        || m.contains("channel not up");
  }

  /** Maps the dialplan's DIALSTATUS to why the offer was not taken. */
  static OfferFailure failureOf(String dialStatus) {
    if (dialStatus == null) {
      return OfferFailure.NO_ANSWER;
    }
    return switch (dialStatus.trim().toUpperCase(Locale.ROOT)) {
      case "BUSY" -> OfferFailure.BUSY;
      case "CHANUNAVAIL", "CONGESTION" -> OfferFailure.UNAVAILABLE;
      default -> OfferFailure.NO_ANSWER;
    };
  }

  /**
   * Maps an OriginateResponse {@code Reason} (the last control frame Asterisk saw on the agent leg:
   * 3 ringing, 5 busy, 8 congestion, 0/1 failure or hangup) to an offer failure.
   */
  static OfferFailure originateFailure(int reason) {
    return switch (reason) {
      case 3 -> OfferFailure.NO_ANSWER;
      case 5 -> OfferFailure.BUSY;
      default -> OfferFailure.UNAVAILABLE;
    };
  }
}
