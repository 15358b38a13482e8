package dev.switchboard.cti;

/** The state of the AMI link to one PBX. */
public enum LinkState {
  /** Connecting, logging in or resynchronising; no actions are sent yet. */
  CONNECTING,
  /** Logged in and resynchronised: events are translated and actions sent. */
  UP,
  /** Not connected; the next attempt is scheduled by the back-off. */
  DOWN
}
