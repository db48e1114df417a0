package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The TAP write-side merge: the frames the segmenter cuts from a kernel super-frame (checked against the kernel's
 * rules in OffloadSegmenterTest) merge back into one super-frame, which the segmenter cuts into the very same
 * frames again; and anything that Linux's GRO would not merge is not merged.
 */
class OffloadCoalescerTest {
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private final Random random = new Random(7);

    @Test
    void segmentsOfOneFlowMergeIntoASuperFrameThatCutsBackIntoTheSameSegments() {
        for (boolean v6 : new boolean[] {false, true}) {
            List<byte[]> segments = cut(v6, 5000, 1400, ACK | PSH);
            assertEquals(4, segments.size());
            OffloadCoalescer c = new OffloadCoalescer(ByteBuffer.allocateDirect(70000));
            for (byte[] s : segments) {
                assertTrue(c.offer(ByteBuffer.wrap(s)), "joins");
            }
            int n = c.finish();
            ByteBuffer out = c.buffer();
            ByteBuffer hdr = out.duplicate().order(ByteOrder.nativeOrder());
            assertEquals(OffloadSegmenter.F_NEEDS_CSUM, out.get(0));
            assertEquals(v6 ? OffloadSegmenter.GSO_TCPV6 : OffloadSegmenter.GSO_TCPV4, out.get(1));
            int l4 = 14 + (v6 ? 40 : 20);
            assertEquals(1400, hdr.getShort(4), "gso_size");
            assertEquals(l4, hdr.getShort(6), "csum_start");
            assertEquals(16, hdr.getShort(8), "csum_offset");
            assertEquals(10 + l4 + 32 + 5000, n);
            if (!v6) {
                assertEquals(0xffff, sum(out, 10 + 14, 20, 0), "IPv4 header checksum of the super-frame");
            }

            OffloadSegmenter again = new OffloadSegmenter();
            assertEquals(null, again.load(out, n));
            List<byte[]> recut = new ArrayList<>();
            while (again.hasNext()) {
                ByteBuffer dst = ByteBuffer.allocate(2000);
                int len = again.next(dst);
                recut.add(Arrays.copyOf(dst.array(), len));
            }
            assertEquals(segments.size(), recut.size());
            for (int i = 0; i < segments.size(); i++) {
                assertArrayEquals(segments.get(i), recut.get(i), (v6 ? "IPv6" : "IPv4") + " segment " + i);
            }
        }
    }

    @Test
    void aLoneSegmentIsWrittenAsItCameWithAnEmptyVirtioHeader() {
        byte[] s = cut(false, 1000, 1400, ACK).get(0);
        OffloadCoalescer c = new OffloadCoalescer(ByteBuffer.allocateDirect(70000));
        assertTrue(c.offer(ByteBuffer.wrap(s)));
        assertEquals(10 + s.length, c.finish());
        byte[] written = new byte[s.length];
        c.buffer().get(10, written);
        assertArrayEquals(s, written);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, c.buffer().get(i));
        }
        assertTrue(c.isEmpty());
        assertEquals(0, c.finish(), "nothing pending after a finish");
    }

    @Test
    void framesLinuxGroWouldNotMergeAreRefused() {
        List<byte[]> segs = cut(false, 6000, 1400, ACK);

        assertFalse(pair(segs.get(0), segs.get(2)), "a gap in the sequence");
        assertFalse(pair(segs.get(1), segs.get(0)), "out of order");

        byte[] corrupt = segs.get(1).clone();
        corrupt[corrupt.length - 1] ^= 1;
        assertFalse(pair(segs.get(0), corrupt), "a segment whose TCP checksum fails");

        byte[] otherPort = segs.get(1).clone();
        otherPort[34 + 1] ^= 1;
        assertFalse(pair(segs.get(0), otherPort), "another flow");

        byte[] otherId = segs.get(1).clone();
        otherId[14 + 5] ^= 4;
        fixIpv4Checksum(otherId);
        assertFalse(pair(segs.get(0), otherId), "an IPv4 ID that does not count up");

        assertFalse(new OffloadCoalescer(ByteBuffer.allocateDirect(70000)).offer(ByteBuffer.wrap(syn(segs.get(0)))),
                "a SYN is never held");

        List<byte[]> pushed = cut(false, 3000, 1400, ACK | PSH);
        OffloadCoalescer s = new OffloadCoalescer(ByteBuffer.allocateDirect(70000));
        assertTrue(s.offer(ByteBuffer.wrap(pushed.get(0))));
        assertTrue(s.offer(ByteBuffer.wrap(pushed.get(1))));
        assertTrue(s.offer(ByteBuffer.wrap(pushed.get(2))), "the short, pushed last segment joins");
        assertEquals(PSH, s.buffer().get(10 + 34 + 13) & PSH, "the merged frame carries PSH");
        assertFalse(s.offer(ByteBuffer.wrap(segs.get(0))), "nothing joins after the last segment");
    }

    // ---- helpers ----

    private boolean pair(byte[] first, byte[] second) {
        OffloadCoalescer c = new OffloadCoalescer(ByteBuffer.allocateDirect(70000));
        assertTrue(c.offer(ByteBuffer.wrap(first)));
        ByteBuffer b = ByteBuffer.wrap(second);
        boolean joined = c.offer(b);
        assertEquals(joined ? b.limit() : 0, b.position(), "consumed only when taken");
        return joined;
    }

    /** What the kernel hands a TAP with TSO, cut by the segmenter: valid frames of one flow. */
    private List<byte[]> cut(boolean v6, int payload, int mss, int flags) {
        int l3 = 14;
        int l4 = l3 + (v6 ? 40 : 20);
        byte[] f = new byte[l4 + 32 + payload];
        ByteBuffer b = ByteBuffer.wrap(f);
        for (int i = 0; i < 12; i++) {
            f[i] = (byte) (0x30 + i);
        }
        b.putShort(12, (short) (v6 ? 0x86dd : 0x0800));
        if (v6) {
            b.put(l3, (byte) 0x60).putShort(l3 + 4, (short) (32 + payload)).put(l3 + 6, (byte) 6).put(l3 + 7, (byte) 64);
            for (int i = 0; i < 32; i++) {
                f[l3 + 8 + i] = (byte) (0x40 + i);
            }
        } else {
            b.put(l3, (byte) 0x45).putShort(l3 + 2, (short) (20 + 32 + payload)).putShort(l3 + 4, (short) 0xfffe)
                    .putShort(l3 + 6, (short) 0x4000).put(l3 + 8, (byte) 64).put(l3 + 9, (byte) 6)
                    .putInt(l3 + 12, 0x0a630101).putInt(l3 + 16, 0x0a630102);
        }
        b.putShort(l4, (short) 5201).putShort(l4 + 2, (short) 41000).putInt(l4 + 4, 0xffffff00).putInt(l4 + 8, 99);
        b.put(l4 + 12, (byte) 0x80).put(l4 + 13, (byte) flags).putShort(l4 + 14, (short) 1000);
        b.put(l4 + 20, (byte) 1).put(l4 + 21, (byte) 1).put(l4 + 22, (byte) 8).put(l4 + 23, (byte) 10);
        b.putInt(l4 + 24, 123456).putInt(l4 + 28, 654321);
        byte[] data = new byte[payload];
        random.nextBytes(data);
        System.arraycopy(data, 0, f, l4 + 32, payload);

        ByteBuffer h = ByteBuffer.allocate(10).order(ByteOrder.nativeOrder());
        h.put((byte) 1).put((byte) (v6 ? 4 : 1)).putShort((short) 0).putShort((short) mss).putShort((short) l4)
                .putShort((short) 16);
        ByteBuffer src = ByteBuffer.allocateDirect(70000);
        src.put(0, h.array()).put(10, f);
        OffloadSegmenter seg = new OffloadSegmenter();
        assertEquals(null, seg.load(src, 10 + f.length));
        List<byte[]> out = new ArrayList<>();
        while (seg.hasNext()) {
            ByteBuffer dst = ByteBuffer.allocate(2000);
            int len = seg.next(dst);
            out.add(Arrays.copyOf(dst.array(), len));
        }
        return out;
    }

    private static byte[] syn(byte[] segment) {
        byte[] s = segment.clone();
        s[34 + 13] = 0x02;
        return s;
    }

    private static void fixIpv4Checksum(byte[] f) {
        f[14 + 10] = 0;
        f[14 + 11] = 0;
        int c = ~sum(ByteBuffer.wrap(f), 14, 20, 0) & 0xffff;
        f[14 + 10] = (byte) (c >>> 8);
        f[14 + 11] = (byte) c;
    }

    private static int sum(ByteBuffer b, int from, int len, int initial) {
        long s = initial;
        for (int i = 0; i < len; i += 2) {
            s += ((b.get(from + i) & 0xff) << 8) | (i + 1 < len ? b.get(from + i + 1) & 0xff : 0);
        }
        while (s >>> 16 != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
