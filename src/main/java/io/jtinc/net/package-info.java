/**
 * Netty transport: listeners, meta connections, UDP sockets, outgoing connections and back-off. Filled by the protocol issue.
 */
package io.jtinc.net;
