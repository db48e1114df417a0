package io.jtinc.node;

/**
 * Frames and bytes from and to one node since the daemon started (tinc 1.1's node in/out counters): in counts
 * data frames the node sent us, out counts frames we sent with the node as their destination (relayed frames
 * count for their destination, not for the hop).
 */
public record NodeTraffic(String name, long inPackets, long inBytes, long outPackets, long outBytes) {
    public static NodeTraffic none(String name) {
        return new NodeTraffic(name, 0, 0, 0, 0);
    }
}
