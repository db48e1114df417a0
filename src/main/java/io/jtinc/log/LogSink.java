package io.jtinc.log;

import java.io.PrintStream;

/** Where log lines go. Implementations must be thread-safe and must never throw. */
public interface LogSink {
    void write(Priority priority, String message);

    default void close() {
    }

    /** Reopens the underlying file, if any (SIGHUP, for logrotate). */
    default void reopen() {
    }

    /** tincd -D without --logfile: the bare message on stderr, no timestamp or prefix (spec §12.4). */
    static LogSink stderr() {
        return stream(System.err);
    }

    static LogSink stream(PrintStream out) {
        return (priority, message) -> {
            synchronized (out) {
                out.println(message);
                out.flush();
            }
        };
    }
}
