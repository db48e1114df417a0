/**
 * The meta protocol (TCP): request line codec and the sans-IO authentication and request state machine (ID, METAKEY, CHALLENGE, CHAL_REPLY, ACK, then gossip). Filled by the protocol issue.
 */
package io.jtinc.protocol.meta;
