package io.jtinc.device;

import static io.jtinc.route.Checksums.put16;
import static io.jtinc.route.Checksums.u16;

import io.jtinc.route.Checksums;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The receive half of the TAP offload (issue 6): consecutive TCP segments of one flow, decrypted from one burst of
 * datagrams, are written to the TAP as one super-frame with a virtio GSO header, so the kernel's stack handles one
 * 64 KiB packet where it would have handled ~45 (the merge the kernel's GRO makes on a real NIC). What the kernel
 * does with it is unchanged: delivered locally, or cut again by the kernel if it forwards it.
 *
 * <p>A frame joins the pending super-frame under the rules of Linux's tcp_gro_receive: same Ethernet, IP and TCP
 * headers except the lengths, IPv4 ID (which must count up) and sequence number (which must continue the
 * payload); only ACK, with PSH allowed on the last segment; every segment the size of the first except a shorter
 * last one. Each frame's own TCP checksum is verified before it joins, because the merged frame goes to the kernel
 * as CHECKSUM_PARTIAL (virtio NEEDS_CSUM), which local delivery trusts without looking: a corrupt segment is
 * written alone, for the kernel to drop. Anything that is not such a segment is never held.
 *
 * <p>Buffer layout: {@code out[0, 10)} the virtio header, {@code out[10, …)} the frame. Allocation-free.
 */
final class OffloadCoalescer {
    private static final int HDR = OffloadSegmenter.VNET_HDR_LEN;
    private static final int ETH_HLEN = 14;
    private static final int TCP_ACK = 0x10;
    private static final int TCP_PSH = 0x08;
    /** The IP length fields are 16 bits: a super-frame's IP packet stays below this. */
    private static final int MAX_IP_PACKET = 65535;
    /** Linux's GRO stops at 64 segments too (MAX_GSO_SEGS is larger; this keeps a small MSS from going far). */
    private static final int MAX_SEGMENTS = 64;
    private static final boolean HOST_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final ByteBuffer out;
    // The pending super-frame, offsets relative to the frame start (out index HDR).
    private int segments;
    private boolean ipv6;
    private int l4;
    private int payloadAt;
    private int length;
    private int gsoSize;
    private boolean sealed;
    private int headId;
    private long nextSeq;

    /** {@code out} must hold the virtio header and a 64 KiB IP packet with its Ethernet header. */
    OffloadCoalescer(ByteBuffer out) {
        this.out = out;
    }

    /** The buffer {@link #finish} completes the frame in. */
    ByteBuffer buffer() {
        return out;
    }

    boolean isEmpty() {
        return segments == 0;
    }

    /**
     * Offers a frame (position..limit; consumed only when accepted). True when it was taken: it started a pending
     * super-frame or joined the one pending. False when the caller must first {@link #finish} what is pending (if
     * anything) and then offer again, or, with nothing pending, write the frame as it is.
     */
    boolean offer(ByteBuffer frame) {
        if (segments == 0) {
            return start(frame);
        }
        if (!joins(frame)) {
            return false;
        }
        int at = frame.position();
        int payload = frame.remaining() - payloadAt;
        out.put(HDR + length, frame, at + payloadAt, payload);
        length += payload;
        nextSeq += payload;
        segments++;
        int flags = frame.get(at + l4 + 13) & 0xff;
        if (payload < gsoSize || (flags & TCP_PSH) != 0) {
            // The kernel's GRO ends a merge at a short or pushed segment; it goes out as the last one.
            sealed = true;
            out.put(HDR + l4 + 13, (byte) (out.get(HDR + l4 + 13) | (flags & TCP_PSH)));
        }
        frame.position(frame.limit());
        return true;
    }

    /**
     * Completes the pending frame in {@code out} and returns how many bytes of {@code out} to write (0 when none is
     * pending). A single segment goes out as it came, with an empty virtio header.
     */
    int finish() {
        if (segments == 0) {
            return 0;
        }
        int n = segments;
        segments = 0;
        for (int i = 0; i < HDR; i++) {
            out.put(i, (byte) 0);
        }
        if (n == 1) {
            return HDR + length;
        }
        int f = HDR;
        if (ipv6) {
            put16(out, f + ETH_HLEN + 4, length - ETH_HLEN - 40);
        } else {
            put16(out, f + ETH_HLEN + 2, length - ETH_HLEN);
            Checksums.refreshIpv4HeaderChecksum(out, f + ETH_HLEN, 20);
        }
        int pseudo = Checksums.tcpPseudoSum(out, f + ETH_HLEN, length - l4);
        // CHECKSUM_PARTIAL: the field holds the pseudo-header sum, not inverted; the kernel finishes it if it
        // ever needs the real one (it forwards the frame and cuts it up).
        put16(out, f + l4 + 16, pseudo);
        out.put(0, (byte) OffloadSegmenter.F_NEEDS_CSUM);
        out.put(1, (byte) (ipv6 ? OffloadSegmenter.GSO_TCPV6 : OffloadSegmenter.GSO_TCPV4));
        putHost16(out, 2, payloadAt);
        putHost16(out, 4, gsoSize);
        putHost16(out, 6, l4);
        putHost16(out, 8, 16);
        return HDR + length;
    }

    private boolean start(ByteBuffer frame) {
        int at = frame.position();
        int len = frame.remaining();
        int fl4 = tcpOffset(frame, at, len);
        if (fl4 < 0) {
            return false;
        }
        int thl = ((frame.get(at + fl4 + 12) & 0xff) >>> 4) * 4;
        if (thl < 20 || fl4 + thl >= len || !isPlainAck(frame.get(at + fl4 + 13))
                || !checksumValid(frame, at, fl4, len)) {
            return false;
        }
        ipv6 = frame.get(at + ETH_HLEN) >>> 4 == 6;
        l4 = fl4;
        payloadAt = fl4 + thl;
        length = len;
        gsoSize = len - payloadAt;
        headId = ipv6 ? 0 : u16(frame, at + ETH_HLEN + 4);
        nextSeq = (u32(frame, at + fl4 + 4) + gsoSize) & 0xffffffffL;
        sealed = (frame.get(at + fl4 + 13) & TCP_PSH) != 0;
        segments = 1;
        out.put(HDR, frame, at, len);
        frame.position(frame.limit());
        return true;
    }

    private boolean joins(ByteBuffer frame) {
        int at = frame.position();
        int len = frame.remaining();
        if (sealed || segments == MAX_SEGMENTS || len <= payloadAt || len - payloadAt > gsoSize
                || length + len - payloadAt - ETH_HLEN > MAX_IP_PACKET) {
            return false;
        }
        if (tcpOffset(frame, at, len) != l4 || ((frame.get(at + l4 + 12) & 0xff) >>> 4) * 4 != payloadAt - l4
                || (frame.get(at + ETH_HLEN) >>> 4 == 6) != ipv6 || !isPlainAck(frame.get(at + l4 + 13))) {
            return false;
        }
        // Headers equal except the lengths, the IPv4 ID and checksum, the sequence number, flags and checksum.
        if (!same(frame, at, 0, ETH_HLEN)) {
            return false;
        }
        int ip = ETH_HLEN;
        if (ipv6) {
            if (!same(frame, at, ip, 4) || !same(frame, at, ip + 6, 34)) {
                return false;
            }
        } else if (!same(frame, at, ip, 2) || !same(frame, at, ip + 6, 4) || !same(frame, at, ip + 12, 8)
                || u16(frame, at + ip + 4) != ((headId + segments) & 0xffff)) {
            return false;
        }
        return same(frame, at, l4, 4) && u32(frame, at + l4 + 4) == nextSeq && same(frame, at, l4 + 8, 5)
                && same(frame, at, l4 + 14, 2) && same(frame, at, l4 + 20, payloadAt - l4 - 20)
                && checksumValid(frame, at, l4, len);
    }

    /** The TCP header's offset for an untagged IPv4 (no options, not a fragment) or IPv6 (no extension) frame. */
    private static int tcpOffset(ByteBuffer f, int at, int len) {
        if (len < ETH_HLEN + 40 + 20) {
            return -1;
        }
        int type = u16(f, at + 12);
        if (type == 0x0800) {
            boolean plain = (f.get(at + ETH_HLEN) & 0xff) == 0x45 && u16(f, at + ETH_HLEN + 2) == len - ETH_HLEN
                    && (u16(f, at + ETH_HLEN + 6) & 0x3fff) == 0 && f.get(at + ETH_HLEN + 9) == 6;
            return plain ? ETH_HLEN + 20 : -1;
        }
        if (type == 0x86dd) {
            boolean plain = (f.get(at + ETH_HLEN) & 0xf0) == 0x60 && u16(f, at + ETH_HLEN + 4) == len - ETH_HLEN - 40
                    && f.get(at + ETH_HLEN + 6) == 6;
            return plain ? ETH_HLEN + 40 : -1;
        }
        return -1;
    }

    private static boolean isPlainAck(byte flags) {
        return ((flags & 0xff) & ~TCP_PSH) == TCP_ACK;
    }

    private static boolean checksumValid(ByteBuffer f, int at, int l4, int len) {
        int tcpLen = len - l4;
        return Checksums.sum(f, at + l4, tcpLen, Checksums.tcpPseudoSum(f, at + ETH_HLEN, tcpLen)) == 0xffff;
    }

    /** frame[at+off, +n) equals the pending frame's bytes at off. */
    private boolean same(ByteBuffer frame, int at, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (frame.get(at + off + i) != out.get(HDR + off + i)) {
                return false;
            }
        }
        return true;
    }

    private static long u32(ByteBuffer b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    private static void putHost16(ByteBuffer b, int i, int v) {
        b.put(HOST_LITTLE_ENDIAN ? i : i + 1, (byte) v);
        b.put(HOST_LITTLE_ENDIAN ? i + 1 : i, (byte) (v >>> 8));
    }
}
