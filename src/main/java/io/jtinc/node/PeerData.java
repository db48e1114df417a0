package io.jtinc.node;

import io.jtinc.protocol.data.HolePunch;
import io.jtinc.protocol.data.PacketDecoder;
import io.jtinc.protocol.data.PacketEncoder;
import io.jtinc.protocol.data.PmtuProber;
import java.net.InetSocketAddress;

/**
 * The data-channel state we keep for one other node (tincd's node_t data fields): its UDP address, the key it
 * gave us (to encrypt what we send it), the key we gave it (to check what it sends us), and PMTU discovery.
 * Loop-confined.
 */
final class PeerData {
    final String name;
    InetSocketAddress udpAddress;
    /** From the node's ANS_KEY: what we encrypt with. Null until validkey. */
    PacketEncoder outbound;
    /** Our key for the node, from our last ANS_KEY to it: what we decrypt with. */
    PacketDecoder inbound;
    /**
     * The key before {@link #inbound}, kept for a few seconds after a renewal: datagrams the node encrypted before
     * our new ANS_KEY reached it are still in flight. tincd drops them; accepting them (MAC and replay window still
     * checked) keeps key renewals lossless.
     */
    PacketDecoder previousInbound;
    long previousInboundUntil;
    long lastReqKeyMillis = Long.MIN_VALUE / 2;
    PmtuProber prober;
    /**
     * Frames this node sent us (data, after MAC and decryption, UDP or TCP) and frames we sent to it as their
     * destination (tinc 1.1's node in/out counters, shown by jtinc top and Prometheus). Plain longs: only the loop
     * writes them, and views are built on the loop.
     */
    long inPackets;
    long inBytes;
    long outPackets;
    long outBytes;
    /** Low-TTL hole punching towards {@link #udpAddress} (jtinc extension, used only when enabled). */
    final HolePunch punch = new HolePunch();

    PeerData(String name) {
        this.name = name;
    }

    boolean validKey() {
        return outbound != null;
    }

    /** The largest frame known to pass over UDP; 0 before PMTU discovery has a result (§5.2 step 2). */
    int minMtu() {
        return prober == null ? 0 : prober.minMtu();
    }

    int mtu() {
        return prober == null ? 1518 : prober.mtu();
    }

    void dropOutboundKey() {
        if (outbound != null) {
            outbound.close();
            outbound = null;
        }
    }

    void dropInboundKey() {
        if (inbound != null) {
            inbound.close();
            inbound = null;
        }
        dropPreviousInbound();
    }

    /** A new inbound key replaces the current one, which stays usable until {@code graceUntil}. */
    void replaceInbound(PacketDecoder fresh, long graceUntil) {
        if (inbound != null) {
            dropPreviousInbound();
            previousInbound = inbound;
            previousInboundUntil = graceUntil;
        }
        inbound = fresh;
    }

    /** Key expiry: the current key becomes the previous one, with no new key until the peer asks. */
    void retireInbound(long graceUntil) {
        if (inbound != null) {
            replaceInbound(null, graceUntil);
        }
    }

    /** The previous inbound key if its grace period still runs at {@code now}. */
    PacketDecoder previousInbound(long now) {
        return previousInbound != null && now < previousInboundUntil ? previousInbound : null;
    }

    /**
     * The once-a-second tick drops the previous key when its grace is over. Not the packet path: a branch taken
     * once per renewal there made C2 deoptimise DataPlane.onDatagram, which then ran interpreted for its next
     * 500 datagrams (-XX:+LogCompilation, 10 s after a renewal: about 4 s of a 100-per-second ping).
     */
    void expirePreviousInbound(long now) {
        if (previousInbound != null && now >= previousInboundUntil) {
            dropPreviousInbound();
        }
    }

    private void dropPreviousInbound() {
        if (previousInbound != null) {
            previousInbound.close();
            previousInbound = null;
        }
    }

    /** graph.c on a reachability change: keys invalid, PMTU reset. */
    void resetOnReachabilityChange() {
        dropOutboundKey();
        lastReqKeyMillis = Long.MIN_VALUE / 2;
        punch.reset();
        if (prober != null) {
            prober.reset();
        }
    }

    String hostname() {
        return udpAddress == null ? "unknown" : io.jtinc.net.Addresses.host(udpAddress) + " port " + udpAddress.getPort();
    }
}
