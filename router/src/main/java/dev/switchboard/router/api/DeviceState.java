package dev.switchboard.router.api;

/** An agent phone's state as Asterisk reports it in {@code DeviceStateChange}. */
public enum DeviceState implements Coded {
  UNKNOWN(0),
  NOT_INUSE(1),
  INUSE(2),
  BUSY(3),
  INVALID(4),
  UNAVAILABLE(5),
  RINGING(6),
  RINGINUSE(7),
  ONHOLD(8);

  private final int code;

  DeviceState(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /**
   * True when the phone can take a new call: idle, or in a state Asterisk cannot tell (a device
   * without state reporting must still be usable).
   */
  public boolean canTakeCall() {
    return this == NOT_INUSE || this == UNKNOWN;
  }

  /** Parses Asterisk's spelling ({@code NOT_INUSE}, {@code INUSE}…); unknown text is UNKNOWN. */
  public static DeviceState fromAsterisk(String text) {
    if (text == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
