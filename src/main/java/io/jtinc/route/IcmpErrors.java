package io.jtinc.route;

import java.nio.ByteBuffer;

/**
 * Builds the ICMP (RFC 792) and ICMPv6 (RFC 4443) errors tincd sends back to a packet's source
 * (route.c route_ipv4_unreachable / route_ipv6_unreachable, spec §8.2): Ethernet MACs swapped (an 802.1Q tag is
 * kept), source = the original destination (for time exceeded: a local address when known), TTL/hop limit 255,
 * and the original IP packet quoted up to 576 − IP header − 8 bytes. Pure; returns a fresh frame.
 */
public final class IcmpErrors {
    public static final int ICMP_DEST_UNREACH = 3;
    public static final int ICMP_NET_UNREACH = 0;
    public static final int ICMP_FRAG_NEEDED = 4;
    public static final int ICMP_NET_UNKNOWN = 6;
    public static final int ICMP_NET_ANO = 9;
    public static final int ICMP_TIME_EXCEEDED = 11;
    public static final int ICMP_EXC_TTL = 0;

    public static final int ICMP6_DST_UNREACH = 1;
    public static final int ICMP6_DST_UNREACH_NOROUTE = 0;
    public static final int ICMP6_DST_UNREACH_ADMIN = 1;
    public static final int ICMP6_DST_UNREACH_ADDR = 3;
    public static final int ICMP6_PACKET_TOO_BIG = 2;
    public static final int ICMP6_TIME_EXCEEDED = 3;
    public static final int ICMP6_TIME_EXCEED_TRANSIT = 0;

    /** IP_MSS: the quote keeps the whole error within the 576 bytes every IPv4 host must accept. */
    private static final int IP_MSS = 576;

    private IcmpErrors() {
    }

    /**
     * ICMPv4 error for the frame frame[b, b+len) whose IPv4 header starts at b+ethLen (needs len ≥ ethLen+20).
     * For "fragmentation needed", {@code len} is the path MTU (the frame is cut there, as tincd does) and the
     * next-hop MTU field becomes len − ethLen.
     */
    public static ByteBuffer ipv4(ByteBuffer frame, int b, int len, int ethLen, int type, int code, byte[] localSource) {
        int ip = b + ethLen;
        int quoted = Math.min(len - ethLen, IP_MSS - 20 - 8);
        ByteBuffer out = ByteBuffer.allocate(ethLen + 20 + 8 + quoted);
        copyHeaderSwappingMacs(frame, b, ethLen, out);
        int o = ethLen;
        out.put(o, (byte) 0x45); // version 4, 5 words; TOS, id and fragment offset stay 0
        Checksums.put16(out, o + 2, 20 + 8 + quoted);
        out.put(o + 8, (byte) 255);
        out.put(o + 9, (byte) 1);
        if (type == ICMP_TIME_EXCEEDED && localSource != null && localSource.length == 4) {
            out.put(o + 12, localSource);
        } else {
            out.put(o + 12, frame, ip + 16, 4); // reply from the address the packet was sent to
        }
        out.put(o + 16, frame, ip + 12, 4);
        Checksums.refreshIpv4HeaderChecksum(out, o, 20);
        int icmp = o + 20;
        out.put(icmp, (byte) type);
        out.put(icmp + 1, (byte) code);
        if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
            Checksums.put16(out, icmp + 6, len - ethLen);
        }
        out.put(icmp + 8, frame, ip, quoted);
        Checksums.put16(out, icmp + 2, Checksums.finish(Checksums.sum(out, icmp, 8 + quoted, 0)));
        return out;
    }

    /**
     * ICMPv6 error for the frame frame[b, b+len) whose IPv6 header starts at b+ethLen (needs len ≥ ethLen+40).
     * For Packet Too Big, {@code len} is the path MTU and the MTU field becomes len − ethLen.
     */
    public static ByteBuffer ipv6(ByteBuffer frame, int b, int len, int ethLen, int type, int code, byte[] localSource) {
        int ip = b + ethLen;
        int quoted = Math.min(len - ethLen, IP_MSS - 40 - 8);
        ByteBuffer out = ByteBuffer.allocate(ethLen + 40 + 8 + quoted);
        copyHeaderSwappingMacs(frame, b, ethLen, out);
        int o = ethLen;
        out.putInt(o, 0x60000000);
        Checksums.put16(out, o + 4, 8 + quoted);
        out.put(o + 6, (byte) 58);
        out.put(o + 7, (byte) 255);
        if (type == ICMP6_TIME_EXCEEDED && localSource != null && localSource.length == 16) {
            out.put(o + 8, localSource);
        } else {
            out.put(o + 8, frame, ip + 24, 16);
        }
        out.put(o + 24, frame, ip + 8, 16);
        int icmp = o + 40;
        out.put(icmp, (byte) type);
        out.put(icmp + 1, (byte) code);
        if (type == ICMP6_PACKET_TOO_BIG) {
            out.putInt(icmp + 4, len - ethLen);
        }
        out.put(icmp + 8, frame, ip, quoted);
        int sum = Checksums.ipv6PseudoSum(out, o + 8, o + 24, 8 + quoted, 58);
        sum = Checksums.sum(out, icmp, 8 + quoted, sum);
        Checksums.put16(out, icmp + 2, Checksums.finish(sum));
        return out;
    }

    private static void copyHeaderSwappingMacs(ByteBuffer frame, int b, int ethLen, ByteBuffer out) {
        out.put(0, frame, b + 6, 6);
        out.put(6, frame, b, 6);
        out.put(12, frame, b + 12, ethLen - 12);
    }
}
