package dev.switchboard.stats;

/**
 * The service-level definitions reported side by side. Each is a numerator over a denominator of
 * {@link Tally} counters; T is the queue's target seconds and "short" is an abandon shorter than
 * the queue's short-abandon threshold. Callbacks count in no definition.
 */
public enum ServiceLevelDefinition {
  /**
   * Switchboard's default: answered within T / (answered + abandoned after T); short abandons and
   * abandons within T count in neither term.
   */
  DEFAULT("answered within T / (answered + abandoned after T, short abandons excluded)") {
    @Override
    public long numerator(Tally t) {
      return t.get(Tally.SL_ANSWERED_WITHIN);
    }

    @Override
    public long denominator(Tally t) {
      return t.get(Tally.SL_ANSWERED) + t.get(Tally.SL_ABANDONED_AFTER_LONG);
    }
  },
  /**
   * Asterisk app_queue {@code ServiceLevelPerf}: completed within T / completed; abandons count in
   * neither term.
   */
  ASTERISK_SL("Asterisk ServiceLevelPerf: answered within T / answered") {
    @Override
    public long numerator(Tally t) {
      return t.get(Tally.SL_ANSWERED_WITHIN);
    }

    @Override
    public long denominator(Tally t) {
      return t.get(Tally.SL_ANSWERED);
    }
  },
  /**
   * Asterisk app_queue {@code ServiceLevelPerf2}: (completed within T + abandoned within T) /
   * (completed + abandoned); every abandon counts, short or not.
   */
  ASTERISK_SL2(
      "Asterisk ServiceLevelPerf2: (answered within T + abandoned within T) / (answered + all"
          + " abandoned)") {
    @Override
    public long numerator(Tally t) {
      return t.get(Tally.SL_ANSWERED_WITHIN)
          + t.get(Tally.SL_ABANDONED_WITHIN_SHORT)
          + t.get(Tally.SL_ABANDONED_WITHIN_LONG);
    }

    @Override
    public long denominator(Tally t) {
      return t.get(Tally.SL_ANSWERED) + t.slAbandonedAll();
    }
  },
  /** Strictest: answered within T / (answered + every abandon, short ones included). */
  ALL_ABANDONS("answered within T / (answered + all abandoned, short included)") {
    @Override
    public long numerator(Tally t) {
      return t.get(Tally.SL_ANSWERED_WITHIN);
    }

    @Override
    public long denominator(Tally t) {
      return t.get(Tally.SL_ANSWERED) + t.slAbandonedAll();
    }
  };

  private final String description;

  ServiceLevelDefinition(String description) {
    this.description = description;
  }

  /** What the definition counts, for people. */
  public String description() {
    return description;
  }

  /** The numerator over a tally. */
  public abstract long numerator(Tally t);

  /** The denominator over a tally. */
  public abstract long denominator(Tally t);

  /** The percentage, or null when the denominator is 0. */
  public Double percent(Tally t) {
    long d = denominator(t);
    return d == 0 ? null : 100.0 * numerator(t) / d;
  }
}
