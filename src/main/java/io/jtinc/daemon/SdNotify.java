package io.jtinc.daemon;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.jtinc.log.Log;
import java.nio.charset.StandardCharsets;

/**
 * systemd's notification protocol (sd_notify(3)), for {@code Type=notify} units: one datagram of "KEY=value" lines
 * to the AF_UNIX socket named by {@code $NOTIFY_SOCKET} (a path, or '@' for the abstract namespace). Written here
 * rather than linked from libsystemd, which a minimal Raspberry Pi image may lack. Without NOTIFY_SOCKET (not
 * under systemd) every call does nothing.
 */
public final class SdNotify {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** struct sockaddr_un: sa_family_t (2 bytes) then sun_path[108]. */
    private static final int SUN_PATH = 108;

    private static final String SOCKET = System.getenv("NOTIFY_SOCKET");

    private SdNotify() {
    }

    /** Bound lazily: the JNA registration costs nothing when not under systemd. */
    private static final class Libc {
        static {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        static native int socket(int domain, int type, int protocol);

        static native int sendto(int fd, byte[] buf, int len, int flags, byte[] addr, int addrlen);

        static native int close(int fd);
    }

    public static boolean enabled() {
        return SOCKET != null && !SOCKET.isEmpty();
    }

    /** The watchdog interval systemd asks for ($WATCHDOG_USEC, for this process per $WATCHDOG_PID), or 0. */
    public static long watchdogMicros() {
        String usec = System.getenv("WATCHDOG_USEC");
        String pid = System.getenv("WATCHDOG_PID");
        if (usec == null || (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid())))) {
            return 0;
        }
        try {
            return Long.parseLong(usec.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Sends {@code state} (e.g. "READY=1\nSTATUS=..."); failures are logged at debug level, never thrown. */
    public static void send(String state) {
        if (!enabled()) {
            return;
        }
        byte[] addr = address(SOCKET);
        if (addr == null) {
            Log.debug(Log.STATUS, "NOTIFY_SOCKET " + SOCKET + " is not a usable AF_UNIX path");
            return;
        }
        byte[] msg = state.getBytes(StandardCharsets.UTF_8);
        int fd = Libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            Log.debug(Log.STATUS, "sd_notify: socket failed, errno " + Native.getLastError());
            return;
        }
        try {
            if (Libc.sendto(fd, msg, msg.length, 0, addr, addr.length) < 0) {
                Log.debug(Log.STATUS, "sd_notify: sendto " + SOCKET + " failed, errno " + Native.getLastError());
            }
        } finally {
            Libc.close(fd);
        }
    }

    /** sockaddr_un for a path, or for "@name" in the abstract namespace (leading NUL, length without padding). */
    static byte[] address(String socket) {
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        if (path.length == 0 || path.length >= SUN_PATH || (path[0] != '/' && path[0] != '@')) {
            return null;
        }
        boolean isAbstract = path[0] == '@';
        int len = 2 + path.length + (isAbstract ? 0 : 1);
        byte[] addr = new byte[len];
        addr[0] = (byte) AF_UNIX; // little-endian sa_family_t on every ABI we build for
        addr[1] = 0;
        System.arraycopy(path, 0, addr, 2, path.length);
        if (isAbstract) {
            addr[2] = 0;
        }
        return addr;
    }

    /** CLOCK_MONOTONIC in microseconds, for RELOADING=1's MONOTONIC_USEC (systemd 253+). */
    static long monotonicMicros() {
        return System.nanoTime() / 1000; // HotSpot's nanoTime is CLOCK_MONOTONIC on Linux
    }
}
