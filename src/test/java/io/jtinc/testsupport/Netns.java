package io.jtinc.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace owned by one test. Names are unique per run (pid + counter) so parallel or leftover runs
 * never collide. {@link #close()} kills every process started in it and deletes it, also when the test fails:
 * always use try-with-resources. Tests only ever address namespaces they created.
 */
public final class Netns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final List<Process> processes = new ArrayList<>();

    private Netns(String name) {
        this.name = name;
    }

    /** Creates "jt<pid>-<n>-<role>" (at most 15+ chars is fine for netns; the role keeps logs readable). */
    public static Netns create(String role) {
        String name = "jt" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + role;
        Sh.ok("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs a command inside the namespace and waits for it. */
    public Sh.Result run(String... cmd) {
        return Sh.run(wrap(List.of(cmd)), 60);
    }

    /** Like {@link #run} but throws when the command fails. */
    public Sh.Result exec(String... cmd) {
        List<String> full = wrap(List.of(cmd));
        return Sh.run(full, 60).orThrow(full);
    }

    /** Starts a long-running process inside the namespace, output to {@code log}; killed on close. */
    public Process start(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(wrap(cmd)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    public List<String> wrap(List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(cmd);
        return full;
    }

    /** Connects two namespaces with a veth pair and gives each end an address (CIDR form) and link up. */
    public static void link(Netns a, String ifA, String addrA, Netns b, String ifB, String addrB) {
        String tmpA = "v" + COUNTER.incrementAndGet() + "a" + ProcessHandle.current().pid() % 100000;
        String tmpB = "v" + COUNTER.get() + "b" + ProcessHandle.current().pid() % 100000;
        Sh.ok("ip", "link", "add", tmpA, "type", "veth", "peer", "name", tmpB);
        Sh.ok("ip", "link", "set", tmpA, "netns", a.name);
        Sh.ok("ip", "link", "set", tmpB, "netns", b.name);
        a.exec("ip", "link", "set", tmpA, "name", ifA);
        b.exec("ip", "link", "set", tmpB, "name", ifB);
        a.exec("ip", "addr", "add", addrA, "dev", ifA);
        b.exec("ip", "addr", "add", addrB, "dev", ifB);
        a.exec("ip", "link", "set", ifA, "up");
        b.exec("ip", "link", "set", ifB, "up");
    }

    @Override
    public void close() {
        List<Process> copy;
        synchronized (processes) {
            copy = new ArrayList<>(processes);
        }
        for (Process p : copy) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Anything still holding the namespace (a daemon that detached) is killed before deletion.
        Sh.run("ip", "netns", "pids", name).output().lines()
                .filter(l -> l.matches("\\d+")).forEach(pid -> Sh.run("kill", "-9", pid));
        Sh.run("ip", "netns", "del", name);
    }
}
