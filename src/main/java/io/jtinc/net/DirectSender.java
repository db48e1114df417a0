package io.jtinc.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.Buffer;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One sendto(2) straight on an epoll datagram channel's socket, beside the channel (see
 * {@link UdpEndpoints#send(ByteBuffer, InetSocketAddress, java.util.function.BiConsumer)}). Netty's own JNI call, the
 * one its channel makes for a single datagram, so the socket options (DF, TTL) and the address conversion are the
 * channel's. Only while the channel holds nothing unsent, or a datagram could overtake one queued before it.
 */
final class DirectSender {
    private final Channel channel;
    private final Socket socket;

    private DirectSender(Channel channel, Socket socket) {
        this.channel = channel;
        this.socket = socket;
    }

    /** For an epoll datagram channel; null for any other (NIO), which keeps the channel's path. */
    static DirectSender of(Channel channel) {
        if (channel instanceof EpollDatagramChannel epoll) {
            FileDescriptor fd = epoll.fd();
            if (fd instanceof Socket socket) {
                return new DirectSender(channel, socket);
            }
        }
        return null;
    }

    /** Whether the channel has no datagram waiting to be written (flushed or not). Event loop only. */
    boolean nothingQueued() {
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        return queued != null && queued.totalPendingWriteBytes() == 0 && channel.isActive();
    }

    /**
     * Sends {@code datagram}'s remaining bytes (a direct buffer; its position is left alone). True when the
     * kernel took it, false on EAGAIN (nothing sent); any other error is thrown, with Netty's message (EMSGSIZE
     * reads "Message too long").
     */
    boolean sendTo(ByteBuffer datagram, InetSocketAddress to) throws IOException {
        return socket.sendToAddress(Buffer.memoryAddress(datagram), datagram.position(), datagram.limit(),
                to.getAddress(), to.getPort()) > 0;
    }
}
