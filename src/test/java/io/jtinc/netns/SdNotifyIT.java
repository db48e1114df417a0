package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Netns;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jtincd's sd_notify as a Type=notify unit sees it, through an abstract-namespace NOTIFY_SOCKET ("@name", which is
 * per network namespace, so the listener runs in the daemon's): READY=1 with STATUS= once up, WATCHDOG=1 at half of
 * WATCHDOG_USEC, RELOADING=1 with MONOTONIC_USEC then READY=1 around a HUP, STOPPING=1 on TERM. A second run with
 * WATCHDOG_PID naming another process sends READY=1 but no WATCHDOG=1 (the watchdog is meant for that process).
 * StartBootIT checks the same messages through a path socket.
 */
@Tag("netns")
class SdNotifyIT {
    private static final long WATCHDOG_USEC = 400_000;

    @Test
    void readyWatchdogReloadingAndStopping() throws Exception {
        Requirements.requireNetns();
        Requirements.require(Sh.which("python3") != null, "needs python3 (the notify socket's listener)");
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory("jtinc-notify");
        try (Netns ns = Netns.create("ntf")) {
            Path net = dir.resolve("net");
            Files.createDirectories(net.resolve("hosts"));
            Files.writeString(net.resolve("tinc.conf"), "Name = notifier\nMode = switch\nDeviceType = tap\n"
                    + "Interface = tntf0\n");
            Sh.ok(Jtincd.command("jtincd", "-c", net.toString(), "-K2048").toArray(new String[0]));
            String socket = "@jtinc-notify-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
            Path notes = dir.resolve("notes");
            Process listener = ns.start(List.of("python3", "-c",
                    "import socket,sys,time\ns=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
                    + "s.bind('\\0'+sys.argv[1][1:])\nf=open(sys.argv[2],'a')\nf.write('LISTENING\\n');f.flush()\n"
                    + "while True:\n  m=s.recv(4096).decode()\n"
                    + "  f.write('%.3f '%time.monotonic()+m.replace('\\n',' ')+'\\n');f.flush()\n",
                    socket, notes.toString()), dir.resolve("listener.log"));
            Jtincd.await(() -> Jtincd.read(notes).contains("LISTENING"), 10_000,
                    () -> "listener: " + Jtincd.read(dir.resolve("listener.log")));

            Process d = daemon(ns, net, dir.resolve("log"), socket, null);
            try {
                Jtincd.await(() -> Jtincd.read(notes).contains("READY=1"), 30_000,
                        () -> "READY=1: " + Jtincd.read(notes) + "\n" + Jtincd.read(dir.resolve("log")));
                assertTrue(Jtincd.read(notes).contains("READY=1 STATUS=Ready: net (none), node notifier"),
                        Jtincd.read(notes));
                long w0 = System.nanoTime();
                int before = count(notes, "WATCHDOG=1");
                Thread.sleep(3000);
                int fed = count(notes, "WATCHDOG=1") - before;
                double seconds = (System.nanoTime() - w0) / 1e9;
                double expected = seconds / (WATCHDOG_USEC / 2 / 1e6);
                System.out.printf("SdNotifyIT: %d WATCHDOG=1 in %.2f s (every %d ms asked: %.1f expected)%n", fed,
                        seconds, WATCHDOG_USEC / 2000, expected);
                assertTrue(fed >= expected * 0.4 && fed <= expected * 1.5 + 1, "watchdog rate: " + fed);

                Sh.ok("kill", "-HUP", Long.toString(d.pid()));
                Jtincd.await(() -> Jtincd.read(notes).matches("(?s).*RELOADING=1 MONOTONIC_USEC=\\d+\\n.*READY=1\\n.*"),
                        10_000, () -> "RELOADING=1 then READY=1: " + Jtincd.read(notes));
                long usec = Long.parseLong(Jtincd.read(notes).replaceAll("(?s).*MONOTONIC_USEC=(\\d+).*", "$1"));
                double ourNow = System.nanoTime() / 1000.0; // both CLOCK_MONOTONIC
                assertTrue(Math.abs(ourNow - usec) < 30e6, "MONOTONIC_USEC is CLOCK_MONOTONIC: " + usec);

                Sh.ok("kill", "-TERM", Long.toString(d.pid()));
                assertTrue(d.waitFor(30, TimeUnit.SECONDS), "TERM stops it");
                Jtincd.await(() -> Jtincd.read(notes).contains("STOPPING=1"), 5_000,
                        () -> "STOPPING=1: " + Jtincd.read(notes));
            } finally {
                d.destroyForcibly();
                d.waitFor(10, TimeUnit.SECONDS);
            }

            // WATCHDOG_PID names another process: no watchdog pings from us.
            Files.writeString(notes, "");
            Process other = daemon(ns, net, dir.resolve("log2"), socket, "1");
            try {
                Jtincd.await(() -> Jtincd.read(notes).contains("READY=1"), 30_000,
                        () -> "READY=1: " + Jtincd.read(notes) + "\n" + Jtincd.read(dir.resolve("log2")));
                Thread.sleep(1500);
                assertFalse(Jtincd.read(notes).contains("WATCHDOG=1"), Jtincd.read(notes));
            } finally {
                other.destroy();
                other.waitFor(20, TimeUnit.SECONDS);
                other.destroyForcibly();
            }
            listener.destroyForcibly();
            System.out.printf("SdNotifyIT: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } finally {
            Jtincd.deleteTree(dir);
        }
    }

    private static Process daemon(Netns ns, Path net, Path log, String socket, String watchdogPid) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("env", "NOTIFY_SOCKET=" + socket, "WATCHDOG_USEC=" + WATCHDOG_USEC));
        if (watchdogPid != null) {
            cmd.add("WATCHDOG_PID=" + watchdogPid);
        }
        cmd.addAll(Jtincd.command("jtincd", "-c", net.toString(), "-D", "-d1",
                "--pidfile=" + net.resolve("pid")));
        return ns.start(cmd, log);
    }

    private static int count(Path notes, String what) {
        int n = 0;
        for (String line : Jtincd.read(notes).split("\n")) {
            if (line.contains(what)) {
                n++;
            }
        }
        return n;
    }
}
