/**
 * The control socket and the dumps behind the jtinc CLI, and the USR1/USR2 log dumps.
 */
package io.jtinc.control;
