package io.jtinc.route;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * route.c fragment_ipv4_packet (RFC 791): splits an IPv4 packet whose DF bit is clear into fragments that fit
 * {@code max(mtu, 590)} frame bytes, 8-byte aligned, copying the Ethernet header and the 20-byte IP header into
 * each. Packets with IP options, or whose IP total length disagrees with the frame, are refused like tincd does.
 * At most ⌈1500 / 552⌉ = 3 fragments for a 1518-byte frame.
 */
public final class Ipv4Fragmenter {
    private static final int IP_MF = 0x2000;
    private static final int IP_OFFMASK = 0x1fff;

    private Ipv4Fragmenter() {
    }

    /** The fragments of frame[b, b+len) (IPv4 header at b+ethLen), or null if it cannot be fragmented. */
    public static List<ByteBuffer> fragment(ByteBuffer frame, int b, int len, int ethLen, int mtu) {
        int ip = b + ethLen;
        if (len < ethLen + 20 || (frame.get(ip) & 0xff) != 0x45) {
            return null; // tincd only fragments option-less headers (ip_hl == 5)
        }
        int todo = Checksums.u16(frame, ip + 2) - 20;
        if (todo <= 0 || ethLen + 20 + todo != len) {
            return null;
        }
        int maxLen = (Math.max(mtu, 590) - ethLen - 20) & ~7;
        int off = Checksums.u16(frame, ip + 6);
        int flags = off & ~IP_OFFMASK;
        off &= IP_OFFMASK;
        List<ByteBuffer> out = new ArrayList<>(todo / maxLen + 1);
        int data = ip + 20;
        while (todo > 0) {
            int n = Math.min(todo, maxLen);
            todo -= n;
            ByteBuffer f = ByteBuffer.allocate(ethLen + 20 + n);
            f.put(0, frame, b, ethLen + 20);
            f.put(ethLen + 20, frame, data, n);
            Checksums.put16(f, ethLen + 2, 20 + n);
            Checksums.put16(f, ethLen + 6, off | flags | (todo > 0 ? IP_MF : 0));
            Checksums.refreshIpv4HeaderChecksum(f, ethLen, 20);
            out.add(f);
            data += n;
            off += n / 8;
        }
        return out;
    }
}
