package io.jtinc.device;

import java.nio.ByteBuffer;

/** tincd's DeviceType = dummy: nothing is ever read and writes are discarded (a relay-only node). */
public final class DummyDevice implements Device {
    private volatile boolean closed;

    @Override
    public DeviceKind kind() {
        return DeviceKind.DUMMY;
    }

    @Override
    public String interfaceName() {
        return "dummy";
    }

    @Override
    public String devicePath() {
        return "dummy";
    }

    @Override
    public int read(ByteBuffer dst) {
        return closed ? -1 : 0;
    }

    @Override
    public void write(ByteBuffer frame) {
        frame.position(frame.limit());
    }

    @Override
    public void close() {
        closed = true;
    }
}
