package dev.switchboard.cti;

import org.asteriskjava.manager.action.ManagerAction;

/**
 * An AMI action the link thread is to send.
 *
 * @param action the asterisk-java action
 * @param contactId the contact it serves, or null
 * @param agentId the agent of the offer it serves, or null; an offer's actions are skipped once the
 *     offer is no longer current (revoked, failed, answered elsewhere)
 * @param ringsAgent true for the action that rings the agent (Redirect, Originate): if it fails,
 *     the router gets {@code OfferFailed(ACTION_FAILED)}
 */
record PlannedAction(ManagerAction action, String contactId, String agentId, boolean ringsAgent) {

  boolean servesOffer() {
    return contactId != null && agentId != null;
  }

  static PlannedAction plain(ManagerAction action, String contactId) {
    return new PlannedAction(action, contactId, null, false);
  }
}
