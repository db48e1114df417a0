package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The boot path without systemd: {@code jtinc start-boot} on a Pi starts exactly the nets in its nets.boot, each
 * jtincd tells a systemd-style notify socket READY=1, WATCHDOG=1, RELOADING=1 then READY=1 on reload and
 * STOPPING=1, and the started net comes back by itself after its hub restarts.
 */
@Tag("netns")
class StartBootIT {
    @Test
    void startBootStartsTheListedNetsWhichNotifyAndReconnect() throws Exception {
        long t0 = System.nanoTime();
        try (TincMesh mesh = new TincMesh("switch")) {
            // A fixed MAC on the hub's TAP, as on a real hub (otherwise its restart gives a new random MAC, and the
            // Pi's kernel keeps sending to the old one until its neighbour entry expires, some 40 s).
            TincMesh.Node hub = mesh.add("hub", Impl.JTINC).up("ip link set $INTERFACE address 02:77:00:00:00:01")
                    .up("ip -6 addr add fd7d:1::1/64 dev $INTERFACE nodad");
            TincMesh.Node pia = mesh.add("pia", Impl.JTINC).connectTo("hub").noDaemon()
                    .up("ip -6 addr add fd7d:1::a/64 dev $INTERFACE nodad");
            mesh.add("pib", Impl.JTINC).connectTo("hub").noDaemon();
            mesh.configure();
            mesh.start(hub, 2);
            // The Pi's machine: its config root holds nets pia and pib; nets.boot lists only pia.
            Path root = pia.dir.getParent();
            Path run = root.resolve("run");
            Files.writeString(root.resolve("nets.boot"), "# test\npia\n");
            Path notify = root.resolve("notify.sock");
            Path notes = root.resolve("notify.txt");
            List<String> listen = List.of("ip", "netns", "exec", pia.ns.name(), "python3", "-c",
                    "import socket,sys\ns=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\ns.bind(sys.argv[1])\n"
                    + "f=open(sys.argv[2],'a')\nwhile True:\n  f.write(s.recv(4096).decode().replace('\\n',' ')+'\\n');"
                    + "f.flush()\n", notify.toString(), notes.toString());
            Process listener = new ProcessBuilder(listen).redirectErrorStream(true).start();
            try {
                Jtincd.await(() -> Files.exists(notify), 10_000, () -> "the notify listener");
                List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", pia.ns.name(), "env",
                        "NOTIFY_SOCKET=" + notify, "WATCHDOG_USEC=400000", "EXTRA=-d3"));
                cmd.addAll(Jtincd.command("jtinc", "--config-root", root.toString(), "start-boot", "--no-systemd",
                        "--run-dir", run.toString(), "--log-dir", run.toString()));
                long s0 = System.nanoTime();
                Sh.Result boot = Sh.run(cmd, 180);
                long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0);
                assertEquals(0, boot.status(), boot.output());
                assertTrue(boot.output().contains("pia: started"), boot.output());
                assertTrue(Files.exists(run.resolve("pia.pid")), "pia runs");
                assertFalse(Files.exists(run.resolve("pib.pid")), "pib is not in nets.boot and must not run");
                long pid = Long.parseLong(Files.readString(run.resolve("pia.pid")).trim().split("\\s+")[0]);
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
                long p0 = System.nanoTime();
                mesh.awaitPing(pia, "fd7d:1::1", 30_000);
                System.out.printf("StartBootIT: start-boot returned after %d ms, first ping %d ms later%n", startMs,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p0));

                Jtincd.await(() -> read(notes).contains("READY=1") && read(notes).contains("WATCHDOG=1"), 10_000,
                        () -> "READY=1 and WATCHDOG=1, got: " + read(notes));
                assertTrue(read(notes).contains("STATUS=Ready: net pia, node pia"), read(notes));
                Sh.ok("kill", "-HUP", Long.toString(pid));
                Jtincd.await(() -> read(notes).matches("(?s).*RELOADING=1 MONOTONIC_USEC=\\d+.*READY=1.*"), 10_000,
                        () -> "RELOADING=1 then READY=1, got: " + read(notes));

                // The hub restarts; the booted net reconnects on its own.
                mesh.stop(hub, false);
                long r0 = System.nanoTime();
                mesh.start(hub, 2);
                mesh.awaitPing(pia, "fd7d:1::1", 60_000);
                System.out.printf("StartBootIT: ping through the restarted hub after %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r0));

                Sh.Result stop = pia.run(Jtincd.command("jtinc", "--pidfile=" + run.resolve("pia.pid"), "stop")
                        .toArray(new String[0]));
                assertEquals(0, stop.status(), stop.output());
                Jtincd.await(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), 20_000, () -> "stop");
                assertTrue(read(notes).contains("STOPPING=1"), read(notes));
            } finally {
                listener.destroyForcibly();
                if (Files.exists(run.resolve("pia.pid"))) {
                    Sh.run("kill", Files.readString(run.resolve("pia.pid")).trim().split("\\s+")[0]);
                }
            }
            System.out.printf("StartBootIT: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
