package io.jtinc.log;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * A detached jtincd without {@code --logfile} logs to syslog with ident {@code tinc.NET}, facility daemon and
 * LOG_PID, as tincd does (spec §12.4). The JDK has no syslog client and /dev/log is a datagram socket, which
 * JDK 17's UNIX-domain channels cannot send to, so this calls libc's openlog/syslog through JNA.
 */
public final class SyslogSink implements LogSink {
    private static final int LOG_PID = 0x01;
    private static final int LOG_DAEMON = 3 << 3;

    interface LibC extends Library {
        void openlog(Memory ident, int option, int facility);

        void syslog(int priority, String format, String message);

        void closelog();
    }

    private final LibC libc;
    /** openlog keeps the pointer, not a copy, so the ident must stay reachable for the life of the sink. */
    private final Memory ident;

    public SyslogSink(String identText) {
        this.libc = Native.load("c", LibC.class);
        byte[] bytes = identText.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.ident = new Memory(bytes.length + 1L);
        ident.write(0, bytes, 0, bytes.length);
        ident.setByte(bytes.length, (byte) 0);
        libc.openlog(ident, LOG_PID, LOG_DAEMON);
    }

    @Override
    public void write(Priority priority, String message) {
        // "%s" so a '%' in a message (a peer's name, a path) is never read as a format directive.
        synchronized (this) {
            libc.syslog(priority.syslog, "%s", message);
        }
    }

    @Override
    public void close() {
        libc.closelog();
    }
}
