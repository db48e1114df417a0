/**
 * Wiring and lifecycle of jtincd: start-up order, pidfile, detaching, signals, shutdown order (tinc-down before the device closes).
 */
package io.jtinc.daemon;
