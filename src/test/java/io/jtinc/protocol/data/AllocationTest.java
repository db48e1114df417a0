package io.jtinc.protocol.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jtinc.crypto.Algorithms;
import io.jtinc.crypto.DigestAlgorithm;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path must not allocate: measured with the per-thread allocation counter after warm-up. The
 * bound is per packet (encode + decode), averaged over 10 000 packets.
 */
class AllocationTest {
    static final int PACKETS = 10_000;
    static final double BOUND = 64;

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    double bytesPerPacket(DataKey key) {
        PacketEncoder enc = new PacketEncoder(key, "beta", "h");
        PacketDecoder dec = new PacketDecoder(key, 16, "alpha", "h");
        ByteBuffer frame = ByteBuffer.allocateDirect(1500);
        frame.put(12, (byte) 0x08);
        ByteBuffer wire = ByteBuffer.allocateDirect(DataSizes.MAX_DATAGRAM);
        ByteBuffer out = ByteBuffer.allocate(DataSizes.MAXSIZE);
        long sum = 0;
        for (int i = 0; i < 3 * PACKETS; i++) { // warm-up: let the JIT compile the loop
            sum += dec.decode(wire, 0, enc.encode(frame, 0, 1400, wire, 0), out, 0);
        }
        long before = allocated();
        for (int i = 0; i < PACKETS; i++) {
            int n = enc.encode(frame, 0, 1400, wire, 0);
            sum += dec.decode(wire, 0, n, out, 0);
        }
        long after = allocated();
        assertEquals(1400L * 4 * PACKETS, sum, "every packet decoded");
        return (double) (after - before) / PACKETS;
    }

    @Test
    void aes256CbcWithHmacSha256AllocatesNothingPerPacket() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        DataKey key = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, new SecureRandom());
        double perPacket = bytesPerPacket(key);
        System.out.printf("aes-256-cbc/sha256: %.1f bytes allocated per packet%n", perPacket);
        assertTrue(perPacket < BOUND, perPacket + " bytes per packet");
    }

    @Test
    void otherConfigurationsAlsoStayBounded() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        SecureRandom r = new SecureRandom();
        for (DataKey key : new DataKey[] {
            DataKey.generate(Algorithms.BF_CBC, Algorithms.SHA1, 4, 0, r),
            DataKey.generate(Algorithms.AES_128_CFB, Algorithms.SHA512, 16, 0, r),
            DataKey.generate(Algorithms.AES_256_CBC, DigestAlgorithm.NONE, 0, 0, r),
            DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 6, r)}) {
            double perPacket = bytesPerPacket(key);
            System.out.printf("%s: %.1f bytes allocated per packet%n", key, perPacket);
            assertTrue(perPacket < BOUND, key + ": " + perPacket + " bytes per packet");
        }
    }
}
