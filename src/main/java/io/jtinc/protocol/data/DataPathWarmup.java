package io.jtinc.protocol.data;

import io.jtinc.crypto.CipherAlgorithm;
import io.jtinc.crypto.DigestAlgorithm;
import io.jtinc.log.Log;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Runs the packet codec on made-up frames right after start-up, on a low-priority thread, so the JIT has
 * compiled it (with the JDK's AES and SHA intrinsics) before real traffic arrives.
 *
 * <p>Why: HotSpot interprets a method until it has run thousands of times. At the packet rate of a Pi that mostly
 * idles (a ping a second, a few keepalives) that takes hours, and interpreted AES-CBC and HMAC cost about half a
 * millisecond per packet: a fresh jtincd answered pings 6x slower than tincd (2.9 ms against 0.39 ms at 50 pings/s,
 * measured in namespaces), and only reached tincd's figure after some 30 000 packets. Warming the codec with its
 * own throwaway key makes the first real packets fast. It touches no shared state: its own encoder, decoder and
 * buffers, with a key that never leaves this class.
 */
public final class DataPathWarmup {
    /** Small frames (pings, ACKs) compile the per-packet code; large ones drive the cipher and MAC loops. */
    static final int SMALL_ROUNDS = 12_000;
    static final int LARGE_ROUNDS = 3_000;
    private static final int SMALL = 98;
    private static final int LARGE = 1414;

    private DataPathWarmup() {
    }

    /** Starts the warm-up on a daemon thread at minimum priority; it ends by itself. */
    public static Thread start(CipherAlgorithm cipher, DigestAlgorithm digest, int macLength, int compression) {
        Thread t = new Thread(() -> {
            long started = System.nanoTime();
            try {
                run(cipher, digest, macLength, compression, SMALL_ROUNDS, LARGE_ROUNDS);
                Log.debug(Log.STATUS, "Packet path warmed up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            } catch (RuntimeException e) {
                // Only a missed optimisation: the real packet path reports its own errors.
                Log.debug(Log.STATUS, "Packet path warm-up skipped: " + e);
            }
        }, "jtinc-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Encodes and decodes the given numbers of small and large frames; returns how many decoded intact. */
    static int run(CipherAlgorithm cipher, DigestAlgorithm digest, int macLength, int compression, int small,
                   int large) {
        // Compression is warmed only when configured: zlib costs far more than the cipher and is rarely on.
        DataKey key = DataKey.generate(cipher, digest, Math.min(macLength, digest.isNone() ? 0 : digest.size()),
                compression > 9 ? 0 : compression, new SecureRandom());
        ByteBuffer frame = ByteBuffer.allocateDirect(DataSizes.MAXSIZE);
        ByteBuffer wire = ByteBuffer.allocateDirect(DataSizes.MAX_DATAGRAM + 64);
        ByteBuffer out = ByteBuffer.allocateDirect(DataSizes.MAXSIZE + 64);
        for (int i = 0; i < LARGE; i++) {
            frame.put(i, (byte) (i * 31 + 7));
        }
        int intact = 0;
        try (PacketEncoder encoder = new PacketEncoder(key, "warmup", "warmup");
             PacketDecoder decoder = new PacketDecoder(key, ReplayWindow.DEFAULT_BYTES, "warmup", "warmup")) {
            for (int i = 0; i < small + large; i++) {
                int len = i < small ? SMALL : LARGE;
                int n = encoder.encode(frame, 0, len, wire, 0);
                if (n > 0 && decoder.decode(wire, 0, n, out, 0) == len) {
                    intact++;
                }
            }
        }
        return intact;
    }
}
