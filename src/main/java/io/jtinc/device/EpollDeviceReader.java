package io.jtinc.device;

import io.jtinc.log.Log;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The device fd as a Netty 4.2 {@link EpollIoHandle}, registered level-triggered for EPOLLIN, so epoll reports
 * the fd again for as long as frames are queued and a drain may stop whenever it likes.
 *
 * <p>Why level- and not edge-triggered: with edge triggering every drain must read until EAGAIN, which costs one
 * empty read(2) per wake-up. A ping, or any trickle of single frames, paid that extra syscall at every hop (the
 * kernel does them with the 10-20 µs each of a VM's syscall; tincd reads one frame per select). So a quiet device
 * (the previous drain ended more than {@link #BUSY_GAP_NANOS} ago) is read one frame per wake-up, like tincd; a busy
 * one (woken again right after a drain: frames are queueing) up to {@link #BATCH} frames or EAGAIN, so bulk
 * traffic keeps many frames per epoll_wait and per flush. Either way a frame left behind is reported again, and
 * after {@link #BATCH} frames the loop serves its sockets before the device gets another turn. Only the loop
 * thread touches the buffer.
 */
final class EpollDeviceReader implements EpollIoHandle {
    static final int BATCH = 128;
    /** A drain starting within this long after the previous one ended means frames are arriving back to back. */
    static final long BUSY_GAP_NANOS = 1_000_000;

    private final LinuxTunTap device;
    private final FrameHandler handler;
    private final FileDescriptor fd;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(Device.MAX_FRAME);
    private volatile boolean stopped;
    private long lastDrainEnd = Long.MIN_VALUE / 2;

    EpollDeviceReader(LinuxTunTap device, FrameHandler handler) {
        this.device = device;
        this.handler = handler;
        // Netty never closes this FileDescriptor (cancelling a registration only removes it from epoll); the
        // device owns the fd and closes it.
        this.fd = new FileDescriptor(device.fd());
    }

    @Override
    public FileDescriptor fd() {
        return fd;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        drain();
    }

    private void drain() {
        long start = System.nanoTime();
        int limit = start - lastDrainEnd < BUSY_GAP_NANOS ? BATCH : 1;
        try {
            drainBatch(limit);
        } finally {
            lastDrainEnd = System.nanoTime();
            handler.onBatchEnd();
        }
    }

    private void drainBatch(int limit) {
        // A super-frame read from an offloading TAP is handed out whole: its remaining segments are in our
        // memory, not in the kernel's queue, so epoll would not report them again.
        for (int i = 0; i < limit || device.hasBufferedFrames(); i++) {
            if (stopped) {
                return;
            }
            buf.clear();
            int n;
            try {
                n = device.read(buf);
            } catch (IOException e) {
                // Reported and retried, as tincd does; the daemon's onError decides when to give up (it exits
                // after ten in a row). The limit keeps a persistent error from monopolising the loop.
                handler.onError(e);
                continue;
            }
            if (n <= 0) {
                return;
            }
            buf.flip();
            try {
                handler.onFrame(buf);
            } catch (RuntimeException e) {
                // One bad frame must not end the drain; level triggering would report the rest anyway.
                Log.error("Error while processing packet from " + device.info() + " " + device.devicePath() + ": " + e);
            }
        }
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        // Called by Netty when the loop shuts down; the device itself belongs to whoever opened it.
        stopped = true;
    }
}
