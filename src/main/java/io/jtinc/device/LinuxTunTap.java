package io.jtinc.device;

import io.jtinc.log.Log;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
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
    /** read(2) and write(2) on fd, once per packet. */
    private final DeviceFd io;
    /*
     * Direct buffers starting at index 0: both DeviceFd paths pass the base address. The read buffer
     * holds a 64 KiB IP super-frame plus its Ethernet, VLAN and virtio headers, so none is ever cut short. With the
     * virtio header, writeBuf[0, 10) stays all zero (allocateDirect zeroes it): a complete frame, no offload asked.
     */
    private final ByteBuffer readBuf = ByteBuffer.allocateDirect(IO_BUFFER + 128);
    private final ByteBuffer writeBuf = ByteBuffer.allocateDirect(IO_BUFFER + OffloadSegmenter.VNET_HDR_LEN);
    /** Non-null when the TAP was opened with IFF_VNET_HDR: every read and write starts with a virtio header. */
    private final OffloadSegmenter segmenter;
    /** With the virtio header: merges the TCP segments written during a batch. */
    private final OffloadCoalescer coalescer;
    private int batchDepth;
    /** TCP super-frames read (and cut) and written (merged); plain fields, for tests and diagnostics. */
    private volatile long superFramesRead;
    private volatile long superFramesWritten;
    private final Object closeLock = new Object();
    private volatile boolean closed;

    private LinuxTunTap(DeviceKind kind, String devicePath, String interfaceName, int fd, boolean vnetHdr) {
        this.kind = kind;
        this.segmenter = vnetHdr ? new OffloadSegmenter() : null;
        this.coalescer = vnetHdr ? new OffloadCoalescer(ByteBuffer.allocateDirect(IO_BUFFER + 128)) : null;
        this.devicePath = devicePath;
        this.interfaceName = interfaceName;
        this.info = kind == DeviceKind.TUN ? "Linux tun/tap device (tun mode)" : "Linux tun/tap device (tap mode)";
        this.fd = fd;
        this.io = DeviceFd.of(fd);
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
            boolean offload = s.kind() == DeviceKind.TAP && offloadWanted();
            short flags = TunConstants.flags(s.kind(), s.iffOneQueue());
            ifr.setShort(TunConstants.IFR_FLAGS_OFFSET, offload ? (short) (flags | TunConstants.IFF_VNET_HDR) : flags);
            if (LibC.ioctl(fd, new NativeLong(TunConstants.TUNSETIFF), ifr) < 0) {
                // EPERM (no CAP_NET_ADMIN, or the interface belongs to someone else) and EBUSY (in use) are
                // fatal in tincd too; its message names the clone device, not the interface.
                int errno = LibC.errno();
                LibC.close(fd);
                throw new IOException("Error while trying to configure " + path + ": " + LibC.describe(errno));
            }
            String realName = ifr.getString(0, StandardCharsets.UTF_8.name());
            LinuxTunTap dev = new LinuxTunTap(s.kind(), path, realName, fd, offload);
            Log.info(Log.ALWAYS, path + " is a " + dev.info);
            if (offload) {
                dev.offerOffloads();
            }
            return dev;
        }
    }

    /**
     * TCP segmentation and checksum offload on TAP devices (issue 6), on unless {@code -Djtinc.offload=false}
     * (kept for measuring, and as a way out should a kernel hand us something we cannot cut).
     */
    static boolean offloadWanted() {
        return !"false".equalsIgnoreCase(System.getProperty("jtinc.offload", "true"));
    }

    /**
     * Lets the kernel hand us TCP super-frames and partial checksums. Without it (an old kernel) the virtio header
     * stays, always empty, and the device works as before.
     */
    private void offerOffloads() {
        long features = TunConstants.TUN_F_CSUM | TunConstants.TUN_F_TSO4 | TunConstants.TUN_F_TSO6;
        // TUNSETOFFLOAD takes the feature bits as the ioctl argument itself, not a pointer to them.
        if (LibC.ioctl(fd, new NativeLong(TunConstants.TUNSETOFFLOAD), Pointer.createConstant(features)) < 0) {
            Log.debug(Log.TRAFFIC, "TUNSETOFFLOAD failed on " + interfaceName + ": " + LibC.describe(LibC.errno())
                    + "; reading one frame at a time");
        }
    }

    /** How many TCP super-frames the kernel handed us (each cut into frames) since the device was opened. */
    public long superFramesRead() {
        return superFramesRead;
    }

    /** How many merged TCP super-frames we wrote since the device was opened. */
    public long superFramesWritten() {
        return superFramesWritten;
    }

    /** True while frames of the last read super-frame are still to be handed out by {@link #read}. */
    boolean hasBufferedFrames() {
        return segmenter != null && segmenter.hasNext();
    }

    /** Which read/write path the device uses ("netty-jni" or "jna"), for tests and diagnostics. */
    String ioPath() {
        return io.name();
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
            if (hasBufferedFrames()) {
                int len = segmenter.next(dst);
                if (len >= 0) {
                    return len;
                }
                Log.debug(Log.TRAFFIC, "Dropping a segment from " + info + " " + devicePath + ": it does not fit in "
                        + dst.remaining() + " bytes");
                continue;
            }
            int n = io.read(readBuf, readBuf.capacity());
            if (n < 0) {
                int errno = -n;
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
            if (segmenter != null) {
                String bad = segmenter.load(readBuf, n);
                if (bad == null && readBuf.get(1) != OffloadSegmenter.GSO_NONE) {
                    superFramesRead++;
                }
                if (bad != null) {
                    Log.debug(Log.TRAFFIC, "Dropping packet of " + n + " bytes from " + info + " " + devicePath
                            + ": " + bad);
                }
                continue;
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
    public synchronized void beginBatch() {
        batchDepth++;
    }

    @Override
    public synchronized void endBatch() {
        if (batchDepth == 0 || --batchDepth > 0) {
            return;
        }
        try {
            writePending();
        } catch (IOException e) {
            Log.debug(Log.TRAFFIC, e.getMessage());
        }
    }

    @Override
    public synchronized void write(ByteBuffer frame) throws IOException {
        if (closed) {
            throw new IOException(info + " " + devicePath + " is closed");
        }
        if (coalescer != null && batchDepth > 0) {
            if (coalescer.offer(frame)) {
                return;
            }
            writePending();
            if (coalescer.offer(frame)) {
                return;
            }
        }
        int len = frame.remaining();
        int n;
        if (kind == DeviceKind.TUN) {
            n = TunFrames.ethernetToPi(frame, writeBuf);
        } else if (segmenter != null && len <= IO_BUFFER) {
            writeBuf.put(OffloadSegmenter.VNET_HDR_LEN, frame, frame.position(), len);
            n = len + OffloadSegmenter.VNET_HDR_LEN;
        } else if (len <= IO_BUFFER) {
            writeBuf.put(0, frame, frame.position(), len);
            n = len;
        } else {
            n = -1;
        }
        if (n < 0) {
            throw new IOException("Can't write to " + info + " " + devicePath + ": bad frame length " + len);
        }
        frame.position(frame.limit());
        writeFully(writeBuf, n, len);
    }

    /** Writes the held-back (possibly merged) frame, if any. */
    private void writePending() throws IOException {
        int n = coalescer == null ? 0 : coalescer.finish();
        if (n > 0 && !closed) {
            if (coalescer.buffer().get(1) != OffloadSegmenter.GSO_NONE) {
                superFramesWritten++;
            }
            writeFully(coalescer.buffer(), n, n - OffloadSegmenter.VNET_HDR_LEN);
        }
    }

    private void writeFully(ByteBuffer buf, int n, int len) throws IOException {
        int written;
        while ((written = io.write(buf, n)) < 0) {
            int errno = -written;
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
