package dev.switchboard.stats;

import dev.switchboard.router.api.ContactType;
import java.util.ArrayList;
import java.util.List;

/** What statistics remember of one contact. Owned by {@link StatsProjection}. */
final class ContactRecord {

  /** Where a contact is in its life. */
  enum Phase {
    QUEUED,
    OFFERED,
    TALKING,
    ENDED,
    ABANDONED,
    OVERFLOWED;

    boolean waiting() {
      return this == QUEUED || this == OFFERED;
    }

    boolean terminal() {
      return this == ENDED || this == ABANDONED || this == OVERFLOWED;
    }
  }

  static final int NOT_COUNTED = 0;
  static final int COUNTED_WAITING = 1;
  static final int COUNTED_CALLBACK = 2;

  final String id;
  String queueId;
  ContactType type;
  String callerId = "";
  long arrivedAtMs;
  Phase phase = Phase.QUEUED;
  boolean callback;
  String agentId = "";
  long offeredAtMs;
  long answeredAtMs;
  int originalPosition;
  long estimateSeconds = -1;

  /** How the contact is counted in its queue's waiting figures, and in which queue. */
  int countedAs = NOT_COUNTED;

  String countedIn;

  final List<ContactHistory.Event> events = new ArrayList<>(8);
  final List<ContactHistory.Decision> decisions = new ArrayList<>(2);

  ContactRecord(String id, String queueId, ContactType type, long arrivedAtMs) {
    this.id = id;
    this.queueId = queueId;
    this.type = type;
    this.arrivedAtMs = arrivedAtMs;
  }

  int wantedCounting() {
    if (!phase.waiting()) {
      return NOT_COUNTED;
    }
    return callback ? COUNTED_CALLBACK : COUNTED_WAITING;
  }

  String stateName() {
    if (callback && phase.waiting()) {
      return "CALLBACK";
    }
    return phase.name();
  }
}
