/** Switchboard bench. */
package dev.switchboard.bench;
