package io.jtinc.route;

import java.nio.ByteBuffer;

/**
 * One routing call: the frame (bytes [position, limit)), where it came from, the snapshot and the time.
 * Offsets given to the accessors are relative to the frame start.
 *
 * <p>Mutable and reused by its {@link Router} for every frame, so that routing allocates nothing per packet
 * (NodeDataPathBenchmark under {@code -prof gc}: as a record, the JIT did not always scalar-replace it). Valid only
 * during one {@link Router#route} call, which is never re-entered: the router is confined to one event loop.
 */
final class FrameContext {
    private ByteBuffer buf;
    private String source;
    private boolean fromLocal;
    private RoutingSnapshot snap;
    private long now;

    FrameContext reset(ByteBuffer buf, String source, boolean fromLocal, RoutingSnapshot snap, long now) {
        this.buf = buf;
        this.source = source;
        this.fromLocal = fromLocal;
        this.snap = snap;
        this.now = now;
        return this;
    }

    ByteBuffer buf() {
        return buf;
    }

    String source() {
        return source;
    }

    boolean fromLocal() {
        return fromLocal;
    }

    RoutingSnapshot snap() {
        return snap;
    }

    long now() {
        return now;
    }

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
