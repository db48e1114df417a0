package io.jtinc.net;

import io.netty.channel.unix.IntegerUnixChannelOption;

/**
 * Raw socket options Netty has no named constant for (epoll transport only; Linux values, the same on every
 * architecture we build for).
 */
final class SocketOptions {
    private SocketOptions() {
    }

    /**
     * tincd listens on 0.0.0.0 and :: separately with V6ONLY on the IPv6 socket (spec §1); without it the second
     * bind to the same port fails. On NIO (no raw options) we bind :: dual-stack alone instead.
     */
    static final IntegerUnixChannelOption IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);

    /** IP_MTU_DISCOVER = IP_PMTUDISC_DO: DF set, EMSGSIZE reported locally, as tincd's UDP sockets (§5.7). */
    static final IntegerUnixChannelOption IP_MTU_DISCOVER = new IntegerUnixChannelOption("IP_MTU_DISCOVER", 0, 10);
    static final IntegerUnixChannelOption IPV6_MTU_DISCOVER = new IntegerUnixChannelOption("IPV6_MTU_DISCOVER", 41, 23);
    static final int PMTUDISC_DO = 2;

    /** Unicast TTL / hop limit for hole punches; -1 restores the system default (Linux ip(7), ipv6(7)). */
    static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", 0, 2);
    static final IntegerUnixChannelOption IPV6_UNICAST_HOPS = new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", 41, 16);
    static final int DEFAULT_TTL = -1;

    /** SO_RCVBUFFORCE: SO_RCVBUF beyond net.core.rmem_max, allowed with CAP_NET_ADMIN (socket(7)). */
    static final IntegerUnixChannelOption SO_RCVBUFFORCE = new IntegerUnixChannelOption("SO_RCVBUFFORCE", 1, 33);
}
