package io.jtinc.node;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.IntConsumer;

/** Where the node core's data goes: the virtual device and the UDP socket(s). Called on the owning loop. */
public interface Outputs {
    /** Writes one Ethernet frame (position..limit) to the local device; the buffer is not kept. */
    void writeDevice(ByteBuffer frame);

    /**
     * Sends one datagram (position..limit) from our UDP port; the buffer is not kept. {@code onTooBig}, when not
     * null, is told the frame length if the kernel refuses the datagram as too big (EMSGSIZE with DF).
     */
    void sendUdp(ByteBuffer datagram, InetSocketAddress to, IntConsumer onTooBig);

    /** Whether {@link #sendUdpWithTtl} can set a per-datagram IP TTL (hole punching needs it). */
    default boolean lowTtlSupported() {
        return false;
    }

    /**
     * Sends one datagram with IP TTL (IPv6 hop limit) {@code ttl} instead of the default; may drop it.
     * {@code onTooBig} as for {@link #sendUdp}.
     */
    default void sendUdpWithTtl(ByteBuffer datagram, InetSocketAddress to, int ttl, IntConsumer onTooBig) {
        sendUdp(datagram, to, onTooBig);
    }
}
