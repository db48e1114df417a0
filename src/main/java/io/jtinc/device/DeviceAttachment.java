package io.jtinc.device;

import io.jtinc.log.Log;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Puts a device's reads into an event loop, so frames reach the handler on the loop thread:
 * <ul>
 * <li>epoll loop and a kernel device: the fd is registered as a Netty 4.2 {@link EpollIoHandle}, level-triggered,
 *     read one frame per wake-up when quiet and in batches when busy ({@link EpollDeviceReader}). No extra
 *     thread, no copy.
 * <li>any other loop (NIO; there is no epoll native on 32-bit ARM), or when forced: a blocking reader thread
 *     that hands copies of the frames to the loop with execute() ({@link ThreadDeviceReader}).
 * <li>{@link InMemoryDevice}: its wake-up listener schedules a drain on the loop. {@link DummyDevice}: nothing.
 * </ul>
 * The attachment does not own the device: close the attachment first, then the device, so no reader ever
 * touches a closed fd number that the kernel may already have reused.
 */
public final class DeviceAttachment implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;

    private final IoEventLoop loop;
    private final boolean usesEpoll;
    private final EpollDeviceReader epollReader;
    private final IoRegistration registration;
    private final ThreadDeviceReader threadReader;
    private final InMemoryDevice memory;
    private volatile boolean closed;

    private DeviceAttachment(IoEventLoop loop, EpollDeviceReader epollReader, IoRegistration registration,
                             ThreadDeviceReader threadReader, InMemoryDevice memory) {
        this.loop = loop;
        this.usesEpoll = epollReader != null;
        this.epollReader = epollReader;
        this.registration = registration;
        this.threadReader = threadReader;
        this.memory = memory;
    }

    /** Chooses epoll when the loop is an epoll loop, else the reader thread. */
    public static DeviceAttachment attach(Device device, IoEventLoop loop, FrameHandler handler) throws IOException {
        return attach(device, loop, handler, false);
    }

    /** As {@link #attach(Device, IoEventLoop, FrameHandler)}; forceReaderThread skips epoll (tests, diagnosis). */
    public static DeviceAttachment attach(Device device, IoEventLoop loop, FrameHandler handler,
                                          boolean forceReaderThread) throws IOException {
        if (device instanceof LinuxTunTap tap) {
            if (!forceReaderThread && loop.isCompatible(EpollIoHandle.class)) {
                return attachEpoll(tap, loop, handler);
            }
            ThreadDeviceReader reader = new ThreadDeviceReader(tap, loop, handler);
            reader.start();
            Log.debug(Log.STATUS, "Reading " + tap.interfaceName() + " with a reader thread");
            return new DeviceAttachment(loop, null, null, reader, null);
        }
        if (device instanceof InMemoryDevice mem) {
            DeviceAttachment a = new DeviceAttachment(loop, null, null, null, mem);
            ByteBuffer buf = ByteBuffer.allocate(Device.MAX_FRAME);
            Runnable drain = () -> a.drainMemory(mem, buf, handler);
            mem.setWakeUpListener(() -> loop.execute(drain));
            loop.execute(drain);
            return a;
        }
        return new DeviceAttachment(loop, null, null, null, null);
    }

    private static DeviceAttachment attachEpoll(LinuxTunTap tap, IoEventLoop loop, FrameHandler handler)
            throws IOException {
        // Netty's FileDescriptor natives exist only once the epoll library is loaded (ecosystem §3a pitfall).
        Epoll.ensureAvailability();
        EpollDeviceReader reader = new EpollDeviceReader(tap, handler);
        IoRegistration reg = await(loop.register(reader), "register " + tap.interfaceName() + " with epoll");
        Runnable arm = () -> reg.submit(EpollIoOps.EPOLLIN);
        if (loop.inEventLoop()) {
            arm.run();
        } else {
            await(loop.submit(arm), "arm EPOLLIN on " + tap.interfaceName());
        }
        Log.debug(Log.STATUS, "Reading " + tap.interfaceName() + " through epoll");
        return new DeviceAttachment(loop, reader, reg, null, null);
    }

    private void drainMemory(InMemoryDevice mem, ByteBuffer buf, FrameHandler handler) {
        try {
            while (!closed) {
                buf.clear();
                if (mem.read(buf) <= 0) {
                    return;
                }
                buf.flip();
                handler.onFrame(buf);
            }
        } finally {
            handler.onBatchEnd();
        }
    }

    private static <T> T await(Future<T> f, String what) throws IOException {
        try {
            if (!f.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("Timed out trying to " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted trying to " + what, e);
        }
        if (!f.isSuccess()) {
            throw new IOException("Could not " + what + ": " + f.cause(), f.cause());
        }
        return f.getNow();
    }

    /** True when the device fd sits in the loop's epoll set (no reader thread). */
    public boolean usesEpoll() {
        return usesEpoll;
    }

    /** Stops delivering frames. Returns once no reader touches the device any more (unless the loop is gone). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (epollReader != null) {
            epollReader.stop();
            if (loop.inEventLoop()) {
                registration.cancel();
            } else if (!loop.isShutdown()) {
                // Wait for the removal from the epoll set, so the device's fd can be closed right after.
                try {
                    loop.submit(registration::cancel).awaitUninterruptibly(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // The loop is shutting down and closes its registrations itself.
                }
            }
        }
        if (threadReader != null) {
            threadReader.stop();
        }
        if (memory != null) {
            memory.setWakeUpListener(null);
        }
    }
}
