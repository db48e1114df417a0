package io.jtinc.net;

import io.jtinc.log.Log;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.jtinc.protocol.data.DataSizes;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * tincd's UDP sockets: bound to the same addresses and port as the meta listeners, because peers learn our UDP
 * endpoint from the TCP address plus the port in our ACK and send all data from that port (spec §1, §5.7).
 * SO_REUSEADDR and SO_BROADCAST as tincd; with PMTU discovery, DF is set so oversized datagrams fail locally with
 * EMSGSIZE instead of being fragmented (epoll only: NIO on JDK 17 cannot set it).
 *
 * <p>Many datagrams per syscall (issue 6): sends made between {@link #beginBatch()} and {@link #endBatch()} are
 * queued and leave together, which Netty's epoll channel turns into one sendmmsg per socket; on receive, the epoll
 * channel reads up to {@link #RECV_BATCH} datagrams with one recvmmsg. The wire format is untouched: still one
 * frame per datagram. A quiet link (a ping; issue 3) goes one datagram at a time: a datagram that is alone
 * (outside a batch, or the only one of its batch) leaves by a direct sendto ({@link DirectSender}), and a read
 * after a quiet spell takes one datagram with recvmsg ({@link ReadBuffers}). Per packet that is tincd's syscalls
 * and none of the channel's machinery. A socket whose queue is over Netty's high-water mark (the kernel said
 * EAGAIN) drops new datagrams, as tincd's sendto does, so a peer that cannot keep up never grows our memory.
 */
public final class UdpEndpoints implements AutoCloseable {
    /** Receives every datagram on the event loop; the buffer is only valid during the call. */
    @FunctionalInterface
    public interface Receiver {
        void onDatagram(ByteBuf content, InetSocketAddress sender);

        /** Before the first datagram of one read burst (one wake-up of the socket). */
        default void onBurstStart() {
        }

        /** After the last datagram of the burst: what it produced may now be flushed. */
        default void onBurstEnd() {
        }
    }

    /** Datagrams per recvmmsg; the buffer for one read is this many times the largest datagram we accept. */
    static final int RECV_BATCH = 16;
    /** Receive buffer asked for when UDPRcvBuf is not set (see deepenReceiveQueue). */
    static final int DEFAULT_RCVBUF = 1 << 20;
    /** Bytes queued on one socket beyond which new datagrams are dropped (and where sending resumes). */
    static final int SEND_QUEUE_HIGH = 512 * 1024;
    static final int SEND_QUEUE_LOW = 256 * 1024;

    private final List<Channel> channels = new ArrayList<>();
    private final LongAdder sendQueueDrops = new LongAdder();
    private final LongAdder lowTtlDrops = new LongAdder();
    private boolean ttlSettable;
    private Channel v4;
    private Channel v6;
    private DirectSender v4Direct;
    private DirectSender v6Direct;
    private final HeldDatagram held = new HeldDatagram();
    /** Datagrams that left by the direct sendto (event loop only; for tests). */
    long directSends;
    private int batchDepth;
    private boolean v4Pending;
    private boolean v6Pending;

    private UdpEndpoints() {
    }

    public static UdpEndpoints bind(Transport transport, EventLoopGroup group, List<InetSocketAddress> addresses,
                                    boolean dontFragment, Optional<Integer> rcvBuf, Optional<Integer> sndBuf,
                                    Receiver receiver) throws java.io.IOException {
        UdpEndpoints udp = new UdpEndpoints();
        for (InetSocketAddress address : addresses) {
            boolean ipv6 = address.getAddress() instanceof Inet6Address;
            Bootstrap b = new Bootstrap().group(group).channelFactory(transport.datagramChannelFactory(ipv6))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.SO_BROADCAST, true)
                    // Unflushed datagrams of one batch count against the mark too: it must hold a whole device
                    // drain (128 frames of up to ~1.6 KB), or the batch itself would look like a full socket.
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(SEND_QUEUE_LOW, SEND_QUEUE_HIGH))
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        private boolean inReadBurst;

                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            if (!inReadBurst) {
                                // Frames relayed to other nodes during one read burst leave in one sendmmsg.
                                inReadBurst = true;
                                udp.beginBatch();
                                receiver.onBurstStart();
                            }
                            receiver.onDatagram(packet.content(), packet.sender());
                        }

                        @Override
                        public void channelReadComplete(ChannelHandlerContext ctx) {
                            if (inReadBurst) {
                                inReadBurst = false;
                                receiver.onBurstEnd();
                                udp.endBatch();
                            }
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            Log.debug(Log.TRAFFIC, "Error on UDP socket: " + cause.getMessage());
                        }
                    });
            rcvBuf.ifPresent(v -> b.option(ChannelOption.SO_RCVBUF, v));
            sndBuf.ifPresent(v -> b.option(ChannelOption.SO_SNDBUF, v));
            if (transport == Transport.EPOLL) {
                if (ipv6) {
                    b.option(SocketOptions.IPV6_V6ONLY, 1);
                }
                // recvmmsg: Netty's epoll channel uses it when the read buffer holds more than one datagram of
                // at most this size. Longer datagrams would be cut, fail their MAC and be counted as bad.
                b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, DataSizes.MAX_DATAGRAM);
                b.option(ChannelOption.RCVBUF_ALLOCATOR, new ReadBuffers(DataSizes.MAX_DATAGRAM,
                        DataSizes.MAX_DATAGRAM * RECV_BATCH));
                if (dontFragment) {
                    b.option(ipv6 ? SocketOptions.IPV6_MTU_DISCOVER : SocketOptions.IP_MTU_DISCOVER,
                            SocketOptions.PMTUDISC_DO);
                }
            }
            try {
                Channel ch = b.bind(address).sync().channel();
                if (rcvBuf.isEmpty() && transport == Transport.EPOLL) {
                    deepenReceiveQueue(ch);
                }
                udp.channels.add(ch);
                DirectSender direct = DirectSender.of(ch);
                if (ipv6) {
                    udp.v6 = ch;
                    udp.v6Direct = direct;
                } else {
                    udp.v4 = ch;
                    udp.v4Direct = direct;
                }
            } catch (Exception e) {
                Log.error("Can't bind to " + Addresses.format(address.getAddress()) + " port " + address.getPort()
                        + "/udp: " + e.getMessage());
            }
        }
        udp.ttlSettable = transport == Transport.EPOLL;
        if (udp.channels.isEmpty()) {
            throw new java.io.IOException("Unable to create any UDP socket!");
        }
        return udp;
    }

    /**
     * Without UDPRcvBuf, jtincd asks for a {@value #DEFAULT_RCVBUF}-byte receive buffer instead of the OS default
     * (208 KiB), as tinc 1.1 and wireguard-go do. A JVM receiver has pauses a C one has not (the JIT at start, a
     * GC): with the OS default, a cold jtincd receiving an iperf3 run dropped 28 000 datagrams in 6 s
     * (UdpRcvbufErrors), each one a TCP retransmission inside the tunnel. SO_RCVBUFFORCE goes past rmem_max with
     * CAP_NET_ADMIN, which jtincd has for its device; without it the kernel caps SO_RCVBUF at rmem_max. The
     * memory is the kernel's and only used while datagrams wait.
     */
    private static void deepenReceiveQueue(Channel ch) {
        try {
            ch.config().setOption(SocketOptions.SO_RCVBUFFORCE, DEFAULT_RCVBUF);
        } catch (Exception e) {
            try {
                ch.config().setOption(ChannelOption.SO_RCVBUF, DEFAULT_RCVBUF);
            } catch (Exception ignored) {
                // keep the OS default
            }
        }
    }

    /**
     * Sends the datagram between {@code datagram}'s position and limit (which it consumes), as
     * {@link #send(ByteBuf, InetSocketAddress, BiConsumer)} does. A datagram that turns out to be alone, outside a
     * batch or the only one of its batch, leaves with one sendto(2) straight on the socket's fd when nothing is
     * queued ahead of it (epoll, a direct buffer, on the socket's own event loop): no copy into a pooled buffer,
     * no DatagramPacket, pipeline, outbound buffer or flush. On a quiet link (a ping) that machinery had cost more
     * of the loop's CPU per packet than the sendto itself (async-profiler, 100 pings/s through a jtincd pair; issue
     * 3's RTT gap to tincd). So the first datagram of a batch is held back (copied), not sent at once: if a second
     * one follows, both go through the channel and the batch leaves in one sendmmsg as before. Sending the first at
     * once had split every burst in two at the receiver, which cost a TCP stream through a jtincd pair 9% of its
     * throughput and 11% more CPU per GB.
     */
    public void send(ByteBuffer datagram, InetSocketAddress to, BiConsumer<Integer, Throwable> onError) {
        Channel ch = socketFor(to);
        if (ch == null) {
            datagram.position(datagram.limit());
            return;
        }
        DirectSender direct = directFor(ch);
        boolean lone = direct != null && datagram.isDirect() && ch.eventLoop().inEventLoop();
        if (lone && batchDepth == 0) {
            sendAlone(ch, direct, datagram, to, onError);
            return;
        }
        if (lone && held.isEmpty() && !pendingOn(ch) && held.hold(ch, datagram, to, onError)) {
            return;
        }
        releaseHeldToChannel();
        send(copy(ch, datagram), to, onError);
    }

    /** By the direct sendto when nothing is queued on the socket and the kernel takes it, else by the channel. */
    private void sendAlone(Channel ch, DirectSender direct, ByteBuffer datagram, InetSocketAddress to,
                           BiConsumer<Integer, Throwable> onError) {
        if (direct.nothingQueued()) {
            int length = datagram.remaining();
            try {
                if (direct.sendTo(datagram, to)) {
                    datagram.position(datagram.limit());
                    directSends++;
                    return;
                }
                // EAGAIN: the kernel's queue is full; the channel queues it and waits for EPOLLOUT.
            } catch (IOException e) {
                datagram.position(datagram.limit());
                if (onError != null) {
                    onError.accept(length, e);
                } else {
                    Log.debug(Log.TRAFFIC, "Error on UDP socket: " + e.getMessage());
                }
                return;
            }
        }
        send(copy(ch, datagram), to, onError);
    }

    /** A held datagram goes through its channel (queued in the batch), ahead of whatever is sent next. */
    private void releaseHeldToChannel() {
        if (!held.isEmpty()) {
            Channel ch = held.channel();
            send(copy(ch, held.datagram()), held.to(), held.onError());
            held.clear();
        }
    }

    private static ByteBuf copy(Channel ch, ByteBuffer datagram) {
        ByteBuf buf = ch.alloc().directBuffer(datagram.remaining());
        buf.writeBytes(datagram);
        return buf;
    }

    /**
     * Sends one datagram from the socket of the destination's family (with only a dual-stack :: socket, that one).
     * Takes ownership of the buffer. A send failure (EMSGSIZE with DF set) goes to onError with the length sent.
     */
    public void send(ByteBuf data, InetSocketAddress to, BiConsumer<Integer, Throwable> onError) {
        Channel ch = socketFor(to);
        if (ch == null) {
            data.release();
            return;
        }
        if (!ch.isWritable()) {
            sendQueueDrops.increment();
            data.release();
            return;
        }
        int length = data.readableBytes();
        DatagramPacket packet = new DatagramPacket(data, to);
        if (onError == null) {
            ch.write(packet, ch.voidPromise());
        } else {
            ch.write(packet).addListener(f -> {
                if (!f.isSuccess()) {
                    onError.accept(length, f.cause());
                }
            });
        }
        if (batchDepth > 0) {
            setPending(ch, true);
        } else {
            ch.flush();
        }
    }

    private Channel socketFor(InetSocketAddress to) {
        return to.getAddress() instanceof Inet4Address ? (v4 != null ? v4 : v6) : v6;
    }

    private DirectSender directFor(Channel ch) {
        return ch == v4 ? v4Direct : v6Direct;
    }

    /** Whether the socket has datagrams written in the open batch and not flushed yet. */
    private boolean pendingOn(Channel ch) {
        return ch == v4 ? v4Pending : v6Pending;
    }

    private void setPending(Channel ch, boolean pending) {
        if (ch == v4) {
            v4Pending = pending;
        } else {
            v6Pending = pending;
        }
    }

    /** Whether {@link #sendWithTtl} works: epoll only, the JDK's NIO has no unicast TTL option. */
    public boolean ttlSettable() {
        return ttlSettable;
    }

    /**
     * Sends one datagram with IP TTL (or IPv6 hop limit) {@code ttl}, then restores the default, on the event
     * loop. The socket option applies at sendmsg time, so the datagram must leave in this flush: datagrams of an
     * open batch on that socket are flushed first (with the default TTL), and when the kernel's send queue is
     * backed up (Netty still holds datagrams) the punch is dropped and counted rather than sent later with the
     * wrong TTL. Takes ownership of the buffer. {@code onError} (may be null) as for {@link #send}: MTU probes
     * go this way during a punch window, and their EMSGSIZE is what PMTU discovery learns the local limit from.
     */
    public void sendWithTtl(ByteBuf data, InetSocketAddress to, int ttl, BiConsumer<Integer, Throwable> onError) {
        boolean ipv4 = to.getAddress() instanceof Inet4Address;
        Channel ch = socketFor(to);
        if (ch == null || !ttlSettable) {
            data.release();
            return;
        }
        releaseHeldToChannel();
        if (pendingOn(ch)) {
            ch.flush();
            setPending(ch, false);
        }
        io.netty.channel.ChannelOutboundBuffer queued = ch.unsafe().outboundBuffer();
        if (!ch.isWritable() || (queued != null && !queued.isEmpty())) {
            lowTtlDrops.increment();
            data.release();
            return;
        }
        // IP_TTL also governs IPv4 datagrams sent from a dual-stack IPv6 socket.
        io.netty.channel.unix.IntegerUnixChannelOption option = ipv4 ? SocketOptions.IP_TTL
                : SocketOptions.IPV6_UNICAST_HOPS;
        try {
            ch.config().setOption(option, ttl);
            int length = data.readableBytes();
            if (onError == null) {
                ch.writeAndFlush(new DatagramPacket(data, to), ch.voidPromise());
            } else {
                ch.writeAndFlush(new DatagramPacket(data, to)).addListener(f -> {
                    if (!f.isSuccess()) {
                        onError.accept(length, f.cause());
                    }
                });
            }
        } finally {
            ch.config().setOption(option, SocketOptions.DEFAULT_TTL);
        }
    }

    /** Low-TTL datagrams dropped because the socket still had queued datagrams. */
    public long lowTtlDrops() {
        return lowTtlDrops.sum();
    }

    /** Holds back the flush of sends until the matching {@link #endBatch()}; nests. Event loop only. */
    public void beginBatch() {
        batchDepth++;
    }

    /** Ends a batch: the outermost end flushes every socket that has queued datagrams. */
    public void endBatch() {
        if (batchDepth == 0 || --batchDepth > 0) {
            return;
        }
        if (!held.isEmpty()) {
            // The batch held one datagram only: nothing is queued on its socket, so it may go by the direct path.
            Channel ch = held.channel();
            sendAlone(ch, directFor(ch), held.datagram(), held.to(), held.onError());
            held.clear();
        }
        if (v4Pending) {
            v4Pending = false;
            v4.flush();
        }
        if (v6Pending) {
            v6Pending = false;
            v6.flush();
        }
    }

    /** Datagrams dropped because the socket's send queue was full. */
    public long sendQueueDrops() {
        return sendQueueDrops.sum();
    }

    public io.netty.buffer.ByteBufAllocator alloc() {
        return channels.get(0).alloc();
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
    }
}
