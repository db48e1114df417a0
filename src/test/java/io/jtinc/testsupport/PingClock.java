package io.jtinc.testsupport;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures when a path starts working: {@code ping -c 1 -w DEADLINE -i 0.2} sends an echo request every 200 ms
 * and exits at the first reply, so several probes started together each time their own path with 0.2 s
 * resolution (a loop of one-shot pings would only resolve to its 1 s reply timeout). A ping that gives up early
 * (no route yet: the tunnel device does not exist before the daemon made it) is started again until the deadline.
 */
public final class PingClock {
    private final String what;
    private final long startNanos;
    private final CompletableFuture<Long> replyNanos = new CompletableFuture<>();

    private PingClock(String what, long startNanos) {
        this.what = what;
        this.startNanos = startNanos;
    }

    /** Starts probing from {@code from} to {@code address}; the clock starts now. */
    public static PingClock start(TincMesh.Node from, String address, int deadlineSeconds) {
        return start(from, address, deadlineSeconds, System.nanoTime());
    }

    /** As above, with the clock started earlier (at the event being timed, e.g. a restart or link-up). */
    public static PingClock start(TincMesh.Node from, String address, int deadlineSeconds, long startNanos) {
        PingClock clock = new PingClock(from.name + " -> " + address, startNanos);
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        Thread t = new Thread(() -> clock.probe(from, address, deadline), "ping-clock " + clock.what);
        t.setDaemon(true);
        t.start();
        return clock;
    }

    private void probe(TincMesh.Node from, String address, long deadline) {
        String ping = address.contains(":") ? "ping6" : "ping";
        try {
            while (true) {
                long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
                if (left < 1) {
                    replyNanos.complete(-1L);
                    return;
                }
                List<String> cmd = from.ns.wrap(List.of(ping, "-n", "-q", "-c", "1", "-i", "0.2",
                        "-w", Long.toString(left), address));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                int status = p.waitFor();
                if (status == 0) {
                    replyNanos.complete(System.nanoTime());
                    return;
                }
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            replyNanos.complete(-1L);
        }
    }

    /** Milliseconds from the start to the first reply, or -1 when no reply came before the deadline. */
    public long awaitMillis() {
        long end = replyNanos.join();
        return end < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(end - startNanos);
    }

    public String what() {
        return what;
    }
}
