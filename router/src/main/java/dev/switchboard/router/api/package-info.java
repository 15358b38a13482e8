/**
 * What the rest of Switchboard may import from the router: the commands it takes in ({@link
 * dev.switchboard.router.api.Command}), the events it sends out ({@link
 * dev.switchboard.router.api.RouterEvent}), the configuration values they carry, and the ports
 * through which adapters talk to it ({@link dev.switchboard.router.api.CommandPublisher}, {@link
 * dev.switchboard.router.api.RouterEventListener}, {@link
 * dev.switchboard.router.api.WaitEstimator}).
 *
 * <p>Identifiers are plain strings chosen by the adapters: a contact id is unique across PBXs (the
 * CTI adapter prefixes the channel's {@code Uniqueid} with the PBX id), an agent id and a queue id
 * come from the configuration. Times are epoch milliseconds taken from the command that caused
 * them; nothing in the router reads a clock.
 */
package dev.switchboard.router.api;
