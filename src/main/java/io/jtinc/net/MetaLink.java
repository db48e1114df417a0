package io.jtinc.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The transport's side of one TCP meta connection, as the node core sees it: Netty in the daemon, an in-memory
 * pipe in the two-node unit test. All calls on the owning event loop.
 */
public interface MetaLink {
    boolean outgoing();

    InetSocketAddress remoteAddress();

    /** The local end of the connection, or null when there is none (in-memory links). */
    default InetSocketAddress localAddress() {
        return null;
    }

    /** Queues bytes (already encrypted by the protocol core) and flushes. The buffer is not kept. */
    void send(ByteBuffer bytes);

    /** Bytes queued but not yet accepted by the kernel: tincd's outbuf, for PACKET's random early drop. */
    long pendingOutboundBytes();

    void close();

    /** 1.0.35+: a failed connection is parked, not closed (spec §2.3). */
    void tarpit();

    boolean isOpen();
}
