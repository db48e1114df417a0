package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The TAP offload's segmentation against what the kernel's own tcp_gso_segment produces: every segment a valid
 * frame (checked here with a byte-at-a-time checksum, independent of the code under test), sequence numbers,
 * IDs, lengths and flags as the kernel sets them, and the payload intact in order.
 */
class OffloadSegmenterTest {
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int FIN = 0x01;
    private static final int CWR = 0x80;
    private final Random random = new Random(42);

    @Test
    void anIpv4SuperFrameBecomesMssSizedFramesWithTheKernelsHeaders() {
        byte[] payload = randomBytes(4000);
        byte[] frame = tcpFrame(false, 0, payload, 0xfffffff0L, ACK | PSH | FIN | CWR);
        List<byte[]> segments = segment(vnet(1, OffloadSegmenter.GSO_TCPV4, 1448, 14 + 20, 16), frame);

        assertEquals(3, segments.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            byte[] s = segments.get(i);
            int data = i < 2 ? 1448 : 4000 - 2 * 1448;
            assertEquals(14 + 20 + 32 + data, s.length);
            ByteBuffer b = ByteBuffer.wrap(s);
            assertEquals(20 + 32 + data, u16(b, 14 + 2), "IPv4 total length");
            assertEquals(0x1234 + i, u16(b, 14 + 4), "IPv4 ID");
            assertEquals(0xffff, naiveSum(s, 14, 20, 0), "IPv4 header checksum");
            assertEquals((0xfffffff0L + i * 1448L) & 0xffffffffL, b.getInt(34 + 4) & 0xffffffffL, "sequence");
            int flags = s[34 + 13] & 0xff;
            assertEquals(i == 0, (flags & CWR) != 0, "CWR only on the first segment");
            assertEquals(i == 2, (flags & (FIN | PSH)) == (FIN | PSH), "FIN and PSH only on the last");
            assertTrue((flags & ACK) != 0);
            int pseudo = naiveSum(s, 14 + 12, 8, 6 + 32 + data);
            assertEquals(0xffff, naiveSum(s, 34, 32 + data, pseudo), "TCP checksum of segment " + i);
            assertArrayEquals(java.util.Arrays.copyOfRange(frame, 34, 66), withSeqFlagsAndChecksum(s, frame),
                    "TCP options are copied");
            joined.write(s, 66, data);
        }
        assertArrayEquals(payload, joined.toByteArray());
    }

    @Test
    void anIpv6SuperFrameBehindAVlanTagIsCutTooAndItsPayloadLengthFollows() {
        byte[] payload = randomBytes(3000);
        byte[] frame = tcpFrame(true, 0x0064, payload, 1000, ACK | PSH);
        int l4 = 18 + 40;
        List<byte[]> segments = segment(vnet(1, OffloadSegmenter.GSO_TCPV6, 1428, l4, 16), frame);

        assertEquals(3, segments.size());
        for (int i = 0; i < 3; i++) {
            byte[] s = segments.get(i);
            int data = i < 2 ? 1428 : 3000 - 2 * 1428;
            ByteBuffer b = ByteBuffer.wrap(s);
            assertEquals(0x8100, u16(b, 12), "the VLAN tag is kept");
            assertEquals(32 + data, u16(b, 18 + 4), "IPv6 payload length");
            assertEquals(1000 + i * 1428L, b.getInt(l4 + 4) & 0xffffffffL);
            int pseudo = naiveSum(s, 18 + 8, 32, 6 + 32 + data);
            assertEquals(0xffff, naiveSum(s, l4, 32 + data, pseudo), "TCP checksum of segment " + i);
        }
    }

    @Test
    void aPartialChecksumIsFinishedAsTheKernelWouldForAPlainFrame() {
        // A UDP/IPv4 datagram whose checksum field holds only the pseudo-header sum (CHECKSUM_PARTIAL).
        byte[] frame = new byte[14 + 20 + 8 + 101];
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.putShort(12, (short) 0x0800);
        b.put(14, (byte) 0x45);
        b.putShort(16, (short) (20 + 8 + 101));
        b.put(14 + 9, (byte) 17);
        b.putInt(14 + 12, 0x0a000001);
        b.putInt(14 + 16, 0x0a000002);
        b.putShort(34, (short) 5000);
        b.putShort(36, (short) 53);
        b.putShort(38, (short) (8 + 101));
        byte[] data = randomBytes(101);
        System.arraycopy(data, 0, frame, 42, 101);
        int pseudo = naiveSum(frame, 14 + 12, 8, 17 + 8 + 101);
        b.putShort(34 + 6, (short) pseudo);

        List<byte[]> out = segment(vnet(OffloadSegmenter.F_NEEDS_CSUM, OffloadSegmenter.GSO_NONE, 0, 34, 6), frame);

        assertEquals(1, out.size());
        assertEquals(0xffff, naiveSum(out.get(0), 34, 8 + 101, pseudo), "UDP checksum verifies");
    }

    @Test
    void aFrameWithoutOffloadIsPassedOnUnchanged() {
        byte[] frame = randomBytes(60);
        List<byte[]> out = segment(vnet(0, OffloadSegmenter.GSO_NONE, 0, 0, 0), frame);
        assertEquals(1, out.size());
        assertArrayEquals(frame, out.get(0));
    }

    @Test
    void malformedHeadersAreRefusedWithAReason() {
        OffloadSegmenter seg = new OffloadSegmenter();
        byte[] tcp = tcpFrame(false, 0, randomBytes(3000), 1, ACK);
        assertNotNull(seg.load(packet(vnet(0, 3, 1400, 34, 6), tcp), 10 + tcp.length), "UFO was never offered");
        assertNotNull(seg.load(packet(vnet(1, OffloadSegmenter.GSO_TCPV4, 1448, 34, 16), new byte[20]), 30),
                "shorter than the headers");
        assertNotNull(seg.load(packet(vnet(1, OffloadSegmenter.GSO_NONE, 0, 34, 4000), tcp), 10 + tcp.length),
                "checksum field beyond the frame");
        assertNotNull(seg.load(packet(vnet(1, OffloadSegmenter.GSO_TCPV6, 1448, 34, 16), tcp), 10 + tcp.length),
                "IPv4 packet labelled TCPv6");
        assertNotNull(seg.load(packet(vnet(1, OffloadSegmenter.GSO_TCPV4, 0, 34, 16), tcp), 10 + tcp.length),
                "no segment size");
        assertNotNull(seg.load(packet(vnet(1, OffloadSegmenter.GSO_TCPV4, 1448, 38, 16), tcp), 10 + tcp.length),
                "TCP header not where the IPv4 header ends");
        assertFalse(seg.hasNext(), "a refused packet leaves nothing to hand out");
    }

    @Test
    void aSegmentThatDoesNotFitIsSkippedAndTheRestStillComeOut() {
        OffloadSegmenter seg = new OffloadSegmenter();
        byte[] tcp = tcpFrame(false, 0, randomBytes(3000), 1, ACK);
        assertNull(seg.load(packet(vnet(1, OffloadSegmenter.GSO_TCPV4, 1448, 34, 16), tcp), 10 + tcp.length));
        assertEquals(-1, seg.next(ByteBuffer.allocate(100)));
        assertEquals(66 + 1448, seg.next(ByteBuffer.allocate(2000)));
        assertEquals(66 + 3000 - 2 * 1448, seg.next(ByteBuffer.allocate(2000)));
        assertFalse(seg.hasNext());
    }

    // ---- helpers ----

    private List<byte[]> segment(byte[] vnetHeader, byte[] frame) {
        OffloadSegmenter seg = new OffloadSegmenter();
        ByteBuffer src = packet(vnetHeader, frame);
        assertNull(seg.load(src, vnetHeader.length + frame.length));
        List<byte[]> out = new ArrayList<>();
        while (seg.hasNext()) {
            ByteBuffer dst = ByteBuffer.allocateDirect(Device.MAX_FRAME);
            dst.position(0);
            int len = seg.next(dst);
            assertTrue(len > 0);
            assertEquals(len, dst.position());
            byte[] b = new byte[len];
            dst.get(0, b);
            out.add(b);
        }
        return out;
    }

    private static ByteBuffer packet(byte[] vnetHeader, byte[] frame) {
        ByteBuffer src = ByteBuffer.allocateDirect(70000);
        src.put(0, vnetHeader).put(vnetHeader.length, frame);
        return src;
    }

    /** A struct virtio_net_hdr in the host's byte order, as the kernel writes it. */
    private static byte[] vnet(int flags, int gsoType, int gsoSize, int csumStart, int csumOffset) {
        ByteBuffer h = ByteBuffer.allocate(10).order(ByteOrder.nativeOrder());
        h.put((byte) flags).put((byte) gsoType).putShort((short) 0).putShort((short) gsoSize)
                .putShort((short) csumStart).putShort((short) csumOffset);
        return h.array();
    }

    /** Ethernet (+ optional VLAN) + IPv4 or IPv6 + TCP with 12 bytes of options, checksum fields left partial. */
    private byte[] tcpFrame(boolean v6, int vlan, byte[] payload, long seq, int flags) {
        int l3 = vlan != 0 ? 18 : 14;
        int l4 = l3 + (v6 ? 40 : 20);
        byte[] f = new byte[l4 + 32 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(f);
        for (int i = 0; i < 12; i++) {
            f[i] = (byte) (0x10 + i);
        }
        if (vlan != 0) {
            b.putShort(12, (short) 0x8100).putShort(14, (short) vlan);
        }
        b.putShort(l3 - 2, (short) (v6 ? 0x86dd : 0x0800));
        if (v6) {
            b.put(l3, (byte) 0x60);
            b.putShort(l3 + 4, (short) (32 + payload.length));
            b.put(l3 + 6, (byte) 6).put(l3 + 7, (byte) 64);
            for (int i = 0; i < 32; i++) {
                f[l3 + 8 + i] = (byte) (0x20 + i);
            }
        } else {
            b.put(l3, (byte) 0x45);
            b.putShort(l3 + 2, (short) (20 + 32 + payload.length));
            b.putShort(l3 + 4, (short) 0x1234).putShort(l3 + 6, (short) 0x4000);
            b.put(l3 + 8, (byte) 64).put(l3 + 9, (byte) 6);
            b.putInt(l3 + 12, 0xc0a80001).putInt(l3 + 16, 0xc0a80002);
        }
        b.putShort(l4, (short) 40000).putShort(l4 + 2, (short) 5201);
        b.putInt(l4 + 4, (int) seq).putInt(l4 + 8, 777);
        b.put(l4 + 12, (byte) (8 << 4)).put(l4 + 13, (byte) flags).putShort(l4 + 14, (short) 500);
        b.putShort(l4 + 16, (short) 0x4321); // the partial sum the kernel leaves; we recompute it
        b.put(l4 + 20, (byte) 1).put(l4 + 21, (byte) 1).put(l4 + 22, (byte) 8).put(l4 + 23, (byte) 10);
        b.putInt(l4 + 24, 0x01020304).putInt(l4 + 28, 0x05060708);
        System.arraycopy(payload, 0, f, l4 + 32, payload.length);
        return f;
    }

    /** The segment's TCP header with sequence, flags and checksum put back to the super-frame's. */
    private static byte[] withSeqFlagsAndChecksum(byte[] segment, byte[] superFrame) {
        byte[] h = java.util.Arrays.copyOfRange(segment, 34, 66);
        System.arraycopy(superFrame, 34 + 4, h, 4, 4);
        h[13] = superFrame[34 + 13];
        h[16] = superFrame[34 + 16];
        h[17] = superFrame[34 + 17];
        return h;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static int u16(ByteBuffer b, int i) {
        return b.getShort(i) & 0xffff;
    }

    /** RFC 1071, sixteen bits at a time, starting from {@code initial}; 0xffff means "verifies". */
    private static int naiveSum(byte[] b, int from, int len, int initial) {
        long s = initial;
        for (int i = 0; i < len; i += 2) {
            int hi = b[from + i] & 0xff;
            int lo = i + 1 < len ? b[from + i + 1] & 0xff : 0;
            s += hi << 8 | lo;
        }
        while (s >>> 16 != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
