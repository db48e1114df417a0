package io.jtinc.device;

import io.jtinc.log.Log;
import com.sun.jna.Memory;
import io.netty.channel.IoEventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the device on a dedicated daemon thread and hands a copy of each frame to the event loop with execute().
 * Used where there is no epoll: Netty ships no epoll native for 32-bit ARM (armhf, netty#7367), so a Raspberry
 * Pi OS 32-bit system runs the NIO transport, and NIO's Selector cannot watch a TUN fd. The fd is O_NONBLOCK
 * (shared with the write path), so the thread waits in poll(2) with a short timeout and then drains; the timeout
 * also lets {@link #stop} end the thread without closing the fd under it. The copy is needed because the loop
 * runs the handler later, while this thread already reads the next frame.
 */
final class ThreadDeviceReader implements Runnable {
    static final int POLL_MILLIS = 200;
    /** Frames handed over but not yet handled; beyond this we drop, as a full interface queue would. */
    static final int MAX_IN_FLIGHT = 1024;

    private final LinuxTunTap device;
    private final IoEventLoop loop;
    private final FrameHandler handler;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopped;

    ThreadDeviceReader(LinuxTunTap device, IoEventLoop loop, FrameHandler handler) {
        this.device = device;
        this.loop = loop;
        this.handler = handler;
        this.thread = new Thread(this, "device-reader-" + device.interfaceName());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        ByteBuffer buf = ByteBuffer.allocate(Device.MAX_FRAME);
        try (Memory pfd = new Memory(LibC.POLLFD_SIZE)) {
            pfd.clear();
            pfd.setInt(0, device.fd());
            pfd.setShort(LibC.POLLFD_EVENTS_OFFSET, LibC.POLLIN);
            while (!stopped) {
                pfd.setShort(LibC.POLLFD_REVENTS_OFFSET, (short) 0);
                int r = LibC.poll(pfd, 1, POLL_MILLIS);
                if (r < 0 && LibC.errno() != LibC.EINTR) {
                    failed(new IOException("Error while waiting for input: " + LibC.describe(LibC.errno())));
                    return;
                }
                if (r > 0 && !drain(buf)) {
                    return;
                }
            }
        }
    }

    /** Reads until EAGAIN; false when the thread must end. */
    private boolean drain(ByteBuffer buf) {
        while (!stopped) {
            buf.clear();
            int n;
            try {
                n = device.read(buf);
            } catch (IOException e) {
                // Reported and retried like tincd; the pause keeps a persistent error from spinning.
                failed(e);
                pause();
                return !stopped;
            }
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                return true;
            }
            if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                inFlight.decrementAndGet();
                Log.debug(Log.TRAFFIC, "Dropping packet of " + n + " bytes from " + device.info()
                        + ": the event loop is behind");
                continue;
            }
            byte[] copy = new byte[n];
            buf.flip();
            buf.get(copy);
            loop.execute(() -> {
                inFlight.decrementAndGet();
                if (!stopped) {
                    handler.onFrame(ByteBuffer.wrap(copy));
                    handler.onBatchEnd();
                }
            });
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS / 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(IOException e) {
        if (!stopped && !device.isClosed()) {
            loop.execute(() -> handler.onError(e));
        }
    }

    /** Stops the thread and waits (up to two poll periods) for it to leave the fd alone. */
    void stop() {
        stopped = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2L * POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
