package io.jtinc.protocol.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaFramerTest {
    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<MetaFramer.Frame> drain(MetaFramer f) {
        List<MetaFramer.Frame> out = new ArrayList<>();
        for (MetaFramer.Frame x; (x = f.next()) != null; ) {
            out.add(x);
        }
        return out;
    }

    @Test
    void linesAcrossReads() {
        MetaFramer f = new MetaFramer();
        f.offer(ascii("0 al"));
        assertTrue(drain(f).isEmpty());
        f.offer(ascii("pha 17\n8\n9"));
        assertEquals(List.of(new MetaFramer.Line("0 alpha 17"), new MetaFramer.Line("8")), drain(f));
        f.offer(ascii("\n"));
        assertEquals(List.of(new MetaFramer.Line("9")), drain(f));
    }

    @Test
    void packetPayloadAcrossReadsThenLinesAgain() {
        MetaFramer f = new MetaFramer();
        f.offer(ascii("17 5\nab"));
        var line = assertInstanceOf(MetaFramer.Line.class, f.next());
        assertEquals("17 5", line.text());
        f.expectPacket(5);
        assertNull(f.next());
        f.offer(ascii("c\nd8\n"));
        var p = assertInstanceOf(MetaFramer.Payload.class, f.next());
        assertArrayEquals("abc\nd".getBytes(StandardCharsets.ISO_8859_1), p.bytes());
        assertEquals(new MetaFramer.Line("8"), f.next());
        f.expectPacket(0);
        assertNull(f.next());
    }

    @Test
    void lineOf2176BytesFitsButNotOneMore() {
        MetaFramer f = new MetaFramer();
        ByteBuffer ok = ascii("x".repeat(2175) + "\n");
        f.offer(ok);
        assertEquals(2175, ((MetaFramer.Line) f.next()).text().length());
        assertFalse(f.overflowed());
        ByteBuffer big = ascii("y".repeat(2176) + "\n");
        int taken = f.offer(big);
        assertEquals(2176, taken);
        assertNull(f.next());
        assertTrue(f.overflowed());
    }

    @Test
    void nulTruncatesTheLineLikeACString() {
        MetaFramer f = new MetaFramer();
        f.offer(ascii("8\0garbage\n"));
        assertEquals(new MetaFramer.Line("8"), f.next());
    }

    /** The METAKEY line and the first encrypted bytes in one read: decryption starts exactly after the line. */
    @Test
    void decryptionCutOverMidBuffer() {
        byte[] m = MetaCryptoTest.appendixAMaterial();
        byte[] cipherText = "2 00112233\n8\n".getBytes(StandardCharsets.ISO_8859_1);
        MetaCiphers.create(429, true, m).update(cipherText, 0, cipherText.length);
        byte[] plainHead = "1 429 672 0 0 ABCD\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= plainHead.length + cipherText.length; split++) {
            ByteBuffer all = ByteBuffer.allocate(plainHead.length + cipherText.length).put(plainHead).put(cipherText)
                    .flip();
            MetaFramer f = new MetaFramer();
            List<String> lines = new ArrayList<>();
            ByteBuffer first = all.duplicate().limit(split);
            ByteBuffer second = all.duplicate().position(split);
            for (ByteBuffer part : List.of(first, second)) {
                f.offer(part);
                for (MetaFramer.Frame x; (x = f.next()) != null; ) {
                    String text = ((MetaFramer.Line) x).text();
                    lines.add(text);
                    if (text.startsWith("1 ")) {
                        f.enableDecryption(MetaCiphers.create(429, false, m));
                    }
                }
            }
            assertEquals(List.of("1 429 672 0 0 ABCD", "2 00112233", "8"), lines, "split at " + split);
        }
    }
}
