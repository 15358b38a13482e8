package dev.switchboard.router.journal;

import dev.switchboard.router.api.Command;

/**
 * One journaled command with the time the router applied it at.
 *
 * @param timestampMs the command's timestamp after clamping (epoch ms, never decreasing)
 * @param command the command
 */
public record JournalEntry(long timestampMs, Command command) {}
