package io.jtinc.protocol.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.crypto.Algorithms;
import io.jtinc.crypto.CipherAlgorithm;
import io.jtinc.crypto.DigestAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class PacketCodecTest {
    static final SecureRandom RND = new SecureRandom();

    static byte[] frame(int len, long seed) {
        byte[] f = new byte[len];
        new SplittableRandom(seed).nextBytes(f);
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        return f;
    }

    static PacketEncoder enc(DataKey k) {
        return new PacketEncoder(k, "beta", "h");
    }

    static PacketDecoder dec(DataKey k) {
        return new PacketDecoder(k, 16, "alpha", "h");
    }

    static byte[] encode(PacketEncoder e, byte[] f) {
        ByteBuffer out = ByteBuffer.allocate(DataSizes.MAX_DATAGRAM);
        int n = e.encode(ByteBuffer.wrap(f), 0, f.length, out, 0);
        assertTrue(n > 0, "encode result " + n);
        byte[] d = new byte[n];
        out.get(0, d);
        return d;
    }

    static int decode(PacketDecoder d, byte[] datagram, ByteBuffer out) {
        return d.decode(ByteBuffer.wrap(datagram), 0, datagram.length, out, 0);
    }

    @Test
    void everyCipherWithEveryDigestRoundTrips() {
        for (CipherAlgorithm c : Algorithms.ciphers()) {
            for (DigestAlgorithm d : Algorithms.digests()) {
                for (int mac : new int[] {0, 4, d.size()}) {
                    DataKey k = DataKey.generate(c, d, mac, 0, RND);
                    PacketEncoder e = enc(k);
                    PacketDecoder x = dec(k);
                    for (int len : new int[] {14, 15, 27, 28, 100, 1451, 1518}) {
                        byte[] f = frame(len, len);
                        byte[] datagram = encode(e, f);
                        assertEquals(DataSizes.datagramLength(len, c, k.effectiveMacLength()), datagram.length,
                                c + " " + d);
                        ByteBuffer out = ByteBuffer.allocateDirect(DataSizes.MAXSIZE);
                        assertEquals(len, decode(x, datagram, out), c + " " + d + " " + mac + " " + len);
                        byte[] got = new byte[len];
                        out.get(0, got);
                        assertArrayEquals(f, got);
                    }
                }
            }
        }
    }

    @Test
    void sameIvForEveryPacketLikeTincd() {
        // Two encoders on one key produce identical datagrams for identical (seqno, frame): the IV is restored.
        for (CipherAlgorithm c : Algorithms.ciphers()) {
            DataKey k = DataKey.generate(c, Algorithms.SHA256, 4, 0, RND);
            PacketEncoder a = enc(k);
            PacketEncoder b = enc(k);
            byte[] f = frame(200, 1);
            encode(a, f);
            encode(b, f);
            assertArrayEquals(encode(a, f), encode(b, f), c.toString());
        }
    }

    @Test
    void cipherNoneSendsPlaintextAndDigestNoneHasNoMac() {
        DataKey k = AnsKeyCheck.check("00", 0, 0, 4, 0).key().orElseThrow();
        byte[] f = frame(60, 3);
        byte[] d = encode(enc(k), f);
        assertEquals(64, d.length);
        assertEquals(1, d[3]);
        assertEquals(f[20], d[24]);
    }

    @Test
    void macFailureChangesNothing() {
        DataKey k = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, RND);
        PacketEncoder e = enc(k);
        PacketDecoder x = dec(k);
        byte[] good = encode(e, frame(100, 1));
        ByteBuffer out = ByteBuffer.allocate(2048);
        for (int bit : new int[] {0, 8 * 5, 8 * (good.length - 1)}) { // seqno block, body, MAC
            byte[] bad = good.clone();
            bad[bit / 8] ^= 1;
            assertEquals(DropReason.BAD_MAC.code(), decode(x, bad, out));
        }
        assertEquals(0, x.receivedSeqno(), "a forged packet must not move the window");
        assertEquals(3, x.dropCount(DropReason.BAD_MAC));
        assertEquals(100, decode(x, good, out));
        assertEquals(DropReason.REPLAYED.code(), decode(x, good, out));
    }

    @Test
    void datagramsFromAnotherKeyAreUnauthenticated() {
        DataKey k1 = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, RND);
        DataKey k2 = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, RND);
        assertEquals(DropReason.BAD_MAC.code(),
                decode(dec(k2), encode(enc(k1), frame(80, 2)), ByteBuffer.allocate(2048)));
    }

    @Test
    void garbageTruncationAndOversizeNeverThrow() {
        SplittableRandom r = new SplittableRandom(42);
        for (CipherAlgorithm c : new CipherAlgorithm[] {Algorithms.AES_256_CBC, Algorithms.BF_CBC,
                Algorithms.AES_128_CFB, CipherAlgorithm.NONE}) {
            for (int mac : new int[] {0, 4}) {
                DataKey k = DataKey.generate(c, Algorithms.SHA256, mac, 9, RND);
                PacketDecoder x = dec(k);
                ByteBuffer out = ByteBuffer.allocate(DataSizes.MAXSIZE);
                for (int len : new int[] {0, 1, 3, 4, 4 + mac - 1, 4 + mac, 5, 17, 31, 32, 100, 1661, 1662, 9000,
                        65507}) {
                    byte[] d = new byte[len];
                    r.nextBytes(d);
                    int res = decode(x, d, out);
                    assertTrue(res < 0 || res >= 14, c + " len " + len + " -> " + res);
                }
                for (int i = 0; i < 2000; i++) {
                    byte[] d = new byte[r.nextInt(1700)];
                    r.nextBytes(d);
                    decode(x, d, out);
                }
                assertEquals(2, x.dropCount(DropReason.OVERSIZE) >= 2 ? 2 : -1);
            }
        }
        DataKey k = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, RND);
        PacketDecoder x = dec(k);
        assertEquals(DropReason.TOO_SHORT.code(), decode(x, new byte[7], ByteBuffer.allocate(10)));
        assertEquals(DropReason.OVERSIZE.code(), decode(x, new byte[1662], ByteBuffer.allocate(10)));
    }

    @Test
    void validMacWithBadPaddingOrBadLengthIsADecryptDrop() {
        DataKey k = DataKey.generate(Algorithms.AES_256_CBC, DigestAlgorithm.NONE, 0, 0, RND);
        PacketDecoder x = dec(k);
        ByteBuffer out = ByteBuffer.allocate(2048);
        assertEquals(DropReason.DECRYPT_FAILED.code(), decode(x, new byte[33], out));
        // Random 32 bytes: almost always bad PKCS#7; try a few, none may throw, then a good packet still decodes.
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            byte[] d = new byte[32];
            r.nextBytes(d);
            decode(x, d, out);
        }
        assertTrue(x.dropCount(DropReason.DECRYPT_FAILED) > 40);
        PacketDecoder fresh = dec(k);
        byte[] good = encode(enc(k), frame(50, 5));
        decode(fresh, new byte[32], out);
        assertEquals(50, decode(fresh, good, out), "a failed decryption leaves the cipher usable");
    }

    @Test
    void compressionRoundTripsAtEveryZlibLevel() {
        for (int level = 1; level <= 9; level++) {
            DataKey k = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, level, RND);
            byte[] f = new byte[1400];
            f[12] = 8;
            PacketEncoder e = enc(k);
            byte[] d = encode(e, f);
            assertTrue(d.length < 100, "zeros compress: " + d.length);
            PacketDecoder x = dec(k);
            ByteBuffer out = ByteBuffer.allocate(DataSizes.MAXSIZE);
            assertEquals(1400, decode(x, d, out));
            assertEquals(8, out.get(12));
            assertTrue(x.compressed());
            assertTrue(x.lastPayloadLength() < 100);
            // Incompressible data expands but still round-trips.
            byte[] rnd = frame(1518, level);
            assertEquals(1518, decode(x, encode(e, rnd), out));
        }
    }

    @Test
    void zlibStreamStartsWithTheZlibHeader() {
        DataKey k = AnsKeyCheck.check("00", 0, 0, 0, 9).key().orElseThrow();
        byte[] d = encode(enc(k), frame(300, 1));
        assertEquals(0x78, d[4] & 0xff);
        assertEquals(0xDA, d[5] & 0xff);
    }

    @Test
    void decompressionBombIsDroppedAtTheBound() throws Exception {
        DataKey k = AnsKeyCheck.check("00", 0, 0, 0, 6).key().orElseThrow();
        PacketDecoder x = dec(k);
        ByteBuffer out = ByteBuffer.allocate(DataSizes.MAXSIZE);
        // 1 MB of zeros inflates far beyond MAXSIZE; exactly MAXSIZE is still fine.
        assertEquals(DropReason.DECOMPRESS_OVERSIZE.code(), decode(x, datagram(1, new byte[1 << 20]), out));
        assertEquals(DataSizes.MAXSIZE, decode(x, datagram(2, new byte[DataSizes.MAXSIZE]), out));
        assertEquals(DropReason.DECOMPRESS_OVERSIZE.code(), decode(x, datagram(3, new byte[DataSizes.MAXSIZE + 1]),
                out));
        byte[] corrupt = datagram(4, new byte[500]);
        corrupt[corrupt.length - 1] ^= 1; // Adler-32
        assertEquals(DropReason.DECOMPRESS_FAILED.code(), decode(x, corrupt, out));
        byte[] truncated = java.util.Arrays.copyOf(datagram(5, frame(500, 1)), 100);
        assertEquals(DropReason.DECOMPRESS_FAILED.code(), decode(x, truncated, out));
        assertEquals(2, x.dropCount(DropReason.DECOMPRESS_OVERSIZE));
    }

    /** A cipher-none datagram carrying the zlib stream of {@code plain}. */
    static byte[] datagram(int seqno, byte[] plain) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {0, 0, 0, (byte) seqno});
        try (DeflaterOutputStream z = new DeflaterOutputStream(bytes, new Deflater(9))) {
            z.write(plain);
        }
        return bytes.toByteArray();
    }

    @Test
    void runtFramesAndSmallDestinationsAreCounted() {
        DataKey k = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, RND);
        PacketEncoder e = enc(k);
        PacketDecoder x = dec(k);
        assertEquals(DropReason.RUNT_FRAME.code(), decode(x, encode(e, new byte[13]), ByteBuffer.allocate(2000)));
        assertEquals(DropReason.DESTINATION_TOO_SMALL.code(), decode(x, encode(e, frame(100, 1)),
                ByteBuffer.allocate(99)));
        assertEquals(DropReason.FRAME_TOO_LARGE.code(),
                e.encode(ByteBuffer.allocate(2000), 0, 1662, ByteBuffer.allocate(2000), 0));
        assertEquals(DropReason.DESTINATION_TOO_SMALL.code(),
                e.encode(ByteBuffer.allocate(200), 0, 100, ByteBuffer.allocate(200), 150));
        assertEquals(DropReason.FAR_FUTURE, DropReason.of(DropReason.FAR_FUTURE.code()));
    }

    @Test
    void farFutureAndLateThroughTheDecoder() {
        DataKey k = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, RND);
        PacketEncoder e = enc(k);
        PacketDecoder x = dec(k);
        ByteBuffer out = ByteBuffer.allocate(2000);
        byte[][] sent = new byte[300][];
        for (int i = 1; i < 300; i++) {
            sent[i] = encode(e, frame(60, i));
        }
        assertEquals(60, decode(x, sent[1], out));
        assertEquals(60, decode(x, sent[60], out));
        assertEquals(60, decode(x, sent[10], out), "late within the window");
        for (int i = 200; i < 204; i++) {
            assertEquals(DropReason.FAR_FUTURE.code(), decode(x, sent[i], out));
        }
        assertEquals(60, decode(x, sent[204], out));
        assertEquals(204, x.lastSeqno());
        assertEquals(DropReason.REPLAYED.code(), decode(x, sent[11], out));
    }
}
