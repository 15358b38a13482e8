/** Switchboard server. */
package dev.switchboard.server;
