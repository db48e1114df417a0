/**
 * Command lines: jtincd (tincd 1.0.36-compatible options) and jtinc (control).
 */
package io.jtinc.cli;
