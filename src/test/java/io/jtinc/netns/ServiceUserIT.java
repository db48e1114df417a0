package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Netns;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jtincd needs no root: as user nobody with only the unit's ambient capabilities (CAP_NET_ADMIN and
 * CAP_NET_BIND_SERVICE, what jtinc@.service grants) it opens its TAP device, binds port 655, runs tinc-up (whose ip
 * commands inherit the capabilities), writes its pid file and control socket, and answers a ping on the tunnel's
 * address. /dev/net/tun is made 0666 for the test, as udev makes it on Debian, and restored after.
 */
@Tag("netns")
class ServiceUserIT {
    @Test
    void runsAsAnUnprivilegedUserWithTheUnitsCapabilities() throws Exception {
        Requirements.requireNetns();
        Requirements.require(Sh.which("setpriv") != null, "needs setpriv (util-linux)");
        Path dir = Files.createTempDirectory("jtinc-user");
        Path tun = Path.of("/dev/net/tun");
        String tunMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(tun));
        try (Netns ns = Netns.create("usr")) {
            Path net = dir.resolve("net");
            Files.createDirectories(net.resolve("hosts"));
            Files.writeString(net.resolve("tinc.conf"), "Name = solo\nMode = switch\nDeviceType = tap\nInterface = tusr0\n");
            Files.writeString(net.resolve("tinc-up"),
                    "#!/bin/sh\nip link set $INTERFACE up\nip -6 addr add fd7e:5::1/64 dev $INTERFACE nodad\n");
            net.resolve("tinc-up").toFile().setExecutable(true);
            Sh.ok(Jtincd.command("jtincd", "-c", net.toString(), "-K2048").toArray(new String[0]));
            Sh.ok("chown", "-R", "nobody:nogroup", dir.toString());
            Files.setPosixFilePermissions(tun, PosixFilePermissions.fromString("rw-rw-rw-"));
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "setpriv", "--reuid=nobody",
                    "--regid=nogroup", "--clear-groups", "--inh-caps=+net_admin,+net_bind_service",
                    "--ambient-caps=+net_admin,+net_bind_service"));
            cmd.addAll(Jtincd.command("jtincd", "-c", net.toString(), "-D", "-d1", "--pidfile=" + dir.resolve("pid")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").toFile()).start();
            try {
                Jtincd.await(() -> Jtincd.read(dir.resolve("log")).contains("Ready") || !p.isAlive(), 30_000,
                        () -> "Ready as nobody:\n" + Jtincd.read(dir.resolve("log")));
                assertTrue(p.isAlive(), Jtincd.read(dir.resolve("log")));
                assertEquals(0, ns.run("ping", "-6", "-c", "1", "-W", "2", "fd7e:5::1").status(),
                        "tinc-up ran as nobody and set the address\n" + Jtincd.read(dir.resolve("log")));
                assertEquals("nobody", Files.getOwner(dir.resolve("pid")).getName());
                System.out.println("ServiceUserIT: jtincd as nobody:\n" + Jtincd.read(dir.resolve("log")));
                assertEquals("rw-rw----", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("pid.socket"))));
                // ip netns exec, setpriv, env and the launcher all exec: the process is jtincd's JVM itself.
                String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
                assertTrue(status.matches("(?s).*Uid:\\s+65534.*"), status);
            } finally {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        } finally {
            Files.setPosixFilePermissions(tun, PosixFilePermissions.fromString(tunMode));
            Jtincd.deleteTree(dir);
        }
    }
}
