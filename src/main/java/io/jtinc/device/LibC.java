package io.jtinc.device;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The few libc calls the TUN/TAP device needs, direct-mapped with JNA ({@code Native.register}): about half the
 * per-call cost of interface mapping (ecosystem §3a), which matters for read/write on every packet. All
 * constants and signatures are documented, and checked against the C headers, in native-tun/README.md.
 *
 * <p>Signature choices, valid on the Linux ABIs we target (x86_64, aarch64, armhf, riscv64):
 * <ul>
 * <li>size_t/ssize_t/nfds_t are declared {@code int}: counts are small and positive, libffi widens 32-bit
 *     integer arguments to register width, and the low 32 bits of a ssize_t result are its value (-1 included).
 * <li>Direct-mapped {@link ByteBuffer} arguments pass the buffer's base address (the position is ignored), so
 *     callers use dedicated direct buffers starting at index 0.
 * <li>open and ioctl are variadic in C; called with fixed arguments they follow the normal convention on these
 *     ABIs (libffi also sets %al on x86_64).
 * <li>errno is read with {@link Native#getLastError()}, which JNA saves per thread after every call; no
 *     LastErrorException, because EAGAIN ends every drain and must not cost an exception.
 * </ul>
 */
final class LibC {
    static final int O_RDWR = 0x2;
    /** 04000 octal; differs on alpha/mips/parisc/sparc, which we do not support. */
    static final int O_NONBLOCK = 0x800;
    /** 02000000 octal; differs on alpha/parisc/sparc. */
    static final int O_CLOEXEC = 0x80000;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int EBADF = 9;
    static final int EBUSY = 16;

    static final short POLLIN = 0x1;
    /** struct pollfd { int fd; short events; short revents; } */
    static final int POLLFD_SIZE = 8;
    static final int POLLFD_EVENTS_OFFSET = 4;
    static final int POLLFD_REVENTS_OFFSET = 6;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int open(String path, int flags);

    static native int ioctl(int fd, NativeLong request, Pointer arg);

    static native int close(int fd);

    static native int read(int fd, ByteBuffer buf, int count);

    static native int write(int fd, ByteBuffer buf, int count);

    static native int poll(Pointer fds, int nfds, int timeoutMillis);

    static native String strerror(int errnum);

    static int errno() {
        return Native.getLastError();
    }

    /** strerror's text, as tincd prints it after "...: ". */
    static String describe(int errnum) {
        String s = strerror(errnum);
        return s == null ? "errno " + errnum : s;
    }
}
