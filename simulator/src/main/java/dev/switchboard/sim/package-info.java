/** Switchboard simulator. */
package dev.switchboard.sim;
