/** Switchboard cti-adapter. */
package dev.switchboard.cti;
