package dev.switchboard.cti;

import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one PBX link, written from asterisk-java's event thread, the link thread and
 * the router's dispatch thread; read as a {@link CtiCounters} snapshot.
 */
final class CtiMetrics {
  final LongAdder eventsReceived = new LongAdder();
  final LongAdder eventsTranslated = new LongAdder();
  final LongAdder eventsIgnored = new LongAdder();
  final LongAdder eventsMalformed = new LongAdder();
  final LongAdder wireEvents = new LongAdder();
  final LongAdder eventsUnknownChannel = new LongAdder();
  final LongAdder eventsDuplicate = new LongAdder();
  final LongAdder commandsRetried = new LongAdder();
  final LongAdder commandsDropped = new LongAdder();
  final LongAdder actionsSent = new LongAdder();
  final LongAdder actionsFailed = new LongAdder();
  final LongAdder contactsLostInOutage = new LongAdder();

  /** When the link last read a line ({@link System#nanoTime()}): the link's proof of life. */
  volatile long lastReadNanos = System.nanoTime();

  /** Counts one translation outcome. */
  void count(Translation.Outcome outcome) {
    switch (outcome) {
      case TRANSLATED -> eventsTranslated.increment();
      case IGNORED -> eventsIgnored.increment();
      case MALFORMED -> eventsMalformed.increment();
      case UNKNOWN_CHANNEL -> eventsUnknownChannel.increment();
      case DUPLICATE -> eventsDuplicate.increment();
    }
  }

  CtiCounters snapshot() {
    long received = eventsReceived.sum();
    // Frames read off the wire that never became an event object: asterisk-java has no class for
    // their type (or they had no Event name). Events are counted on the wire before they are
    // dispatched, so the difference is exact once the link is quiet.
    long unknownType = Math.max(0, wireEvents.sum() - received);
    return new CtiCounters(
        received,
        eventsTranslated.sum(),
        eventsIgnored.sum(),
        eventsMalformed.sum(),
        unknownType,
        eventsUnknownChannel.sum(),
        eventsDuplicate.sum(),
        commandsRetried.sum(),
        commandsDropped.sum(),
        actionsSent.sum(),
        actionsFailed.sum(),
        contactsLostInOutage.sum());
  }
}
