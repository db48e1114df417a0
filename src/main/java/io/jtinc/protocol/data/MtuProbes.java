package io.jtinc.protocol.data;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * MTU probe frames (spec §6.1): a "frame" whose first 14 bytes are zero (so the ethertype, bytes 12-13, is 0),
 * followed by random bytes; byte 0 is 0 in a request and 1 in a reply of the same length. They travel the normal
 * UDP path (seqno, cipher, MAC, compression). Stateless; absolute indexes, positions are never changed.
 */
public final class MtuProbes {
    /** The shortest probe tincd sends. */
    public static final int MIN_LENGTH = 64;
    private static final int HEADER = 14;

    private MtuProbes() {
    }

    /**
     * The test tincd applies to every decoded frame: ethertype 0 means a probe (request or reply). Runt frames
     * are never probes.
     */
    public static boolean isProbe(ByteBuffer frame, int off, int len) {
        return len >= HEADER && frame.get(off + 12) == 0 && frame.get(off + 13) == 0;
    }

    /** A probe with byte 0 == 0 asks to be echoed; any other value is a reply. */
    public static boolean isRequest(ByteBuffer frame, int off) {
        return frame.get(off) == 0;
    }

    /**
     * Writes a probe request of {@code len} bytes at {@code dst[off, off+len)}: 14 zero bytes, then random bytes
     * (random so that compression cannot shrink it and fake a larger path MTU).
     */
    public static void writeRequest(ByteBuffer dst, int off, int len, RandomGenerator random) {
        if (len < HEADER) {
            throw new IllegalArgumentException("probe shorter than an Ethernet header: " + len);
        }
        for (int i = 0; i < HEADER; i++) {
            dst.put(off + i, (byte) 0);
        }
        int i = HEADER;
        for (; i + 8 <= len; i += 8) {
            dst.putLong(off + i, random.nextLong());
        }
        for (; i < len; i++) {
            dst.put(off + i, (byte) random.nextInt(256));
        }
    }

    /**
     * Turns a received request in place into its reply: byte 0 := 1, same length. Send it back to the prober
     * over UDP (or as a TCP PACKET when there is no valid key for it yet, as tincd does), promptly and forever:
     * tincd falls back to TCP for all traffic to a node that stops answering.
     */
    public static void turnIntoReply(ByteBuffer frame, int off) {
        frame.put(off, (byte) 1);
    }
}
