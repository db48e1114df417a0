package io.jtinc.net;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A meta connection over a Netty TCP channel. Loop-confined. */
final class NettyMetaLink implements MetaLink {
    private final Channel channel;
    private final boolean outgoing;
    private final Tarpit tarpit;
    /** A flush is scheduled for the end of this wake-up (loop-confined, like the link). */
    private boolean flushPending;

    NettyMetaLink(Channel channel, boolean outgoing, Tarpit tarpit) {
        this.channel = channel;
        this.outgoing = outgoing;
        this.tarpit = tarpit;
    }

    @Override
    public boolean outgoing() {
        return outgoing;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Queues bytes (already encrypted by the protocol core); one flush per event-loop wake-up carries everything
     * queued in it. A hub that 1000 Pis join sends each newcomer the whole graph and every other Pi each new edge:
     * a write(2) per line was millions of system calls.
     */
    @Override
    public void send(ByteBuffer bytes) {
        if (!channel.isActive()) {
            return;
        }
        io.netty.buffer.ByteBuf out = channel.alloc().buffer(bytes.remaining());
        out.writeBytes(bytes);
        if (!channel.eventLoop().inEventLoop()) {
            channel.writeAndFlush(out, channel.voidPromise());
            return;
        }
        channel.write(out, channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            channel.eventLoop().execute(this::flushQueued);
        }
    }

    private void flushQueued() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    /** Bytes written but not yet accepted by the kernel: tincd's outbuf, for PACKET's random early drop. */
    @Override
    public long pendingOutboundBytes() {
        return channel.unsafe().outboundBuffer() == null ? 0 : channel.unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    @Override
    public void close() {
        flushQueued(); // what we queued last (an ERROR, a final line) still goes out before the FIN
        channel.close();
    }

    /** 1.0.35+: a failed connection is parked, not closed (spec §2.3). */
    @Override
    public void tarpit() {
        flushQueued();
        tarpit.park(channel);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public String toString() {
        return String.valueOf(channel.remoteAddress());
    }
}
