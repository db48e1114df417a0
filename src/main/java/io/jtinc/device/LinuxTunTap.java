package io.jtinc.device;

import io.jtinc.log.Log;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Linux TUN or TAP interface opened through the clone device, as tincd's linux/device.c does (spec §13):
 * {@code open(O_RDWR|O_NONBLOCK|O_CLOEXEC)} then {@code TUNSETIFF}. TAP uses IFF_TAP|IFF_NO_PI and carries
 * Ethernet frames unchanged; TUN uses IFF_TUN alone and converts the packet-information header to and from an
 * Ethernet header ({@link TunFrames}).
 *
 * <p>The fd is non-blocking; {@link #read} returns 0 when drained. One reader thread at a time; {@link #write}
 * is synchronized so it may come from another thread. Close the {@link DeviceAttachment} before the device, so
 * no reader touches a closed (and possibly reused) fd number.
 */
public final class LinuxTunTap implements Device {
    /** Largest packet the kernel may hand us (64 KiB + PI); anything we cannot pass on is dropped, not truncated. */
    private static final int IO_BUFFER = 65536 + TunFrames.PI_LEN;

    private final DeviceKind kind;
    private final String devicePath;
    private final String interfaceName;
    private final String info;
    private final int fd;
    /** Direct buffers starting at index 0: direct-mapped JNA passes the base address (see {@link LibC}). */
    private final ByteBuffer readBuf = ByteBuffer.allocateDirect(IO_BUFFER);
    private final ByteBuffer writeBuf = ByteBuffer.allocateDirect(IO_BUFFER);
    private final Object closeLock = new Object();
    private volatile boolean closed;

    private LinuxTunTap(DeviceKind kind, String devicePath, String interfaceName, int fd) {
        this.kind = kind;
        this.devicePath = devicePath;
        this.interfaceName = interfaceName;
        this.info = kind == DeviceKind.TUN ? "Linux tun/tap device (tun mode)" : "Linux tun/tap device (tap mode)";
        this.fd = fd;
    }

    /**
     * Opens the device. Failure messages are tincd's log lines ("Could not open /dev/net/tun: No such file or
     * directory", "Error while trying to configure /dev/net/tun: Device or resource busy"), so the caller can
     * log the exception's message with Log.error as tincd would before terminating.
     */
    public static LinuxTunTap open(DeviceSettings s) throws IOException {
        if (s.kind() == DeviceKind.DUMMY) {
            throw new IllegalArgumentException("the dummy device is not a TUN/TAP device");
        }
        String path = s.devicePath();
        int fd = LibC.open(path, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("Could not open " + path + ": " + LibC.describe(LibC.errno()));
        }
        try (Memory ifr = new Memory(TunConstants.IFREQ_SIZE)) {
            ifr.clear();
            s.interfaceName().ifPresent(name -> {
                // tincd copies at most IFNAMSIZ-1 bytes and keeps the terminating NUL.
                byte[] b = name.getBytes(StandardCharsets.UTF_8);
                ifr.write(0, b, 0, Math.min(b.length, TunConstants.IFNAMSIZ - 1));
            });
            ifr.setShort(TunConstants.IFR_FLAGS_OFFSET, TunConstants.flags(s.kind(), s.iffOneQueue()));
            if (LibC.ioctl(fd, new NativeLong(TunConstants.TUNSETIFF), ifr) < 0) {
                // EPERM (no CAP_NET_ADMIN, or the interface belongs to someone else) and EBUSY (in use) are
                // fatal in tincd too; its message names the clone device, not the interface.
                int errno = LibC.errno();
                LibC.close(fd);
                throw new IOException("Error while trying to configure " + path + ": " + LibC.describe(errno));
            }
            String realName = ifr.getString(0, StandardCharsets.UTF_8.name());
            LinuxTunTap dev = new LinuxTunTap(s.kind(), path, realName, fd);
            Log.info(Log.ALWAYS, path + " is a " + dev.info);
            return dev;
        }
    }

    /** The raw file descriptor, for registering with an event loop. */
    public int fd() {
        return fd;
    }

    /** tincd's device_info text, used in its messages ("Linux tun/tap device (tap mode)"). */
    public String info() {
        return info;
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
        return devicePath;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        while (true) {
            if (closed) {
                return -1;
            }
            int n = LibC.read(fd, readBuf, IO_BUFFER);
            if (n < 0) {
                int errno = LibC.errno();
                if (errno == LibC.EAGAIN) {
                    return 0;
                }
                if (errno == LibC.EINTR) {
                    continue;
                }
                if (closed) {
                    return -1;
                }
                throw new IOException("Error while reading from " + info + " " + devicePath + ": "
                        + LibC.describe(errno));
            }
            if (n == 0) {
                return 0;
            }
            int len = deliver(n, dst);
            if (len >= 0) {
                return len;
            }
            Log.debug(Log.TRAFFIC, "Dropping packet of " + n + " bytes from " + info + " " + devicePath
                    + ": it does not fit in " + dst.remaining() + " bytes");
        }
    }

    /** Copies the n bytes in readBuf to dst as an Ethernet frame; -1 if they do not fit. */
    private int deliver(int n, ByteBuffer dst) {
        if (kind == DeviceKind.TUN) {
            return TunFrames.piToEthernet(readBuf, n, dst);
        }
        if (dst.remaining() < n) {
            return -1;
        }
        dst.put(dst.position(), readBuf, 0, n);
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public synchronized void write(ByteBuffer frame) throws IOException {
        if (closed) {
            throw new IOException(info + " " + devicePath + " is closed");
        }
        int len = frame.remaining();
        int n;
        if (kind == DeviceKind.TUN) {
            n = TunFrames.ethernetToPi(frame, writeBuf);
        } else if (len <= writeBuf.capacity()) {
            writeBuf.put(0, frame, frame.position(), len);
            n = len;
        } else {
            n = -1;
        }
        if (n < 0) {
            throw new IOException("Can't write to " + info + " " + devicePath + ": bad frame length " + len);
        }
        frame.position(frame.limit());
        while (LibC.write(fd, writeBuf, n) < 0) {
            int errno = LibC.errno();
            if (errno == LibC.EINTR) {
                continue;
            }
            if (errno == LibC.EAGAIN) {
                // The interface queue is full; tincd drops the packet too (it is datagram traffic).
                Log.debug(Log.TRAFFIC, "Dropping packet of " + len + " bytes: " + info + " is busy");
                return;
            }
            throw new IOException("Can't write to " + info + " " + devicePath + ": " + LibC.describe(errno));
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            LibC.close(fd);
        }
    }

    @Override
    public String toString() {
        return info + " " + devicePath + " (" + interfaceName + ", fd " + fd + ")";
    }
}
