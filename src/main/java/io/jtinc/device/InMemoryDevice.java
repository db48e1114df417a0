package io.jtinc.device;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A device for tests: {@link #inject} queues frames for {@link #read}, and written frames are kept for
 * {@link #takeWritten}/{@link #drainWritten}. Both queues are thread-safe and capped (a full queue drops, like a
 * real interface queue), and an optional wake-up listener is told when a frame is injected, so a test loop can
 * drain without polling.
 */
public final class InMemoryDevice implements Device {
    public static final int DEFAULT_CAPACITY = 1024;

    private final DeviceKind kind;
    private final String interfaceName;
    private final LinkedBlockingQueue<byte[]> toRead;
    private final LinkedBlockingQueue<byte[]> written;
    private volatile Runnable wakeUp;
    private volatile boolean closed;

    public InMemoryDevice() {
        this(DeviceKind.TAP, "mem0", DEFAULT_CAPACITY);
    }

    public InMemoryDevice(DeviceKind kind, String interfaceName, int capacity) {
        this.kind = kind;
        this.interfaceName = interfaceName;
        this.toRead = new LinkedBlockingQueue<>(capacity);
        this.written = new LinkedBlockingQueue<>(capacity);
    }

    /** Called (on the injecting thread) after each successful inject. */
    public void setWakeUpListener(Runnable listener) {
        this.wakeUp = listener;
    }

    /** Queues a copy of the frame for reading; false if the queue is full or the device closed. */
    public boolean inject(byte[] frame) {
        if (closed || !toRead.offer(frame.clone())) {
            return false;
        }
        Runnable r = wakeUp;
        if (r != null) {
            r.run();
        }
        return true;
    }

    /** The oldest written frame, waiting up to the timeout; null if none came. */
    public byte[] takeWritten(long timeout, TimeUnit unit) throws InterruptedException {
        return written.poll(timeout, unit);
    }

    /** All written frames so far, oldest first, removed from the queue. */
    public List<byte[]> drainWritten() {
        List<byte[]> out = new ArrayList<>();
        written.drainTo(out);
        return out;
    }

    @Override
    public DeviceKind kind() {
        return kind;
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public String devicePath() {
        return "memory";
    }

    @Override
    public int read(ByteBuffer dst) {
        while (true) {
            if (closed) {
                return -1;
            }
            byte[] f = toRead.poll();
            if (f == null) {
                return 0;
            }
            if (f.length <= dst.remaining()) {
                dst.put(f);
                return f.length;
            }
            // Too long for the caller: dropped, as LinuxTunTap does, so 0 still means "drained".
        }
    }

    /** Thread-safe. Frames are dropped silently once the written queue is full. */
    @Override
    public void write(ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(copy);
        if (!closed) {
            written.offer(copy);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
