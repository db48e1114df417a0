package io.jtinc.hooks;

import io.jtinc.log.Log;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs tinc's scripts like tincd 1.0.36 (spec §11.5): only if {@code confbase/<script>} exists, through
 * {@code /bin/sh} (so a script that is not executable fails with a logged status, as in tincd), or as
 * {@code INTERPRETER PATH} with ScriptsInterpreter, with the script's variables merged over the daemon's
 * environment.
 *
 * <p>Differences from tincd, on purpose: scripts run on this runner's own thread instead of blocking the daemon
 * (the event loop keeps routing while a host-up script runs), and a script that outlives the timeout is killed
 * together with its children. There is exactly one worker thread, so scripts still run one at a time in the
 * order the events happened (host-up before hosts/NODE-up, a host's -up before its -down), as they do in tincd.
 *
 * <p>stdin is /dev/null; stdout and stderr are inherited, as with tincd's system(): under systemd both end up in
 * the journal next to the daemon's own messages.
 */
public final class ScriptRunner implements AutoCloseable {
    /** Events waiting for the worker; beyond this, scripts are skipped with an error (a script is hanging). */
    static final int QUEUE_LIMIT = 1000;

    private final Path confbase;
    private final Optional<String> interpreter;
    private final Duration timeout;
    private final ThreadPoolExecutor executor;
    private final List<Process> running = new ArrayList<>();

    public ScriptRunner(Path confbase, Optional<String> interpreter, Duration timeout) {
        this.confbase = Objects.requireNonNull(confbase);
        this.interpreter = interpreter == null ? Optional.empty() : interpreter.filter(s -> !s.isBlank());
        this.timeout = Objects.requireNonNull(timeout);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_LIMIT),
                r -> {
                    Thread t = new Thread(r, "scripts");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Runs confbase/script if it exists. Completes with the exit status, or -1 if the script is absent, could
     * not be started or timed out. Never completes exceptionally and never throws.
     */
    public CompletableFuture<Integer> run(String script, ScriptEnv env) {
        Path path = confbase.resolve(script);
        if (!Files.exists(path)) {
            // tincd checks with access(F_OK) and silently skips a missing script.
            return CompletableFuture.completedFuture(-1);
        }
        CompletableFuture<Integer> result = new CompletableFuture<>();
        try {
            executor.execute(() -> result.complete(execute(script, path, env)));
        } catch (RejectedExecutionException e) {
            Log.error("Could not execute script " + script + ": too many scripts waiting or shutting down");
            result.complete(-1);
        }
        return result;
    }

    /**
     * Runs a plain command (no script, no shell) on the scripts' thread, after the scripts already queued: the
     * route of a node that just enrolled by invitation must not wait on, or block, the event loop. Same timeout
     * and logging as a script; completes with the exit status or -1, never exceptionally.
     */
    public CompletableFuture<Integer> runCommand(List<String> argv) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        String what = String.join(" ", argv);
        try {
            executor.execute(() -> {
                Log.info(Log.STATUS, "Executing " + what);
                try {
                    Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
                    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        kill(p);
                        Log.error(what + " did not finish within " + timeout.toSeconds() + " seconds and was killed");
                        result.complete(-1);
                        return;
                    }
                    if (p.exitValue() != 0) {
                        Log.error(what + " exited with non-zero status " + p.exitValue());
                    }
                    result.complete(p.exitValue());
                } catch (IOException e) {
                    Log.error("Could not execute " + what + ": " + e.getMessage());
                    result.complete(-1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.complete(-1);
                }
            });
        } catch (RejectedExecutionException e) {
            Log.error("Could not execute " + what + ": too many scripts waiting or shutting down");
            result.complete(-1);
        }
        return result;
    }

    /** For tinc-up and tinc-down, which the daemon awaits (tincd runs every script synchronously). */
    public int runAndWait(String script, ScriptEnv env) {
        return run(script, env).join();
    }

    private int execute(String script, Path path, ScriptEnv env) {
        Log.info(Log.STATUS, "Executing script " + script);
        // The path travels as $1 rather than inside the command string, so it needs no quoting; the shell still
        // runs it the way tincd's system("\"PATH\"") does, and with $0 = "sh" even its error messages match
        // ("sh: 1: PATH: Permission denied").
        String command = interpreter.map(i -> i + " \"$1\"").orElse("\"$1\"");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command, "sh", path.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env.vars());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Log.error("Could not execute script " + script + ": " + e.getMessage());
            return -1;
        }
        synchronized (running) {
            running.add(p);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                Log.error("Script " + script + " did not finish within " + timeout.toSeconds()
                        + " seconds and was killed");
                return -1;
            }
            int status = p.exitValue();
            if (status != 0) {
                Log.error("Script " + script + " exited with non-zero status " + status);
            }
            return status;
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            synchronized (running) {
                running.remove(p);
            }
        }
    }

    /** Kills the script and everything it started (a tinc-up that backgrounds a helper must not outlive us). */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting scripts and kills any that are still running. */
    @Override
    public void close() {
        executor.shutdownNow();
        List<Process> copy;
        synchronized (running) {
            copy = new ArrayList<>(running);
        }
        copy.forEach(ScriptRunner::kill);
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
