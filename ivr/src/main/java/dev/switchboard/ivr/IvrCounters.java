package dev.switchboard.ivr;

/**
 * What the IVR has done since it started, read at one moment (for metrics and tests).
 *
 * @param connectionsAccepted FastAGI connections from allowed addresses
 * @param connectionsRefused connections refused: address not allowed, or a {@code pbx} parameter
 *     that does not match it
 * @param sessionsCompleted sessions whose script ran to its end (return, hang-up, transfer)
 * @param callerHangups sessions ended because the caller hung up
 * @param connectionsLost sessions ended because the PBX closed the socket or stopped answering
 * @param protocolErrors sessions ended because of bytes that are not AGI, or a bad request
 * @param commandFailures sessions ended because Asterisk refused a command (510/511/520)
 * @param contactsPublished {@code ContactArrived} accepted by the router
 * @param callbacksRequested {@code CallbackRequested} accepted by the router
 * @param surveysRecorded {@code SurveyRecorded} accepted by the router
 * @param publishFailures commands the router would not take (ring full, stopped)
 */
public record IvrCounters(
    long connectionsAccepted,
    long connectionsRefused,
    long sessionsCompleted,
    long callerHangups,
    long connectionsLost,
    long protocolErrors,
    long commandFailures,
    long contactsPublished,
    long callbacksRequested,
    long surveysRecorded,
    long publishFailures) {}
