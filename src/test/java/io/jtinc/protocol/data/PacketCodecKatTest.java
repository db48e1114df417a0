package io.jtinc.protocol.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtinc.crypto.Algorithms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Spec Appendix A: two datagrams computed by code that interoperated with tincd 1.0.36. */
class PacketCodecKatTest {
    static final String SEQ1 = "48e6c87955b2265f444e36484afd49bfeb69d50d8f9fd01fc087cc3578c97db5"
            + "a8eefcda429488dcf50f4fd1eb993a2bb3f36571";
    static final String SEQ2 = "2b5e4da0ed4d42b950ffaa702eab64ba6f2be48b62934065f7ab9be989c2cc5b"
            + "4de8946718068039d53ecc86ac099d54ca319493";

    static DataKey appendixKey() {
        StringBuilder hex = new StringBuilder();
        for (int i = 0x10; i <= 0x3f; i++) {
            hex.append(String.format("%02x", i));
        }
        return AnsKeyCheck.check(hex.toString(), 427, 672, 4, 0).key().orElseThrow();
    }

    static byte[] appendixFrame() {
        byte[] head = HexFormat.of().parseHex("020000000002" + "020000000001" + "86dd");
        byte[] text = "hello tinc 1.0".getBytes(StandardCharsets.US_ASCII);
        byte[] f = new byte[head.length + text.length];
        System.arraycopy(head, 0, f, 0, head.length);
        System.arraycopy(text, 0, f, head.length, text.length);
        return f;
    }

    @Test
    void encodesAppendixADatagramsByteForByte() {
        PacketEncoder enc = new PacketEncoder(appendixKey(), "beta", "10.0.0.2 port 655");
        ByteBuffer frame = ByteBuffer.wrap(appendixFrame());
        ByteBuffer out = ByteBuffer.allocateDirect(DataSizes.MAX_DATAGRAM);
        for (String expected : new String[] {SEQ1, SEQ2}) {
            int n = enc.encode(frame, 0, frame.remaining(), out, 0);
            byte[] got = new byte[n];
            out.get(0, got);
            assertEquals(expected, HexFormat.of().formatHex(got));
        }
        assertEquals(2, enc.lastSeqno());
        assertEquals(0, out.position());
    }

    @Test
    void decodesAppendixADatagrams() {
        PacketDecoder dec = new PacketDecoder(appendixKey(), 16, "alpha", "10.0.0.1 port 655");
        ByteBuffer out = ByteBuffer.allocate(DataSizes.MAXSIZE);
        long seq = 1;
        for (String hex : new String[] {SEQ1, SEQ2}) {
            byte[] d = HexFormat.of().parseHex(hex);
            // A direct source at a non-zero offset, to pin down the absolute-index contract.
            ByteBuffer src = ByteBuffer.allocateDirect(100);
            src.put(7, d);
            int n = dec.decode(src, 7, d.length, out, 3);
            assertEquals(appendixFrame().length, n);
            byte[] got = new byte[n];
            out.get(3, got);
            assertArrayEquals(appendixFrame(), got);
            assertEquals(seq++, dec.lastSeqno());
        }
        assertEquals(2, dec.decodedCount());
    }

    @Test
    void macIsAlgorithmsRegistryDefault() {
        assertEquals(Algorithms.AES_256_CBC, appendixKey().cipher());
        assertEquals(48, appendixKey().materialLength());
    }
}
