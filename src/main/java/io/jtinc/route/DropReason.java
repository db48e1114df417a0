package io.jtinc.route;

/**
 * Why a frame was not forwarded as is. Counted in {@link RouteCounters}. A generated ICMP reply carries the reason
 * of the original frame (for example {@link #UNKNOWN_DESTINATION} with ICMP "network unknown").
 */
public enum DropReason {
    /** Shorter than the headers its type needs (tincd: "Got too short packet"). */
    TOO_SHORT,
    /** Router mode: ethertype other than ARP, IPv4, IPv6 (tincd: "unknown type"); includes MTU probe echoes. */
    UNKNOWN_TYPE,
    /** No subnet matches the destination (ICMP net unknown / ICMPv6 address unreachable). */
    UNKNOWN_DESTINATION,
    /** The owner of the destination is unreachable (ICMP net unreachable / ICMPv6 no route). */
    OWNER_UNREACHABLE,
    /** The destination is owned by the node the frame came from ("Packet looping back"). */
    LOOPING_BACK,
    /** The path to the owner leads back through the source ("Routing loop"). */
    ROUTING_LOOP,
    /** Forwarding = off and neither end is the local node (router: ICMP admin prohibited). */
    FORWARDING_OFF,
    /** DirectOnly and the owner is not its own UDP next hop (router: ICMP admin prohibited). */
    DIRECT_ONLY,
    /** DecrementTTL and the TTL / hop limit ran out (ICMP time exceeded unless the frame is one). */
    TTL_EXCEEDED,
    /** Larger than the path MTU with DF set, or IPv6 (ICMP fragmentation needed / ICMPv6 Packet Too Big). */
    TOO_BIG,
    /** Larger than the path MTU, DF clear, and not fragmentable (IP options, or header length mismatch). */
    FRAGMENTATION_FAILED,
    /** ARP or Neighbor Solicitation arriving from another node in router mode (tincd warns and drops). */
    NEIGHBOR_REQUEST_FROM_NETWORK,
    /** Not an Ethernet/IPv4 ARP request, or a Neighbor Solicitation with another option type. */
    NEIGHBOR_REQUEST_INVALID,
    /** Neighbor Solicitation whose ICMPv6 checksum does not verify. */
    NEIGHBOR_REQUEST_BAD_CHECKSUM,
    /** ARP/NS for an address no subnet covers. */
    NEIGHBOR_REQUEST_UNKNOWN_ADDRESS,
    /** ARP/NS for one of the local node's own subnets: silently ignored, the kernel answers. */
    NEIGHBOR_REQUEST_OWN_SUBNET,
    /** A generated ICMP error was suppressed by the 3-per-second limit (route.c ratelimit(3)). */
    ICMP_RATE_LIMITED,
    /** A broadcast that nobody gets (Broadcast = no / TunnelServer, from the local device). */
    BROADCAST_NOWHERE
}
