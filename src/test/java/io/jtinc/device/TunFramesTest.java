package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TunFramesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void piPacketBecomesZeroMacsPlusEthertypeLikeTincd() {
        // flags 0x0001 (TUN_PKT_STRIP) must not survive; proto 0x86dd becomes the ethertype.
        ByteBuffer pi = ByteBuffer.wrap(HEX.parseHex("000186dd6000000000"));
        ByteBuffer dst = ByteBuffer.allocate(100);
        dst.position(3);
        assertEquals(19, TunFrames.piToEthernet(pi, 9, dst));
        assertEquals(22, dst.position());
        byte[] out = new byte[19];
        dst.get(3, out);
        assertEquals("00000000000000000000000086dd6000000000", HEX.formatHex(out));
    }

    @Test
    void ethernetFrameBecomesPiWithClearedFlags() {
        ByteBuffer frame = ByteBuffer.wrap(HEX.parseHex("ffffffffffff02000000000108004500aabb"));
        frame.position(0);
        ByteBuffer dst = ByteBuffer.allocate(64);
        dst.put(0, (byte) 0x55).put(1, (byte) 0x55);
        assertEquals(8, TunFrames.ethernetToPi(frame, dst));
        assertEquals(0, frame.position(), "the frame's position is left alone");
        byte[] out = new byte[8];
        dst.get(0, out);
        assertEquals("000008004500aabb", HEX.formatHex(out));
    }

    @Test
    void roundTripKeepsThePayload() {
        byte[] ip = new byte[1500];
        for (int i = 0; i < ip.length; i++) {
            ip[i] = (byte) (i * 7);
        }
        ByteBuffer pi = ByteBuffer.allocate(1504);
        pi.put(2, (byte) 0x08).put(3, (byte) 0x00).put(4, ip);
        ByteBuffer eth = ByteBuffer.allocate(Device.MAX_FRAME);
        assertEquals(1514, TunFrames.piToEthernet(pi, 1504, eth));
        eth.flip();
        ByteBuffer back = ByteBuffer.allocate(2000);
        assertEquals(1504, TunFrames.ethernetToPi(eth, back));
        byte[] payload = new byte[1500];
        back.get(4, payload);
        assertArrayEquals(ip, payload);
        assertEquals(0x0800, back.getShort(2));
    }

    @Test
    void rejectsTruncatedInputAndTooSmallOutput() {
        assertEquals(-1, TunFrames.piToEthernet(ByteBuffer.allocate(3), 3, ByteBuffer.allocate(100)));
        assertEquals(-1, TunFrames.piToEthernet(ByteBuffer.allocate(100), 100, ByteBuffer.allocate(109)));
        assertEquals(-1, TunFrames.ethernetToPi(ByteBuffer.allocate(13), ByteBuffer.allocate(100)));
        assertEquals(-1, TunFrames.ethernetToPi(ByteBuffer.allocate(100), ByteBuffer.allocate(89)));
    }
}
