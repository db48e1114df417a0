package io.jtinc.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The choice between Netty's native epoll transport (x86_64, aarch64) and NIO (everything else; Netty ships no
 * epoll native for 32-bit ARM, netty#7367), made once per process so every channel and the device agree with the
 * event loop they are registered on.
 */
public enum Transport {
    EPOLL, NIO;

    public static Transport detect() {
        if (Boolean.getBoolean("jtinc.forceNio")) {
            return NIO;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public MultiThreadIoEventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    }

    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * A listening socket of the address's own family. Netty's epoll transport otherwise opens AF_INET6 sockets
     * for IPv4 addresses too, and such a socket bound to 0.0.0.0 collides with the separate V6ONLY :: socket
     * that tincd's layout needs (both binds were seen failing with EADDRINUSE).
     */
    public io.netty.channel.ChannelFactory<ServerChannel> serverChannelFactory(boolean ipv6) {
        if (this == EPOLL) {
            SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
            return () -> new EpollServerSocketChannel(family);
        }
        return NioServerSocketChannel::new;
    }

    /** As {@link #serverChannelFactory} for the UDP sockets. */
    public io.netty.channel.ChannelFactory<DatagramChannel> datagramChannelFactory(boolean ipv6) {
        if (this == EPOLL) {
            SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
            return () -> new EpollDatagramChannel(family);
        }
        return NioDatagramChannel::new;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }
}
