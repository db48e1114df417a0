/**
 * Build-time documentation: man pages (troff) and bash completion scripts generated from the picocli command
 * models of jtinc and jtincd, run by the build (exec-maven-plugin) and shipped in the Debian package. Nothing here
 * runs in the daemon.
 */
package io.jtinc.docs;
