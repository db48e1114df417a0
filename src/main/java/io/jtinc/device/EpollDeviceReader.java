package io.jtinc.device;

import io.jtinc.log.Log;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The device fd as a Netty 4.2 {@link EpollIoHandle}, registered edge-triggered for EPOLLIN: every readiness
 * event is drained until the device reports EAGAIN, because edge-triggered epoll does not report data that was
 * already there. After {@link #BATCH} frames it yields to the loop's other work and resumes with execute(), so a
 * flood from the kernel cannot starve the sockets. Only the loop thread touches the buffer.
 */
final class EpollDeviceReader implements EpollIoHandle {
    static final int BATCH = 128;

    private final LinuxTunTap device;
    private final IoEventLoop loop;
    private final FrameHandler handler;
    private final FileDescriptor fd;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(Device.MAX_FRAME);
    private volatile boolean stopped;

    EpollDeviceReader(LinuxTunTap device, IoEventLoop loop, FrameHandler handler) {
        this.device = device;
        this.loop = loop;
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
        try {
            drainBatch();
        } finally {
            handler.onBatchEnd();
        }
    }

    private void drainBatch() {
        for (int i = 0; i < BATCH; i++) {
            if (stopped) {
                return;
            }
            buf.clear();
            int n;
            try {
                n = device.read(buf);
            } catch (IOException e) {
                // Reported and retried, as tincd does; the daemon's onError decides when to give up (it exits
                // after ten in a row). The batch limit keeps a persistent error from monopolising the loop.
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
                // One bad frame must not end the drain: with edge triggering we would never be woken again.
                Log.error("Error while processing packet from " + device.info() + " " + device.devicePath() + ": " + e);
            }
        }
        loop.execute(this::drain);
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
