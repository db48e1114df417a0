package io.jtinc.testsupport;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures when a path starts working: one {@code ping -c 1 -w DEADLINE -i 0.2} sends an echo request every
 * 200 ms and exits at the first reply, so several probes started together each time their own path with 0.2 s
 * resolution (a loop of one-shot pings would only resolve to its 1 s reply timeout).
 */
public final class PingClock {
    private final String what;
    private final long startNanos;
    private final Process process;
    private final CompletableFuture<Long> exitNanos;

    private PingClock(String what, Process process, long startNanos) {
        this.what = what;
        this.process = process;
        this.startNanos = startNanos;
        this.exitNanos = process.onExit().thenApply(p -> System.nanoTime());
    }

    /** Starts probing from {@code from} to {@code address}; the clock starts now. */
    public static PingClock start(TincMesh.Node from, String address, int deadlineSeconds) {
        return start(from, address, deadlineSeconds, System.nanoTime());
    }

    /** As above, with the clock started earlier (at the event being timed, e.g. a restart or link-up). */
    public static PingClock start(TincMesh.Node from, String address, int deadlineSeconds, long startNanos) {
        String ping = address.contains(":") ? "ping6" : "ping";
        List<String> cmd = from.ns.wrap(List.of(ping, "-n", "-q", "-c", "1", "-i", "0.2",
                "-w", Integer.toString(deadlineSeconds), address));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new PingClock(from.name + " -> " + address, p, startNanos);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        }
    }

    /** Milliseconds from the start to the first reply, or -1 when no reply came before the deadline. */
    public long awaitMillis() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        long end = exitNanos.join();
        return process.exitValue() == 0 ? TimeUnit.NANOSECONDS.toMillis(end - startNanos) : -1;
    }

    public String what() {
        return what;
    }
}
