package io.jtinc.net;

import io.jtinc.log.Log;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * tincd's UDP sockets: bound to the same addresses and port as the meta listeners, because peers learn our UDP
 * endpoint from the TCP address plus the port in our ACK and send all data from that port (spec §1, §5.7).
 * SO_REUSEADDR and SO_BROADCAST as tincd; with PMTU discovery, DF is set so oversized datagrams fail locally with
 * EMSGSIZE instead of being fragmented (epoll only: NIO on JDK 17 cannot set it).
 */
public final class UdpEndpoints implements AutoCloseable {
    /** Receives every datagram on the event loop; the buffer is only valid during the call. */
    @FunctionalInterface
    public interface Receiver {
        void onDatagram(ByteBuf content, InetSocketAddress sender);
    }

    private final List<Channel> channels = new ArrayList<>();
    private Channel v4;
    private Channel v6;

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
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            receiver.onDatagram(packet.content(), packet.sender());
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
                if (dontFragment) {
                    b.option(ipv6 ? SocketOptions.IPV6_MTU_DISCOVER : SocketOptions.IP_MTU_DISCOVER,
                            SocketOptions.PMTUDISC_DO);
                }
            }
            try {
                Channel ch = b.bind(address).sync().channel();
                udp.channels.add(ch);
                if (ipv6) {
                    udp.v6 = ch;
                } else {
                    udp.v4 = ch;
                }
            } catch (Exception e) {
                Log.error("Can't bind to " + Addresses.format(address.getAddress()) + " port " + address.getPort()
                        + "/udp: " + e.getMessage());
            }
        }
        if (udp.channels.isEmpty()) {
            throw new java.io.IOException("Unable to create any UDP socket!");
        }
        return udp;
    }

    /**
     * Sends one datagram from the socket of the destination's family (with only a dual-stack :: socket, that one).
     * Takes ownership of the buffer. A send failure (EMSGSIZE with DF set) goes to onError with the length sent.
     */
    public void send(ByteBuf data, InetSocketAddress to, BiConsumer<Integer, Throwable> onError) {
        Channel ch = to.getAddress() instanceof Inet4Address ? (v4 != null ? v4 : v6) : v6;
        if (ch == null) {
            data.release();
            return;
        }
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
    }

    public io.netty.buffer.ByteBufAllocator alloc() {
        return channels.get(0).alloc();
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
    }
}
