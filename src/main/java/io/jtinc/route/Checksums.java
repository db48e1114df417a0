package io.jtinc.route;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RFC 1071 Internet checksums over absolute buffer indices, plus the RFC 1624 incremental update tincd uses when it
 * rewrites a 16-bit field (TTL, MSS). Pure and allocation-free.
 */
public final class Checksums {
    private Checksums() {
    }

    /** One's-complement sum (not yet inverted, folded to 16 bits) of buf[from, from+len), added to {@code sum}. */
    public static int sum(ByteBuffer buf, int from, int len, int sum) {
        long s = sum;
        int i = from;
        int end = from + len;
        // Eight bytes a step (the device offload sums every segment of a TCP super-frame): the sum of 32-bit
        // big-endian words folds to the same 16-bit one's-complement sum, since 2^16 = 1 (mod 0xffff).
        boolean bigEndian = buf.order() == ByteOrder.BIG_ENDIAN;
        for (; i + 7 < end; i += 8) {
            long w = buf.getLong(i);
            if (!bigEndian) {
                w = Long.reverseBytes(w);
            }
            s += (w >>> 32) + (w & 0xffffffffL);
        }
        for (; i + 1 < end; i += 2) {
            s += ((buf.get(i) & 0xff) << 8) | (buf.get(i + 1) & 0xff);
        }
        if (i < end) {
            s += (buf.get(i) & 0xff) << 8; // odd trailing byte is padded with zero on the right
        }
        return fold(s);
    }

    /** Adds a 16-bit word to a running sum. */
    public static int addWord(int sum, int word) {
        return fold((long) sum + (word & 0xffff));
    }

    public static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum field value for a finished sum. */
    public static int finish(int sum) {
        return ~sum & 0xffff;
    }

    /** The sum of the IPv6 pseudo header (RFC 8200 §8.1) for an upper-layer packet of {@code upperLen} bytes. */
    public static int ipv6PseudoSum(ByteBuffer buf, int srcAt, int dstAt, int upperLen, int nextHeader) {
        int s = sum(buf, srcAt, 16, 0);
        s = sum(buf, dstAt, 16, s);
        s = addWord(s, upperLen >>> 16);
        s = addWord(s, upperLen);
        return addWord(s, nextHeader);
    }

    /**
     * The pseudo-header sum for a TCP segment of {@code tcpLen} bytes in the IPv4 or IPv6 packet at {@code ipAt}
     * (the version nibble decides; IPv6 without extension headers), as the TCP checksum covers it.
     */
    public static int tcpPseudoSum(ByteBuffer buf, int ipAt, int tcpLen) {
        if ((buf.get(ipAt) & 0xf0) == 0x60) {
            return ipv6PseudoSum(buf, ipAt + 8, ipAt + 24, tcpLen, 6);
        }
        return addWord(addWord(sum(buf, ipAt + 12, 8, 0), 6), tcpLen);
    }

    /** Recomputes the header checksum of the IPv4 header at {@code ipAt}, {@code headerLen} bytes long. */
    public static void refreshIpv4HeaderChecksum(ByteBuffer buf, int ipAt, int headerLen) {
        put16(buf, ipAt + 10, 0);
        put16(buf, ipAt + 10, finish(sum(buf, ipAt, headerLen, 0)));
    }

    /**
     * RFC 1624 eqn. 3: the new checksum after a 16-bit word of the covered data changed from {@code oldWord} to
     * {@code newWord}: HC' = ~(~HC + ~m + m').
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long s = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(s) & 0xffff;
    }

    /** The big-endian 16-bit word at absolute index i. */
    public static int u16(ByteBuffer b, int i) {
        return ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
    }

    /** Stores v's low 16 bits big-endian at absolute index i. */
    public static void put16(ByteBuffer b, int i, int v) {
        b.put(i, (byte) (v >>> 8));
        b.put(i + 1, (byte) v);
    }
}
