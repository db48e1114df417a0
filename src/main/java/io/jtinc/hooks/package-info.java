/**
 * Runs tinc's scripts (tinc-up/down, host-up/down, hosts/NAME-up/down, subnet-up/down) off the event loop, with tincd's environment and a timeout.
 */
package io.jtinc.hooks;
