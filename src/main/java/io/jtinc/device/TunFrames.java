package io.jtinc.device;

import java.nio.ByteBuffer;

/**
 * Converts between the kernel's TUN packets (4-byte packet-information header: flags, protocol; then the IP
 * packet) and the Ethernet frames tinc carries. tincd keeps the PI header (it opens TUN without IFF_NO_PI) so
 * that its protocol field — an ethertype — becomes the frame's ethertype, behind 12 zero MAC bytes (spec §5.9).
 * Peers in router mode ignore the MACs; we must still produce exactly those bytes to be wire-identical.
 * Pure functions on buffers, so they are testable without a device.
 */
public final class TunFrames {
    /** struct tun_pi: u16 flags, be16 proto. */
    public static final int PI_LEN = 4;
    public static final int ETH_HLEN = 14;
    /** How much longer the Ethernet form is than the PI form. */
    public static final int GROWTH = ETH_HLEN - PI_LEN;

    private TunFrames() {
    }

    /**
     * Converts the PI packet at src[0, len) into an Ethernet frame at dst.position(), advancing dst's position.
     * Returns the frame length, or -1 if the packet is shorter than its PI header or does not fit.
     */
    public static int piToEthernet(ByteBuffer src, int len, ByteBuffer dst) {
        int frameLen = len + GROWTH;
        if (len < PI_LEN || dst.remaining() < frameLen) {
            return -1;
        }
        int p = dst.position();
        for (int i = 0; i < 12; i++) {
            dst.put(p + i, (byte) 0);
        }
        // The PI flags (TUN_PKT_STRIP) are dropped, as tincd does; only the protocol survives.
        dst.put(p + 12, src.get(2));
        dst.put(p + 13, src.get(3));
        dst.put(p + ETH_HLEN, src, PI_LEN, len - PI_LEN);
        dst.position(p + frameLen);
        return frameLen;
    }

    /**
     * Converts the Ethernet frame frame[position, limit) into a PI packet at dst[0, n) (flags cleared, the
     * ethertype as protocol) without moving the frame's position. Returns n, or -1 if the frame has no full
     * Ethernet header or does not fit.
     */
    public static int ethernetToPi(ByteBuffer frame, ByteBuffer dst) {
        int p = frame.position();
        int len = frame.remaining();
        int piLen = len - GROWTH;
        if (len < ETH_HLEN || dst.capacity() < piLen) {
            return -1;
        }
        dst.put(0, (byte) 0);
        dst.put(1, (byte) 0);
        dst.put(2, frame.get(p + 12));
        dst.put(3, frame.get(p + 13));
        dst.put(PI_LEN, frame, p + ETH_HLEN, len - ETH_HLEN);
        return piLen;
    }
}
