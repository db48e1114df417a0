package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Netns;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jtincd needs no root: two nodes, each in its own namespace, run as user nobody with only the unit's ambient
 * capabilities (CAP_NET_ADMIN and CAP_NET_BIND_SERVICE, what jtinc@.service grants). Each opens its TAP device,
 * binds port 655, runs tinc-up (whose ip commands inherit the capabilities), writes its pid file and control
 * socket as nobody, and the two ping each other across the tunnel. /dev/net/tun is made 0666 for the test, as
 * udev makes it on Debian, and restored after.
 */
@Tag("netns")
class ServiceUserIT {
    private static final String CAPS = "+net_admin,+net_bind_service";

    @Test
    void twoUnprivilegedNodesWithTheUnitsCapabilitiesPingEachOther() throws Exception {
        Requirements.requireNetns();
        Requirements.require(Sh.which("setpriv") != null, "needs setpriv (util-linux)");
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory("jtinc-user");
        Path tun = Path.of("/dev/net/tun");
        String tunMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(tun));
        List<Process> daemons = new ArrayList<>();
        try (Netns nsA = Netns.create("usa"); Netns nsB = Netns.create("usb")) {
            Netns.link(nsA, "eth0", "10.77.0.1/24", nsB, "eth0", "10.77.0.2/24");
            Path a = net(dir, "usera", "tusa0", "fd7e:5::1", null);
            Path b = net(dir, "userb", "tusb0", "fd7e:5::2", "usera");
            // Exchange host files: each side needs the other's public key; usera's gets its Address.
            Files.writeString(a.resolve("hosts/usera"), "Address = 10.77.0.1\n", StandardOpenOption.APPEND);
            Files.copy(a.resolve("hosts/usera"), b.resolve("hosts/usera"));
            Files.copy(b.resolve("hosts/userb"), a.resolve("hosts/userb"));
            Sh.ok("chown", "-R", "nobody:nogroup", dir.toString());
            Files.setPosixFilePermissions(tun, PosixFilePermissions.fromString("rw-rw-rw-"));
            daemons.add(start(nsA, a));
            daemons.add(start(nsB, b));
            for (Path net : List.of(a, b)) {
                Path log = net.resolve("log");
                Jtincd.await(() -> Jtincd.read(log).contains("Ready"), 30_000,
                        () -> "Ready as nobody:\n" + Jtincd.read(log));
            }
            long p0 = System.nanoTime();
            Jtincd.await(() -> nsB.run("ping", "-6", "-c", "1", "-W", "1", "fd7e:5::1").status() == 0, 30_000,
                    () -> "ping across the tunnel from userb:\n" + Jtincd.read(a.resolve("log")) + "\n"
                            + Jtincd.read(b.resolve("log")));
            long pingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p0);
            assertEquals(0, nsA.run("ping", "-6", "-c", "3", "-i", "0.2", "-W", "2", "fd7e:5::2").status(),
                    "and back from usera");
            for (int i = 0; i < 2; i++) {
                Process p = daemons.get(i);
                Path net = i == 0 ? a : b;
                assertTrue(p.isAlive(), Jtincd.read(net.resolve("log")));
                assertEquals("nobody", Files.getOwner(net.resolve("pid")).getName());
                assertEquals("rw-rw----", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(net.resolve("pid.socket"))));
                // ip netns exec, setpriv and the launcher all exec: the process is jtincd's JVM itself.
                String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
                assertTrue(status.matches("(?s).*Uid:\\s+65534\\s+65534\\s+65534\\s+65534.*"), status);
                // CAP_NET_ADMIN (12) and CAP_NET_BIND_SERVICE (10) effective, nothing else.
                assertTrue(status.matches("(?s).*CapEff:\\s+0000000000001400\\n.*"), status);
            }
            System.out.printf("ServiceUserIT: two jtincd as nobody, first ping across after %d ms, test %d ms%n",
                    pingMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } finally {
            for (Process p : daemons) {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
            Files.setPosixFilePermissions(tun, PosixFilePermissions.fromString(tunMode));
            Jtincd.deleteTree(dir);
        }
    }

    /** A switch-mode net whose tinc-up brings the TAP device up with one IPv6 address; keys made by jtincd -K. */
    private static Path net(Path dir, String name, String iface, String address, String connectTo) throws Exception {
        Path net = dir.resolve(name);
        Files.createDirectories(net.resolve("hosts"));
        Files.writeString(net.resolve("tinc.conf"), "Name = " + name + "\nMode = switch\nDeviceType = tap\n"
                + "Interface = " + iface + "\n" + (connectTo == null ? "" : "ConnectTo = " + connectTo + "\n"));
        Files.writeString(net.resolve("tinc-up"),
                "#!/bin/sh\nip link set $INTERFACE up\nip -6 addr add " + address + "/64 dev $INTERFACE nodad\n");
        net.resolve("tinc-up").toFile().setExecutable(true);
        Sh.ok(Jtincd.command("jtincd", "-c", net.toString(), "-K2048").toArray(new String[0]));
        return net;
    }

    private static Process start(Netns ns, Path net) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "setpriv", "--reuid=nobody",
                "--regid=nogroup", "--clear-groups", "--inh-caps=" + CAPS, "--ambient-caps=" + CAPS,
                "--bounding-set=-all," + CAPS));
        cmd.addAll(Jtincd.command("jtincd", "-c", net.toString(), "-D", "-d1", "--pidfile=" + net.resolve("pid")));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(net.resolve("log").toFile()).start();
    }
}
