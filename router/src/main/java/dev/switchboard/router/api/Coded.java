package dev.switchboard.router.api;

/**
 * An enum constant that reaches the journal or a snapshot. Its code, not its ordinal, is what is
 * written, so constants can be reordered or added without breaking old journals.
 */
public interface Coded {
  /** The stable code written to the journal; unique within the enum. */
  int code();

  /** Looks a constant up by its code; throws {@link IllegalArgumentException} for unknown codes. */
  static <E extends Enum<E> & Coded> E fromCode(Class<E> type, int code) {
    for (E e : type.getEnumConstants()) {
      if (e.code() == code) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + type.getSimpleName() + " code " + code);
  }
}
