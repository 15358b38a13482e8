package dev.switchboard.router.api;

/** Why a contact left before it was answered. */
public enum AbandonReason implements Coded {
  /** The caller hung up. */
  CALLER_HANGUP(1),
  /** Its channel vanished while the PBX link was down (found at resync). */
  LOST_DURING_OUTAGE(2),
  /** The PBX refused or failed the call (channel unavailable). */
  SYSTEM(3);

  private final int code;

  AbandonReason(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
