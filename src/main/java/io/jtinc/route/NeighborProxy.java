package io.jtinc.route;

import java.nio.ByteBuffer;

/**
 * Answers ARP requests (RFC 826) and IPv6 Neighbor Solicitations (RFC 4861) on behalf of other nodes, for router
 * mode on a TAP device (route.c route_arp / route_neighborsol, spec §8.2). The hardware address we claim is a
 * fake one, the requester's own MAC with its last byte XOR 0xFF, so the kernel sends the traffic to the TAP
 * and it "looks like it's not from us". Pure functions: parsing checks here, the subnet decision in Router.
 */
final class NeighborProxy {
    static final int ARP_LEN = 14 + 28;
    /** Ethernet + IPv6 + the 24-byte Neighbor Solicitation body. */
    static final int NS_LEN = 14 + 40 + 24;
    /** ... plus one 8-byte link-layer address option. */
    static final int NS_WITH_OPTION_LEN = NS_LEN + 8;

    private static final int ND_NEIGHBOR_ADVERT = 136;
    private static final int ND_OPT_SOURCE_LINKADDR = 1;
    private static final int ND_OPT_TARGET_LINKADDR = 2;

    private NeighborProxy() {
    }

    /** An Ethernet/IPv4 ARP request (hrd 1, pro 0x0800, hln 6, pln 4, op 1)? Needs len ≥ ARP_LEN. */
    static boolean isArpRequest(ByteBuffer f, int b) {
        return Checksums.u16(f, b + 14) == 1 && Checksums.u16(f, b + 16) == Ethertypes.IPV4
                && f.get(b + 18) == 6 && f.get(b + 19) == 4 && Checksums.u16(f, b + 20) == 1;
    }

    /** The ARP target protocol address as a big-endian int. */
    static int arpTarget(ByteBuffer f, int b) {
        return f.getInt(b + 38);
    }

    /** The ARP reply to the request in f[b, b+len): fake sender MAC, addresses swapped, op 2. */
    static ByteBuffer arpReply(ByteBuffer f, int b, int len) {
        ByteBuffer r = ByteBuffer.allocate(len);
        r.put(0, f, b, len);
        writeFakeMacs(f, b, r);
        Checksums.put16(r, 20, 2); // op = reply
        r.put(22, r, 6, 6); // sender hardware address = the fake MAC
        r.put(28, f, b + 38, 4); // sender protocol address = the requested one
        r.put(32, f, b + 22, 6); // target = the requester
        r.put(38, f, b + 28, 4);
        return r;
    }

    /** Whether the NS in f[b, b+len) carries the (single) option tincd understands. */
    static boolean nsHasOption(int len) {
        return len >= NS_WITH_OPTION_LEN;
    }

    /** The option, if any, must be a source link-layer address. */
    static boolean nsOptionValid(ByteBuffer f, int b, int len) {
        return !nsHasOption(len) || f.get(b + NS_LEN) == ND_OPT_SOURCE_LINKADDR;
    }

    /**
     * tincd verifies the ICMPv6 checksum over the NS body plus at most one 8-byte option, with a pseudo-header
     * length to match (not the IPv6 payload length): an NS carrying more options fails, as with tincd.
     */
    static boolean nsChecksumValid(ByteBuffer f, int b, int len) {
        int bodyLen = nsHasOption(len) ? 32 : 24;
        int sum = Checksums.ipv6PseudoSum(f, b + 22, b + 38, bodyLen, 58);
        sum = Checksums.sum(f, b + 54, bodyLen, sum);
        return Checksums.finish(sum) == 0;
    }

    /** The NS target address bytes start here. */
    static int nsTargetAt(int b) {
        return b + 62;
    }

    /**
     * The Neighbor Advertisement answering f[b, b+len): same length and hop limit, IPv6 source = the target,
     * destination = the solicitor, solicited flag, target link-layer address option = the fake MAC.
     */
    static ByteBuffer neighborAdvert(ByteBuffer f, int b, int len) {
        boolean opt = nsHasOption(len);
        ByteBuffer r = ByteBuffer.allocate(len);
        r.put(0, f, b, len);
        writeFakeMacs(f, b, r);
        r.put(22, f, b + 62, 16); // source = the solicited target
        r.put(38, f, b + 22, 16); // destination = the solicitor
        r.put(54, (byte) ND_NEIGHBOR_ADVERT);
        Checksums.put16(r, 56, 0);
        r.putInt(58, 0x40000000); // solicited flag; router and override flags clear, as tincd
        if (opt) {
            r.put(NS_LEN, (byte) ND_OPT_TARGET_LINKADDR);
            r.put(NS_LEN + 2, r, 6, 6);
        }
        int bodyLen = opt ? 32 : 24;
        int sum = Checksums.ipv6PseudoSum(r, 22, 38, bodyLen, 58);
        sum = Checksums.sum(r, 54, bodyLen, sum);
        Checksums.put16(r, 56, Checksums.finish(sum));
        return r;
    }

    /** Destination = the requester's MAC; source = the fake MAC (requester's with the last byte ^ 0xFF). */
    private static void writeFakeMacs(ByteBuffer f, int b, ByteBuffer r) {
        r.put(0, f, b + 6, 6);
        r.put(6, f, b + 6, 6);
        r.put(11, (byte) (f.get(b + 11) ^ 0xFF));
    }
}
