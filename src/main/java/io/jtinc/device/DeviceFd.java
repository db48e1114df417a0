package io.jtinc.device;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Buffer;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * read(2) and write(2) on the TUN/TAP fd, once per packet: through Netty's JNI (the epoll transport's own
 * {@link FileDescriptor} calls) when the native epoll transport is loaded, else through direct-mapped JNA
 * ({@link LibC}), as on 32-bit ARM where Netty ships no epoll library.
 *
 * <p>Why not JNA everywhere: a JNA call goes through libffi and checks each argument over JNI. Profiling a ping
 * every 10 ms through a jtincd pair, the TAP read's JNA glue took more CPU than the kernel's side of the read
 * (428 against 246 samples), and at that rate every packet finds those code paths cold. Netty's JNI call is one
 * transition straight into read(2). {@code -Djtinc.deviceio=jna} keeps the JNA path, for measuring.
 *
 * <p>Both return the byte count, or a negative errno: {@code -EAGAIN} when the fd has nothing (or no room).
 * The buffers start at index 0 and are direct.
 */
abstract class DeviceFd {
    /** Up to {@code count} bytes into {@code buf} from index 0: the count, 0 at end of file, or -errno. */
    abstract int read(ByteBuffer buf, int count);

    /** {@code count} bytes from {@code buf}'s index 0: the count written, or -errno. */
    abstract int write(ByteBuffer buf, int count);

    /** Which implementation, for the log and tests. */
    abstract String name();

    static DeviceFd of(int fd) {
        // Epoll.isAvailable() does not throw: the class records why its library did not load and says false.
        if (!"jna".equalsIgnoreCase(System.getProperty("jtinc.deviceio", "")) && Epoll.isAvailable()) {
            return new Netty(fd);
        }
        return new Jna(fd);
    }

    static final class Jna extends DeviceFd {
        private final int fd;

        Jna(int fd) {
            this.fd = fd;
        }

        @Override
        int read(ByteBuffer buf, int count) {
            int n = LibC.read(fd, buf, count);
            return n < 0 ? -LibC.errno() : n;
        }

        @Override
        int write(ByteBuffer buf, int count) {
            int n = LibC.write(fd, buf, count);
            return n < 0 ? -LibC.errno() : n;
        }

        @Override
        String name() {
            return "jna";
        }
    }

    /**
     * Netty's calls retry EINTR themselves, return 0 for EAGAIN (and -1 for end of file on reads), and throw for
     * other errors; this maps them back to the errno convention above. The {@link FileDescriptor} only wraps the
     * number: the device closes the fd itself, with LibC.
     */
    static final class Netty extends DeviceFd {
        private final FileDescriptor fd;

        Netty(int fd) {
            this.fd = new FileDescriptor(fd);
        }

        @Override
        int read(ByteBuffer buf, int count) {
            try {
                int n = fd.readAddress(Buffer.memoryAddress(buf), 0, count);
                return n > 0 ? n : n == 0 ? -LibC.EAGAIN : 0;
            } catch (IOException e) {
                return -errno(e);
            }
        }

        @Override
        int write(ByteBuffer buf, int count) {
            try {
                int n = fd.writeAddress(Buffer.memoryAddress(buf), 0, count);
                return n > 0 || count == 0 ? n : -LibC.EAGAIN;
            } catch (IOException e) {
                return -errno(e);
            }
        }

        @Override
        String name() {
            return "netty-jni";
        }

        /** Netty turns EBADF into ClosedChannelException and ENOENT into FileNotFoundException, the rest keep it. */
        private static int errno(IOException e) {
            if (e instanceof Errors.NativeIoException nio) {
                return -nio.expectedErr();
            }
            if (e instanceof java.nio.channels.ClosedChannelException) {
                return LibC.EBADF;
            }
            if (e instanceof java.io.FileNotFoundException) {
                return LibC.ENOENT;
            }
            return LibC.EIO;
        }
    }
}
