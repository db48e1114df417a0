package io.jtinc.node;

import io.jtinc.net.MetaLink;
import io.jtinc.net.MetaSession;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One end of an in-memory "TCP connection" between two node cores on a {@link SimLoop}: bytes sent are copied
 * and delivered to the other end's session as a later loop task, in order; closing delivers onClosed to both
 * ends. tarpit() is a silent close, as far as the peer can tell (the real tarpit just stops reading).
 */
final class InMemoryMetaLink implements MetaLink {
    private final SimLoop loop;
    private final boolean outgoing;
    private final InetSocketAddress remote;
    private final long latencyMillis;
    private InMemoryMetaLink other;
    private MetaSession session;
    private boolean open = true;
    private boolean tarpitted;
    private boolean blackholed;

    private InMemoryMetaLink(SimLoop loop, boolean outgoing, InetSocketAddress remote, long latencyMillis) {
        this.loop = loop;
        this.latencyMillis = latencyMillis;
        this.outgoing = outgoing;
        this.remote = remote;
    }

    /**
     * [0] is the connecting side (its remote is {@code acceptorAddress}), [1] the accepting side. Bytes arrive
     * {@code latencyMillis} after they were sent, in order.
     */
    static InMemoryMetaLink[] pair(SimLoop loop, InetSocketAddress connectorAddress,
                                   InetSocketAddress acceptorAddress, long latencyMillis) {
        InMemoryMetaLink a = new InMemoryMetaLink(loop, true, acceptorAddress, latencyMillis);
        InMemoryMetaLink b = new InMemoryMetaLink(loop, false, connectorAddress, latencyMillis);
        a.other = b;
        b.other = a;
        return new InMemoryMetaLink[] {a, b};
    }

    /** The session the core returned for this end; deliveries queued before this are run after it is set. */
    void attach(MetaSession s) {
        this.session = Objects.requireNonNull(s);
    }

    @Override
    public boolean outgoing() {
        return outgoing;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void send(ByteBuffer bytes) {
        if (!open || blackholed) {
            return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        InMemoryMetaLink to = other;
        loop.schedule(latencyMillis, () -> {
            if (to.open && to.session != null) {
                to.session.onBytes(Unpooled.wrappedBuffer(copy));
            }
        });
    }

    @Override
    public long pendingOutboundBytes() {
        return 0;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        other.open = false;
        for (InMemoryMetaLink end : new InMemoryMetaLink[] {this, other}) {
            loop.execute(() -> {
                if (end.session != null) {
                    end.session.onClosed();
                }
            });
        }
    }

    @Override
    public void tarpit() {
        tarpitted = true;
        close();
    }

    /** From now on, what this end sends is lost without a trace (a dead path; TCP would just retransmit). */
    void blackhole() {
        blackholed = true;
    }

    boolean tarpitted() {
        return tarpitted;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String toString() {
        return "mem:" + remote;
    }
}
