/** Switchboard ivr. */
package dev.switchboard.ivr;
