package io.jtinc.device;

import static io.jtinc.route.Checksums.put16;
import static io.jtinc.route.Checksums.u16;

import io.jtinc.route.Checksums;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns what a TAP opened with IFF_VNET_HDR and TUNSETOFFLOAD(CSUM|TSO4|TSO6) hands us into ordinary frames
 * (issue 6). The kernel then sends TCP in super-frames of up to 64 KiB, one read(2) for what would have been ~45
 * frames, and may leave a checksum for us to finish. The wire format does not change: each super-frame is cut
 * into the frames the kernel would have made itself (its tcp_gso_segment), each with complete checksums, so a
 * tincd peer or a TAP without offloads receives exactly what it always did.
 *
 * <p>Every read starts with a struct virtio_net_hdr in the host's byte order (legacy virtio, as tun uses unless
 * TUNSETVNETBE/LE): flags (NEEDS_CSUM), gso_type, hdr_len, gso_size, csum_start, csum_offset. Per segment of a
 * TCP super-frame: IPv4 total length, ID + i and header checksum; IPv6 payload length; TCP sequence + i·gso_size,
 * FIN and PSH only on the last segment and CWR only on the first; the TCP checksum computed afresh over the
 * pseudo header. We never offer UFO or TSO_ECN, so any other gso_type is malformed and dropped.
 *
 * <p>Both buffers use absolute indices; the segmenter keeps a reference to the read buffer, which must not be
 * reused until {@link #hasNext()} is false. Allocation-free.
 */
final class OffloadSegmenter {
    /** sizeof(struct virtio_net_hdr): without TUNSETVNETHDRSZ the kernel uses this one. */
    static final int VNET_HDR_LEN = 10;
    static final int F_NEEDS_CSUM = 1;
    static final int GSO_NONE = 0;
    static final int GSO_TCPV4 = 1;
    static final int GSO_TCPV6 = 4;

    private static final boolean HOST_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int ETH_HLEN = 14;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;

    private static final int PLAIN = 0;
    private static final int CHECKSUM = 1;
    private static final int TCP_SEGMENTS = 2;

    private ByteBuffer src;
    private int mode;
    /** The frame's bounds in src (after the virtio header). */
    private int frameAt;
    private int frameLen;
    /** Next segment to hand out, and how many there are (0: nothing loaded). */
    private int index;
    private int count;
    /** For a plain frame with NEEDS_CSUM: where to sum from and where the result goes, relative to the frame. */
    private int csumStart;
    private int csumField;
    // For a TCP super-frame, offsets relative to the frame.
    private boolean ipv6;
    private int l3;
    private int l4;
    private int payloadAt;
    private int gsoSize;
    private int firstId;
    private long firstSeq;
    private int flags;

    /**
     * Takes the n bytes just read into src[0, n): a virtio header and a frame. Returns null when they are usable,
     * else why they are not (the caller drops and logs them). Any previous packet is forgotten.
     */
    String load(ByteBuffer src, int n) {
        count = 0;
        index = 0;
        if (n < VNET_HDR_LEN + ETH_HLEN) {
            return "shorter than a virtio header and an Ethernet header";
        }
        this.src = src;
        frameAt = VNET_HDR_LEN;
        frameLen = n - VNET_HDR_LEN;
        int hdrFlags = src.get(0) & 0xff;
        int gsoType = src.get(1) & 0xff;
        gsoSize = host16(src, 4);
        csumStart = host16(src, 6);
        int csumOffset = host16(src, 8);
        boolean needsCsum = (hdrFlags & F_NEEDS_CSUM) != 0;
        if (needsCsum && csumStart + csumOffset + 2 > frameLen) {
            return "checksum offset " + csumStart + "+" + csumOffset + " beyond the frame";
        }
        if (gsoType == GSO_NONE) {
            mode = needsCsum ? CHECKSUM : PLAIN;
            csumField = csumStart + csumOffset;
            count = 1;
            return null;
        }
        if (gsoType != GSO_TCPV4 && gsoType != GSO_TCPV6) {
            return "unexpected gso_type " + gsoType;
        }
        String bad = parseTcp(gsoType == GSO_TCPV6, needsCsum);
        if (bad != null) {
            return bad;
        }
        mode = TCP_SEGMENTS;
        int payload = frameLen - payloadAt;
        count = payload <= gsoSize ? 1 : (payload + gsoSize - 1) / gsoSize;
        return null;
    }

    private String parseTcp(boolean v6, boolean needsCsum) {
        if (!needsCsum || gsoSize == 0) {
            return "TCP segmentation without a checksum offset or a segment size";
        }
        ipv6 = v6;
        l3 = ETH_HLEN;
        // 802.1Q and 802.1ad tags: the IP header starts after them.
        while (l3 + 4 <= frameLen && isVlanType(u16(src, frameAt + l3 - 2))) {
            l3 += 4;
        }
        l4 = csumStart;
        if (l4 + 20 > frameLen || l3 >= l4) {
            return "TCP header outside the frame";
        }
        int version = (src.get(frameAt + l3) & 0xff) >>> 4;
        if (version != (v6 ? 6 : 4)) {
            return "IP version " + version + " in a " + (v6 ? "TCPv6" : "TCPv4") + " super-frame";
        }
        if (!v6 && ((src.get(frameAt + l3) & 0x0f) * 4 != l4 - l3 || (src.get(frameAt + l3 + 9) & 0xff) != 6)) {
            return "IPv4 header does not end at the TCP header";
        }
        if (v6 && l4 - l3 < 40) {
            return "IPv6 header does not end at the TCP header";
        }
        payloadAt = l4 + ((src.get(frameAt + l4 + 12) & 0xff) >>> 4) * 4;
        if (payloadAt < l4 + 20 || payloadAt > frameLen) {
            return "bad TCP data offset";
        }
        firstId = v6 ? 0 : u16(src, frameAt + l3 + 4);
        firstSeq = ((long) u16(src, frameAt + l4 + 4) << 16) | u16(src, frameAt + l4 + 6);
        flags = src.get(frameAt + l4 + 13) & 0xff;
        return null;
    }

    boolean hasNext() {
        return index < count;
    }

    /**
     * Writes the next frame at dst's position, advancing it, and returns its length; -1 (and the frame is skipped)
     * when it does not fit in dst's remaining space.
     */
    int next(ByteBuffer dst) {
        int i = index++;
        return switch (mode) {
            case PLAIN -> copy(dst, frameAt, frameLen);
            case CHECKSUM -> finishChecksum(dst);
            default -> segment(dst, i);
        };
    }

    /** Segment i of a TCP super-frame, as the kernel's tcp_gso_segment would have cut it. */
    private int segment(ByteBuffer dst, int i) {
        int segPayload = Math.min(gsoSize, frameLen - payloadAt - i * gsoSize);
        int len = payloadAt + segPayload;
        if (dst.remaining() < len) {
            return -1;
        }
        int at = dst.position();
        dst.put(at, src, frameAt, payloadAt);
        dst.put(at + payloadAt, src, frameAt + payloadAt + i * gsoSize, segPayload);
        if (ipv6) {
            put16(dst, at + l3 + 4, len - l3 - 40);
        } else {
            put16(dst, at + l3 + 2, len - l3);
            put16(dst, at + l3 + 4, firstId + i);
            Checksums.refreshIpv4HeaderChecksum(dst, at + l3, l4 - l3);
        }
        long seq = firstSeq + (long) i * gsoSize;
        put16(dst, at + l4 + 4, (int) (seq >>> 16));
        put16(dst, at + l4 + 6, (int) seq);
        int f = flags;
        if (i != count - 1) {
            f &= ~(TCP_FIN | TCP_PSH);
        }
        if (i != 0) {
            f &= ~TCP_CWR;
        }
        dst.put(at + l4 + 13, (byte) f);
        put16(dst, at + l4 + 16, 0);
        int tcpLen = len - l4;
        int pseudo = Checksums.tcpPseudoSum(dst, at + l3, tcpLen);
        put16(dst, at + l4 + 16, Checksums.finish(Checksums.sum(dst, at + l4, tcpLen, pseudo)));
        dst.position(at + len);
        return len;
    }

    /**
     * The kernel's skb_checksum_help: the field holds the pseudo-header sum; the sum from csum_start to the end,
     * inverted, replaces it. A UDP result of 0 is sent as 0xffff (0 would mean "no checksum").
     */
    private int finishChecksum(ByteBuffer dst) {
        int at = dst.position();
        int len = copy(dst, frameAt, frameLen);
        if (len < 0) {
            return -1;
        }
        int c = Checksums.finish(Checksums.sum(dst, at + csumStart, frameLen - csumStart, 0));
        if (c == 0 && csumField - csumStart == 6) {
            c = 0xffff;
        }
        put16(dst, at + csumField, c);
        return len;
    }

    private int copy(ByteBuffer dst, int from, int len) {
        if (dst.remaining() < len) {
            return -1;
        }
        dst.put(dst.position(), src, from, len);
        dst.position(dst.position() + len);
        return len;
    }

    private static boolean isVlanType(int ethertype) {
        return ethertype == 0x8100 || ethertype == 0x88a8;
    }

    private static int host16(ByteBuffer b, int i) {
        int lo = b.get(i) & 0xff;
        int hi = b.get(i + 1) & 0xff;
        return HOST_LITTLE_ENDIAN ? lo | hi << 8 : hi | lo << 8;
    }
}
