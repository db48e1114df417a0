package io.jtinc.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Running in the background without {@code -D}. A JVM cannot fork, so the foreground process (which has already
 * checked the configuration and the key, and fails in the foreground with exit 1 as tincd does) starts the same
 * command line again in a new session ({@code setsid}), marked by {@link #READY_FILE_ENV}, and waits until that
 * child says it is ready (device up, tinc-up done) by creating the ready file. If the child dies first, its early
 * output is shown and the foreground exits 1: better than tincd, whose detached start-up errors only reach
 * syslog.
 */
public final class Detacher {
    /** Set in the child's environment: the file to create once it is ready. */
    public static final String READY_FILE_ENV = "JTINCD_DETACHED_READY_FILE";
    private static final long STARTUP_TIMEOUT_SECONDS = 120;

    private Detacher() {
    }

    /** The ready file when this process is the detached child, else empty. */
    public static Optional<Path> readyFile() {
        String value = System.getenv(READY_FILE_ENV);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Called by the child once it is up. */
    public static void signalReady() {
        readyFile().ifPresent(f -> {
            try {
                Files.writeString(f, ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                // The parent then times out and reports it; the daemon itself keeps running.
            }
        });
    }

    /** Starts the detached child and waits for it; returns the foreground's exit status. */
    public static int detach(PrintStream err) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jtincd-detach");
            Path ready = dir.resolve("ready");
            Path early = dir.resolve("output");
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid");
            }
            command.addAll(ownCommandLine());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.to(early.toFile()))
                    .redirectErrorStream(true);
            pb.environment().put(READY_FILE_ENV, ready.toString());
            Process child = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                if (Files.exists(ready)) {
                    return 0;
                }
                if (child.waitFor(50, TimeUnit.MILLISECONDS)) {
                    if (Files.exists(ready)) {
                        return 0;
                    }
                    err.print(Files.readString(early, StandardCharsets.UTF_8));
                    err.println("jtincd failed to start (exit status " + child.exitValue() + ")");
                    return 1;
                }
            }
            err.println("jtincd did not report ready within " + STARTUP_TIMEOUT_SECONDS
                    + " s; it keeps running in the background, see its log");
            return 1;
        } catch (IOException e) {
            err.println("Could not start jtincd in the background: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            // The child keeps its descriptor to the output file; unlinking it costs nothing.
            deleteQuietly(dir);
        }
    }

    /** The exact argv of this JVM, from /proc (the JDK has no portable way to get the JVM options). */
    static List<String> ownCommandLine() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (args.isEmpty()) {
            throw new IOException("empty /proc/self/cmdline");
        }
        return args;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
        dir.toFile().delete();
    }
}
