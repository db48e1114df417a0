/**
 * The data channel (UDP): packet codec, replay window, PMTU discovery and the TCP PACKET fallback. Filled by the protocol issue.
 */
package io.jtinc.protocol.data;
