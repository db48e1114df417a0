package io.jtinc.log;

import java.util.Objects;

/**
 * Process-wide logger with tincd's semantics: a message has a syslog priority, and debug messages are only
 * produced when the debug level ({@code -d}) is at least their level. Level meanings follow tincd 1.0.36
 * (spec §12.4): 0 start/stop and serious errors, 1 connections, 2 status and scripts, 3 requests, 4 request
 * contents, 5 traffic. Keep tincd's message texts where operators grep for them.
 *
 * <p>Never pass key material to this class at any level: unlike tincd we do not log keys even at -d10.
 *
 * <p>Thread-safe: the level and the sink are volatile and every sink serialises its own writes.
 */
public final class Log {
    /** tincd's debug levels (logger.h DEBUG_*). */
    public static final int ALWAYS = 0;
    public static final int CONNECTIONS = 1;
    public static final int STATUS = 2;
    public static final int PROTOCOL = 3;
    public static final int META = 4;
    public static final int TRAFFIC = 5;
    public static final int SCARY_THINGS = 10;

    private static volatile int level = 0;
    private static volatile LogSink sink = LogSink.stderr();
    /** A second receiver (the control socket's {@code jtinc log} clients) with its own debug level; may be null. */
    private static volatile LogSink tap;
    private static volatile int tapLevel = -1;

    private Log() {
    }

    public static int level() {
        return level;
    }

    public static void setLevel(int newLevel) {
        level = Math.max(0, newLevel);
    }

    public static LogSink sink() {
        return sink;
    }

    /** Replaces the sink; the old one is closed. */
    public static void setSink(LogSink newSink) {
        LogSink old = sink;
        sink = Objects.requireNonNull(newSink);
        if (old != newSink) {
            old.close();
        }
    }

    /**
     * Sets (or with null clears) the tap: it gets every line at or below {@code debugLevel}, independently of the
     * daemon's own level, so {@code jtinc log 5} streams traffic lines without filling the log file with them.
     */
    public static void setTap(LogSink newTap, int debugLevel) {
        tapLevel = newTap == null ? -1 : debugLevel;
        tap = newTap;
    }

    /** True when messages of this debug level are produced (tincd's {@code ifdebug}). */
    public static boolean enabled(int debugLevel) {
        return level >= debugLevel || tapLevel >= debugLevel;
    }

    public static void log(int debugLevel, Priority priority, String message) {
        if (level >= debugLevel) {
            sink.write(priority, message);
        }
        toTap(debugLevel, priority, message);
    }

    private static void toTap(int debugLevel, Priority priority, String message) {
        LogSink t = tap;
        if (t != null && tapLevel >= debugLevel) {
            t.write(priority, message);
        }
    }

    public static void error(String message) {
        sink.write(Priority.ERR, message);
        toTap(ALWAYS, Priority.ERR, message);
    }

    public static void warning(String message) {
        sink.write(Priority.WARNING, message);
        toTap(ALWAYS, Priority.WARNING, message);
    }

    public static void notice(String message) {
        sink.write(Priority.NOTICE, message);
        toTap(ALWAYS, Priority.NOTICE, message);
    }

    public static void info(int debugLevel, String message) {
        log(debugLevel, Priority.INFO, message);
    }

    public static void debug(int debugLevel, String message) {
        log(debugLevel, Priority.DEBUG, message);
    }
}
