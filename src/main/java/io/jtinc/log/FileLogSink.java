package io.jtinc.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code --logfile}: lines of the form {@code YYYY-MM-DD HH:MM:SS tinc.NET[PID]: message} in local time, exactly
 * as tincd 1.0.36 writes them (spec §12.4), so existing log parsers keep working. {@link #reopen()} (on SIGHUP)
 * lets logrotate move the file away.
 */
public final class FileLogSink implements LogSink {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path file;
    private final String prefix;
    private PrintWriter out;

    public FileLogSink(Path file, String ident) throws IOException {
        this.file = file;
        this.prefix = ident + "[" + ProcessHandle.current().pid() + "]: ";
        this.out = open(file);
    }

    private static PrintWriter open(Path file) throws IOException {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(file.toFile(), true),
                StandardCharsets.UTF_8), false);
    }

    @Override
    public synchronized void write(Priority priority, String message) {
        out.print(LocalDateTime.now().format(STAMP));
        out.print(' ');
        out.print(prefix);
        out.println(message);
        out.flush();
    }

    @Override
    public synchronized void reopen() {
        try {
            PrintWriter fresh = open(file);
            out.close();
            out = fresh;
        } catch (IOException e) {
            write(Priority.ERR, "Could not reopen log file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        out.close();
    }
}
