/**
 * Reads a tinc 1.0 net directory (tinc.conf, conf.d, hosts/NAME, -o overrides) exactly as tincd 1.0.36 does, into typed server and host settings with tincd's defaults. Errors name the file, the line and the expected form.
 */
package io.jtinc.config;
