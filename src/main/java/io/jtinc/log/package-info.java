/**
 * Logging with tincd's debug-level semantics and message texts; sinks for stderr, a log file and syslog.
 */
package io.jtinc.log;
