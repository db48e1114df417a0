package io.jtinc.daemon;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.io.IOException;

/**
 * The few libc calls the daemon needs that the JDK does not offer: sending a signal to another process (for
 * {@code -k}), dropping privileges ({@code -U}), locking memory ({@code -L}). Direct-mapped JNA: no native code
 * of our own to build per architecture.
 */
public final class Posix {
    static {
        Native.register("c");
    }

    private Posix() {
    }

    public static final int MCL_CURRENT = 1;
    public static final int MCL_FUTURE = 2;

    private static native int kill(int pid, int sig);

    private static native int mlockall(int flags);

    private static native Passwd getpwnam(String name);

    private static native int initgroups(String user, int group);

    private static native int setgid(int gid);

    private static native int setuid(int uid);

    private static native String strerror(int errnum);

    /** struct passwd from pwd.h; only the fields up to pw_gid are read, the layout is the same on every Linux ABI. */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid"})
    public static final class Passwd extends Structure {
        public String pw_name;
        public String pw_passwd;
        public int pw_uid;
        public int pw_gid;

        public Passwd() {
            super();
        }

        public Passwd(Pointer p) {
            super(p);
            read();
        }
    }

    /** Linux signal numbers (x86, ARM, arm64, riscv; asm-generic). */
    public static int signalNumber(String name) {
        if (name.matches("\\d+")) {
            return Integer.parseInt(name);
        }
        return switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "ABRT" -> 6;
            case "KILL" -> 9;
            case "USR1" -> 10;
            case "USR2" -> 12;
            case "ALRM" -> 14;
            case "TERM" -> 15;
            case "WINCH" -> 28;
            default -> throw new IllegalArgumentException("unknown signal " + name);
        };
    }

    /** Sends a signal; false when the process does not exist (ESRCH). */
    public static boolean sendSignal(long pid, int signal) throws IOException {
        if (kill((int) pid, signal) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == 3) {
            return false;
        }
        throw new IOException("kill(" + pid + ", " + signal + "): " + strerror(errno));
    }

    public static void lockMemory() throws IOException {
        if (mlockall(MCL_CURRENT | MCL_FUTURE) != 0) {
            throw new IOException("System call `mlockall' failed: " + strerror(Native.getLastError()));
        }
    }

    /** -U USER: supplementary groups, then the group, then the user (the order that cannot be undone last). */
    public static void dropPrivileges(String user) throws IOException {
        Passwd pw = getpwnam(user);
        if (pw == null) {
            throw new IOException("unknown user `" + user + "'");
        }
        if (initgroups(user, pw.pw_gid) != 0) {
            throw new IOException("System call `initgroups' failed: " + strerror(Native.getLastError()));
        }
        if (setgid(pw.pw_gid) != 0) {
            throw new IOException("System call `setgid' failed: " + strerror(Native.getLastError()));
        }
        if (setuid(pw.pw_uid) != 0) {
            throw new IOException("System call `setuid' failed: " + strerror(Native.getLastError()));
        }
    }
}
