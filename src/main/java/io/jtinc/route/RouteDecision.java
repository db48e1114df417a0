package io.jtinc.route;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What to do with one frame. The frame given to {@link Router#route} may have been modified in place (TTL
 * decremented, MSS clamped); forward those bytes. Decisions are immutable; {@link Local}, {@link Drop} and most
 * {@link Unicast} / {@link Broadcast} instances are shared constants (no allocation per frame).
 */
public sealed interface RouteDecision {

    /** Write the frame to the local device (send_packet(myself): with overwrite_mac, see Router#prepareForDevice). */
    record Local() implements RouteDecision {
    }

    /**
     * Send the frame to {@code owner} with send_packet (spec §8.1). {@code via} is what send_packet will pick for
     * normal priority: owner.via, or owner.nexthop when owner.via is the local node. The lead still applies the
     * priority −1 and TCPONLY rules and the minmtu → TCP rule of send_udppacket.
     */
    record Unicast(String owner, String via) implements RouteDecision {
    }

    /**
     * broadcast_packet: write to the local device when {@code local}, and send_packet the frame to each of
     * {@code peers} (already filtered by Broadcast mode, MST flags and the source's nexthop; empty with
     * TunnelServer or Broadcast = no).
     */
    record Broadcast(boolean local, List<String> peers) implements RouteDecision {
        public Broadcast {
            peers = List.copyOf(peers);
        }
    }

    /**
     * A frame we generated (ICMP/ICMPv6 error, ARP reply, Neighbor Advertisement) instead of forwarding the
     * original. send_packet it to {@code to}: the local device when {@code to} is the local node's name
     * ({@code toLocalDevice}), else that node. {@code cause} is why the original was not forwarded (null for the
     * ARP/NDP proxy answers, which are not errors). The frame is a fresh buffer, position 0.
     */
    record Reply(String to, boolean toLocalDevice, ByteBuffer frame, DropReason cause) implements RouteDecision {
    }

    /** IPv4 fragments of an over-sized frame with DF clear: send_packet each to {@code to} (tincd sends to via). */
    record Fragments(String to, List<ByteBuffer> frames) implements RouteDecision {
        public Fragments {
            frames = List.copyOf(frames);
        }
    }

    /** Nothing to send; counted under {@code reason}. */
    record Drop(DropReason reason) implements RouteDecision {
        private static final Drop[] SHARED = java.util.Arrays.stream(DropReason.values()).map(Drop::new)
                .toArray(Drop[]::new);

        /** The shared instance for a reason. */
        public static Drop of(DropReason reason) {
            return SHARED[reason.ordinal()];
        }
    }

    RouteDecision LOCAL = new Local();
}
