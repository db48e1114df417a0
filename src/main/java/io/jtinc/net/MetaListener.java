package io.jtinc.net;

import io.jtinc.log.Log;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The TCP side of tincd's listening sockets: one per address (by default 0.0.0.0 and ::, IPv6 with V6ONLY as
 * tincd does, spec §1). Accepted connections get TCP_NODELAY; from the 10th accept within a second on they go
 * straight to the tarpit.
 */
public final class MetaListener implements AutoCloseable {
    private final List<Channel> channels = new ArrayList<>();

    private MetaListener() {
    }

    /**
     * Binds every address; a bind failure of one address is logged and skipped as in tincd, but when nothing could
     * be bound the start fails.
     */
    public static MetaListener bind(Transport transport, EventLoopGroup group, List<InetSocketAddress> addresses,
                                    Tarpit tarpit, AcceptThrottle throttle, LongSupplier clock,
                                    Function<MetaLink, MetaSession> accepted) throws java.io.IOException {
        MetaListener listener = new MetaListener();
        for (InetSocketAddress address : addresses) {
            boolean ipv6 = address.getAddress() instanceof java.net.Inet6Address;
            ServerBootstrap b = new ServerBootstrap().group(group)
                    .channelFactory(transport.serverChannelFactory(ipv6))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            MetaLink link = new NettyMetaLink(ch, false, tarpit);
                            if (throttle.tooMany(clock.getAsLong())) {
                                Log.debug(Log.CONNECTIONS, "Too many connections per second, tarpitting "
                                        + ch.remoteAddress());
                                tarpit.park(ch);
                                return;
                            }
                            ch.pipeline().addLast(new MetaChannelHandler(accepted.apply(link)));
                        }
                    });
            if (ipv6 && transport == Transport.EPOLL) {
                b.option(SocketOptions.IPV6_V6ONLY, 1);
            }
            try {
                Channel ch = b.bind(address).sync().channel();
                listener.channels.add(ch);
                Log.notice("Listening on " + Addresses.format(address.getAddress()) + " port " + address.getPort());
            } catch (Exception e) {
                Log.error("Can't bind to " + Addresses.format(address.getAddress()) + " port " + address.getPort()
                        + "/tcp: " + e.getMessage());
            }
        }
        if (listener.channels.isEmpty()) {
            throw new java.io.IOException("Unable to create any listening socket!");
        }
        return listener;
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
    }
}
