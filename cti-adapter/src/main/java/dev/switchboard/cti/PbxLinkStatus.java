package dev.switchboard.cti;

/**
 * A snapshot of one PBX link.
 *
 * @param pbxId the PBX id
 * @param state connecting, up or down
 * @param sinceMs when the link entered {@code state}, epoch milliseconds
 * @param reconnects connection attempts after the first one (failed logins and drops both count)
 * @param counters what this link translated and sent so far
 */
public record PbxLinkStatus(
    String pbxId, LinkState state, long sinceMs, long reconnects, CtiCounters counters) {}
