/** Switchboard stats. */
package dev.switchboard.stats;
