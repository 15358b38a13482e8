package dev.switchboard.stats;

import java.util.Objects;

/**
 * One line of the event log: a contact, agent or alert event with what an Asterisk-style {@code
 * queue_log} line needs.
 *
 * @param type the router event's name ({@code ContactAnswered}…) or {@code Alert}
 * @param contactId the contact, or empty
 * @param queueId the queue, or empty
 * @param agentId the agent, or empty
 * @param detail a human-readable summary
 * @param queueLogEvent the {@code queue_log} verb ({@code CONNECT}…), or empty when the event has
 *     no {@code queue_log} line
 * @param data1 first {@code queue_log} parameter, or empty
 * @param data2 second, or empty
 * @param data3 third, or empty
 */
public record EventLogRecord(
    long timeMs,
    String type,
    String contactId,
    String queueId,
    String agentId,
    String detail,
    String queueLogEvent,
    String data1,
    String data2,
    String data3) {

  public EventLogRecord {
    Objects.requireNonNull(type, "type");
    contactId = orEmpty(contactId);
    queueId = orEmpty(queueId);
    agentId = orEmpty(agentId);
    detail = orEmpty(detail);
    queueLogEvent = orEmpty(queueLogEvent);
    data1 = orEmpty(data1);
    data2 = orEmpty(data2);
    data3 = orEmpty(data3);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
