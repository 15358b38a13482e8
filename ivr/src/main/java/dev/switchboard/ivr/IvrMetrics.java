package dev.switchboard.ivr;

import dev.switchboard.ivr.agi.AgiSessionEnded;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link IvrCounters}; updated by session threads without locks. */
final class IvrMetrics {
  final LongAdder accepted = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder completed = new LongAdder();
  final LongAdder hangups = new LongAdder();
  final LongAdder lost = new LongAdder();
  final LongAdder protocolErrors = new LongAdder();
  final LongAdder commandFailures = new LongAdder();
  final LongAdder contacts = new LongAdder();
  final LongAdder callbacks = new LongAdder();
  final LongAdder surveys = new LongAdder();
  final LongAdder publishFailures = new LongAdder();

  void ended(AgiSessionEnded.Reason reason) {
    switch (reason) {
      case CALLER_HANGUP -> hangups.increment();
      case CONNECTION_CLOSED, TIMEOUT -> lost.increment();
      case PROTOCOL_ERROR -> protocolErrors.increment();
      case COMMAND_FAILED -> commandFailures.increment();
    }
  }

  IvrCounters snapshot() {
    return new IvrCounters(
        accepted.sum(),
        refused.sum(),
        completed.sum(),
        hangups.sum(),
        lost.sum(),
        protocolErrors.sum(),
        commandFailures.sum(),
        contacts.sum(),
        callbacks.sum(),
        surveys.sum(),
        publishFailures.sum());
  }
}
