/** Switchboard router. */
package dev.switchboard.router;
