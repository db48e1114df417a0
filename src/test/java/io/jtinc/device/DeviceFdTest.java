package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.FileDescriptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Both per-packet read/write paths of the device fd, on a non-blocking pipe (Netty makes it with O_NONBLOCK, as
 * the TUN/TAP fd is): bytes both ways, and the errno convention the device relies on (EAGAIN ends a drain, end
 * of file reads 0, a closed fd is EBADF).
 */
class DeviceFdTest {
    @Test
    void jnaPath() throws Exception {
        exercise(DeviceFd.Jna::new);
    }

    @Test
    void nettyJniPath() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's native epoll transport is not available here");
        exercise(DeviceFd.Netty::new);
    }

    @Test
    void theNettyPathIsChosenWhereEpollIsAvailableAndJnaOnRequest() {
        assumeTrue(Epoll.isAvailable(), "Netty's native epoll transport is not available here");
        assertEquals("netty-jni", DeviceFd.of(0).name());
        String old = System.getProperty("jtinc.deviceio");
        System.setProperty("jtinc.deviceio", "jna");
        try {
            assertEquals("jna", DeviceFd.of(0).name());
        } finally {
            if (old == null) {
                System.clearProperty("jtinc.deviceio");
            } else {
                System.setProperty("jtinc.deviceio", old);
            }
        }
    }

    private static void exercise(IntFunction<DeviceFd> path) throws Exception {
        assumeTrue(Epoll.isAvailable(), "pipes are made with Netty's native library");
        FileDescriptor[] pipe = FileDescriptor.pipe();
        int readFd = pipe[0].intValue();
        int writeFd = pipe[1].intValue();
        DeviceFd in = path.apply(readFd);
        DeviceFd out = path.apply(writeFd);
        ByteBuffer buf = ByteBuffer.allocateDirect(256);
        try {
            assertEquals(-LibC.EAGAIN, in.read(buf, buf.capacity()), "an empty non-blocking fd is EAGAIN");
            byte[] frame = "a frame, written from index 0".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer src = ByteBuffer.allocateDirect(64);
            src.put(0, frame);
            assertEquals(frame.length, out.write(src, frame.length));
            assertEquals(frame.length, in.read(buf, buf.capacity()));
            byte[] got = new byte[frame.length];
            buf.get(0, got);
            assertEquals(new String(frame, StandardCharsets.US_ASCII), new String(got, StandardCharsets.US_ASCII));
            assertEquals(-LibC.EAGAIN, in.read(buf, buf.capacity()), "drained again");
        } finally {
            pipe[1].close();
        }
        try {
            assertEquals(0, in.read(buf, buf.capacity()), "end of file once the writer is closed");
        } finally {
            pipe[0].close();
        }
        // Not the closed numbers themselves (another thread may have been given them again by now): one never open.
        DeviceFd bad = path.apply(Integer.MAX_VALUE - 1);
        assertEquals(-LibC.EBADF, bad.read(buf, buf.capacity()), "a bad fd reads -EBADF");
        assertEquals(-LibC.EBADF, bad.write(buf, 1), "a bad fd writes -EBADF");
    }
}
