package io.jtinc.protocol.meta;

import java.nio.ByteBuffer;

/** What a {@link MetaConnection} asks its owner to do, in order. */
public sealed interface MetaAction {
    /** Write these bytes to the socket, in order (already encrypted when the stream is). The buffer is the caller's. */
    record Send(ByteBuffer bytes) implements MetaAction {
    }

    /**
     * The peer's ACK was accepted: the connection is active. The owner now must, in this order (spec §3.8): close
     * an older connection to the same node, send everything it knows (ADD_SUBNET/ADD_EDGE), create the edge
     * myself→peer from {@code info} and send its ADD_EDGE to every active connection, recompute the graph.
     */
    record Activated(PeerInfo info) implements MetaAction {
    }

    /**
     * A request for the gossip/key layer (ADD_/DEL_SUBNET, ADD_/DEL_EDGE, KEY_CHANGED, REQ_KEY, ANS_KEY), already
     * validated syntactically. {@code rawLine} is the exact received line without newline (ISO-8859-1, one char per
     * byte): forward flooded lines with exactly this text.
     */
    record Request(RequestType type, String rawLine, MetaRequest request) implements MetaAction {
    }

    /** A frame that arrived as a PACKET request after activation; route it with source = this connection's node. */
    record Packet(ByteBuffer frame) implements MetaAction {
    }

    /** A PONG arrived (tincd resets the outgoing connection's reconnect back-off on every PONG). */
    record PongReceived() implements MetaAction {
    }

    /**
     * Stop using the connection; always the last action, nothing follows. {@code reason} is tincd's log text (log
     * it at error level for protocol errors). {@code tarpit}: park the socket instead of closing it (tincd 1.0.35+
     * does so for every protocol error and authentication timeout); false for a PING timeout.
     * {@code rejection} says which counter was incremented.
     */
    record Close(String reason, boolean tarpit, Rejection rejection) implements MetaAction {
    }

    /**
     * A responder's first line named "?ID" (tinc 1.1's invitation form): not a tinc peer but a node enrolling by
     * invitation (a jtinc extension). The connection leaves the meta protocol; the owner hands {@code firstLine}
     * and the bytes received after it ({@code rest}) to the invitation handler, which never grants mesh
     * privileges. Always the last action.
     */
    record Invitation(String firstLine, byte[] rest) implements MetaAction {
    }
}
