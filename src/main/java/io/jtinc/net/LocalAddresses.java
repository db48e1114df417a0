package io.jtinc.net;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses currently assigned to this host's interfaces. A Pi that roams (a new DHCP lease, another Wi-Fi)
 * loses the address its meta connection is bound to; the kernel keeps such a TCP socket open but nothing comes
 * back to it, and tincd only notices at the next PING, up to PingInterval + PingTimeout later (65 s by default),
 * with the node unreachable in between. Comparing the socket's local address with this set finds it at once.
 * Enumerating interfaces is a netlink round trip: call it off the event loop.
 */
public final class LocalAddresses {
    private LocalAddresses() {
    }

    /** Every address of every interface, or empty when the kernel could not be asked. */
    public static Optional<Set<InetAddress>> current() {
        try {
            Set<InetAddress> out = new HashSet<>();
            NetworkInterface.networkInterfaces().forEach(nif -> nif.inetAddresses().forEach(out::add));
            return Optional.of(out);
        } catch (SocketException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when {@code local} is a specific address (not a wildcard) that is no longer in {@code assigned}. */
    public static boolean vanished(InetAddress local, Set<InetAddress> assigned) {
        return local != null && !local.isAnyLocalAddress() && !assigned.contains(local);
    }
}
