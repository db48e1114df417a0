package io.jtinc.route;

import java.nio.ByteBuffer;

/**
 * DecrementTTL (route.c do_decrement_ttl, spec §8.7): IPv4 TTL or IPv6 hop limit, plain or 802.1Q-tagged;
 * other ethertypes pass untouched.
 */
final class TtlDecrement {
    private TtlDecrement() {
    }

    /**
     * Null when the frame may go on (decremented in place, IPv4 header checksum patched per RFC 1624), else the
     * decision: ICMP time exceeded (not in answer to one), or a drop.
     */
    static RouteDecision apply(FrameContext f, IcmpResponder icmp) {
        int type = f.u16(12);
        int ethLen = 14;
        if (type == Ethertypes.VLAN && f.len() >= 18) {
            type = f.u16(16);
            ethLen = 18;
        }
        ByteBuffer buf = f.buf();
        if (type == Ethertypes.IPV4) {
            if (f.len() < ethLen + 20) {
                return icmp.tooShort(f.source());
            }
            int ttl = f.u8(ethLen + 8);
            if (ttl <= 1) {
                // tincd means to not answer an ICMP time exceeded with another one, but reads the wrong offsets
                // (11 and 32 into the IP header); we test the protocol and the ICMP type where they really are.
                int icmpAt = ethLen + (f.u8(ethLen) & 0xf) * 4;
                boolean answersTimeExceeded = f.u8(ethLen + 9) == 1 && f.len() > icmpAt
                        && f.u8(icmpAt) == IcmpErrors.ICMP_TIME_EXCEEDED;
                return answersTimeExceeded ? icmp.drop(DropReason.TTL_EXCEEDED)
                        : icmp.icmp4(f, f.len(), ethLen, DropReason.TTL_EXCEEDED, IcmpErrors.ICMP_TIME_EXCEEDED,
                                IcmpErrors.ICMP_EXC_TTL);
            }
            int at = f.b() + ethLen + 8;
            int oldWord = Checksums.u16(buf, at);
            buf.put(at, (byte) (ttl - 1));
            int sumAt = f.b() + ethLen + 10;
            Checksums.put16(buf, sumAt, Checksums.update(Checksums.u16(buf, sumAt), oldWord, Checksums.u16(buf, at)));
            return null;
        }
        if (type == Ethertypes.IPV6) {
            if (f.len() < ethLen + 40) {
                return icmp.tooShort(f.source());
            }
            int hops = f.u8(ethLen + 7);
            if (hops <= 1) {
                boolean answersTimeExceeded = f.u8(ethLen + 6) == 58 && f.len() > ethLen + 40
                        && f.u8(ethLen + 40) == IcmpErrors.ICMP6_TIME_EXCEEDED;
                return answersTimeExceeded ? icmp.drop(DropReason.TTL_EXCEEDED)
                        : icmp.icmp6(f, f.len(), ethLen, DropReason.TTL_EXCEEDED, IcmpErrors.ICMP6_TIME_EXCEEDED,
                                IcmpErrors.ICMP6_TIME_EXCEED_TRANSIT);
            }
            buf.put(f.b() + ethLen + 7, (byte) (hops - 1)); // IPv6 has no header checksum
            return null;
        }
        return null;
    }
}
