package io.jtinc.route;

import java.nio.ByteBuffer;

/**
 * One routing call: the frame (bytes [position, limit)), where it came from, the snapshot and the time.
 * Offsets given to the accessors are relative to the frame start.
 */
record FrameContext(ByteBuffer buf, String source, boolean fromLocal, RoutingSnapshot snap, long now) {
    int b() {
        return buf.position();
    }

    int len() {
        return buf.remaining();
    }

    int u8(int i) {
        return buf.get(buf.position() + i) & 0xff;
    }

    int u16(int i) {
        return Checksums.u16(buf, buf.position() + i);
    }

    int i32(int i) {
        return buf.getInt(buf.position() + i);
    }

    long i64(int i) {
        return buf.getLong(buf.position() + i);
    }
}
