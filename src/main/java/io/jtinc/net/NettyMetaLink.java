package io.jtinc.net;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A meta connection over a Netty TCP channel. Loop-confined. */
final class NettyMetaLink implements MetaLink {
    private final Channel channel;
    private final boolean outgoing;
    private final Tarpit tarpit;

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

    /** Queues bytes (already encrypted by the protocol core) and flushes. */
    @Override
    public void send(ByteBuffer bytes) {
        if (channel.isActive()) {
            io.netty.buffer.ByteBuf out = channel.alloc().buffer(bytes.remaining());
            out.writeBytes(bytes);
            channel.writeAndFlush(out, channel.voidPromise());
        }
    }

    /** Bytes written but not yet accepted by the kernel: tincd's outbuf, for PACKET's random early drop. */
    @Override
    public long pendingOutboundBytes() {
        return channel.unsafe().outboundBuffer() == null ? 0 : channel.unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    @Override
    public void close() {
        channel.close();
    }

    /** 1.0.35+: a failed connection is parked, not closed (spec §2.3). */
    @Override
    public void tarpit() {
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
