package dev.switchboard.server.config;

/**
 * The FastAGI listener the IVR runs on ({@code agi}).
 *
 * @param bindAddress address to listen on (loopback unless configured)
 * @param port TCP port (4573 is FastAGI's usual port; 0 = any free port)
 */
public record AgiListenerConfiguration(String bindAddress, int port) {}
