/**
 * The Asterisk CTI adapter: AMI events in as router commands, router decisions out as AMI actions,
 * for one or several PBXs.
 *
 * <p>Entry point: {@link dev.switchboard.cti.CtiAdapter} (a {@code RouterEventListener}) built from
 * {@link dev.switchboard.cti.PbxConfiguration}s and the router's {@code CommandPublisher}. Per PBX,
 * an {@code AmiLinkAgent} owner thread connects, logs in, resynchronises and sends actions; an
 * {@code AmiEventAdapter} translates events on asterisk-java's event thread through a {@code
 * CallTracker}, which holds the contacts the router told it about and guarantees one answer and one
 * end per contact; an {@code AmiActionPublisher} turns the router's events into queued actions. The
 * custom AMI types asterisk-java 3.41 lacks ({@code DeviceStateList}, the dialplan's {@code
 * SwitchboardNoAnswer} / {@code SwitchboardAgent} user events) are registered on its extension
 * points.
 */
package dev.switchboard.cti;
