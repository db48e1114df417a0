package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, enrolment by invitation, end to end with the real launchers: a hub on the "internet", a Pi behind a
 * MASQUERADE router (the join goes out from the Pi, as at home), each machine with its own --config-root.
 * {@code jtinc invite} on the hub, {@code jtinc join URL} on the Pi and nothing else by hand; then the Pi's
 * jtincd comes up and its transfer address and its delegated /64 are reachable both ways over the mesh. Then
 * the refusals: the same URL again (message on both sides), a second invite without --force, and a --force
 * re-invite that keeps the /64.
 *
 * <pre>
 *   hub 198.51.100.1 ── router 198.51.100.11 (MASQUERADE) 192.168.1.1 ── pi 192.168.1.2 (+ eth0 = its LAN)
 * </pre>
 */
@Tag("netns")
class InvitationIT {
    private static final String NET = "mesh";
    private static final String PREFIX = "2001:db8:85a3:ef00::/56";
    private static final String HUB_T = "2001:db8:85a3:ef00::1";
    private static final String PI_T = "2001:db8:85a3:ef00::2";
    private static final String PI_LAN = "2001:db8:85a3:ef01::1";
    private static final String PI_SUBNET = "2001:db8:85a3:ef01::/64";

    @Test
    void inviteJoinPingRefuseReuseAndForceKeepsTheSlash64() throws Exception {
        Requirements.requireNetns();
        long t0 = System.currentTimeMillis();
        Path tmp = Files.createTempDirectory("jtinc-invite-it");
        Path hubRoot = tmp.resolve("hub-etc");
        Path piRoot = tmp.resolve("pi-etc");
        Path hubLog = tmp.resolve("hub.log");
        Path piLog = tmp.resolve("pi.log");
        try (Netns hub = Netns.create("hub"); Netns router = Netns.create("rtr"); Netns pi = Netns.create("pi")) {
            Netns.link(hub, "wan", "198.51.100.1/24", router, "wan", "198.51.100.11/24");
            Netns.link(router, "lan", "192.168.1.1/24", pi, "wan", "192.168.1.2/24");
            router.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            router.exec("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-j", "MASQUERADE");
            pi.exec("ip", "route", "add", "default", "via", "192.168.1.1");
            // The Pi's LAN: a veth whose far end stays in the Pi (this kernel has no dummy module).
            pi.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "lanhost");
            pi.exec("ip", "link", "set", "eth0", "up");
            pi.exec("ip", "link", "set", "lanhost", "up");

            // The hub: init, then the operator's two lines of delegation plan and the public Address.
            Sh.Result init = jtinc(null, hubRoot, "-n", NET, "init", "hub");
            assertEquals(0, init.status(), init.output());
            Path hubConf = hubRoot.resolve(NET);
            Files.writeString(hubConf.resolve("tinc.conf"), "DelegationPrefix = " + PREFIX + "\n"
                    + "TransferNetwork = 2001:db8:85a3:ef00::/64\n", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(hubConf.resolve("hosts/hub"), "Address = 198.51.100.1\n"
                    + Files.readString(hubConf.resolve("hosts/hub")));

            long t = System.currentTimeMillis();
            Sh.Result invite = jtinc(null, hubRoot, "-n", NET, "invite", "pi_one");
            long inviteMs = System.currentTimeMillis() - t;
            assertEquals(0, invite.status(), invite.output());
            String url = invite.output().trim();
            assertEquals(1, url.lines().count(), "invite prints exactly one line: " + invite.output());
            assertTrue(url.matches("jtinc://198\\.51\\.100\\.1:655/mesh/[A-Za-z0-9_-]{43}/[A-Za-z0-9_-]{32}"), url);
            assertTrue(Files.readString(hubConf.resolve("tinc-up")).contains("2001:db8:85a3:ef00::1/64"),
                    "invite wrote the hub's tinc-up with its transfer address");
            Path invitations = hubConf.resolve("invitations");
            try (var files = Files.list(invitations)) {
                List<Path> invs = files.filter(p -> p.getFileName().toString().length() == 43).toList();
                assertEquals(1, invs.size());
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(invs.get(0))));
                assertTrue(!Files.readString(invs.get(0)).contains(url.substring(url.lastIndexOf('/') + 1)),
                        "the secret is not stored on the hub");
            }

            Path hubPid = tmp.resolve("hub.pid");
            hub.start(Jtincd.command("jtincd", "-n", NET, "-c", hubConf.toString(), "-D", "-d3", "--pidfile",
                    hubPid.toString()), hubLog);
            Jtincd.await(() -> Jtincd.read(hubLog).contains("Ready"), 60_000, "the hub to start", hubLog);

            // The Pi: one command.
            t = System.currentTimeMillis();
            Sh.Result join = jtinc(pi, piRoot, "join", url);
            long joinMs = System.currentTimeMillis() - t;
            assertEquals(0, join.status(), join.output() + "\n--- hub log:\n" + Jtincd.read(hubLog));
            assertTrue(join.output().contains("Start it with: jtincd -n mesh"), join.output());
            Path piConf = piRoot.resolve(NET);
            String tincConf = Files.readString(piConf.resolve("tinc.conf"));
            assertTrue(tincConf.contains("Name = pi_one") && tincConf.contains("ConnectTo = hub")
                    && tincConf.contains("Mode = switch") && tincConf.contains("DeviceType = tap"), tincConf);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    piConf.resolve("rsa_key.priv"))));
            assertTrue(Files.readString(piConf.resolve("hosts/hub")).contains("Address = 198.51.100.1"));
            assertTrue(Files.readString(piConf.resolve("tinc-up")).contains("LAN=eth0"));
            assertEquals(List.of(NET), Files.readAllLines(piRoot.resolve("nets.boot")).stream()
                    .filter(l -> !l.startsWith("#")).toList());
            assertTrue(Files.readString(hubConf.resolve("hosts/pi_one")).contains("Subnet = " + PI_SUBNET));
            assertTrue(Files.readString(hubConf.resolve("tinc-up")).contains("ip -6 route replace " + PI_SUBNET
                    + " via " + PI_T), "the hub's generated block routes the /64");
            Jtincd.await(() -> hub.run("ip", "-6", "route", "show", PI_SUBNET).output().contains("via " + PI_T),
                    10_000, "the hub to apply the new route at once", hubLog);
            assertTrue(Jtincd.read(hubLog).contains("enrolled pi_one"), Jtincd.read(hubLog));

            t = System.currentTimeMillis();
            pi.start(Jtincd.command("jtincd", "-n", NET, "-c", piConf.toString(), "-D", "-d3", "--pidfile",
                    tmp.resolve("pi.pid").toString()), piLog);
            Jtincd.await(() -> pi.run("ping6", "-c", "1", "-W", "1", "-I", PI_T, HUB_T).status() == 0, 60_000,
                    () -> "ping6 pi transfer -> hub transfer\n--- pi:\n" + Jtincd.read(piLog) + "\n--- hub:\n"
                            + Jtincd.read(hubLog));
            long piToHubMs = System.currentTimeMillis() - t;
            Jtincd.await(() -> hub.run("ping6", "-c", "1", "-W", "1", PI_LAN).status() == 0, 30_000,
                    () -> "ping6 hub -> the Pi's delegated ::1\n" + Jtincd.read(hubLog));
            long hubToLanMs = System.currentTimeMillis() - t;
            assertEquals(0, pi.run("ping6", "-c", "3", "-i", "0.2", "-I", PI_T, HUB_T).status());
            assertEquals(0, hub.run("ping6", "-c", "3", "-i", "0.2", PI_LAN).status());

            // The same URL again, from another machine's root: refused, with the reason on both sides.
            t = System.currentTimeMillis();
            Sh.Result reuse = jtinc(pi, tmp.resolve("thief-etc"), "join", url);
            long reuseMs = System.currentTimeMillis() - t;
            assertNotEquals(0, reuse.status(), reuse.output());
            assertTrue(reuse.output().contains("the hub refused the invitation: the invitation for pi_one was already "
                    + "used"), reuse.output());
            Jtincd.await(() -> Jtincd.read(hubLog).contains("refused for pi_one: the invitation for pi_one was "
                    + "already used"), 10_000, "the hub to log the refusal", hubLog);
            assertTrue(!Files.exists(tmp.resolve("thief-etc").resolve(NET).resolve("tinc.conf")),
                    "a refused join writes nothing");

            Sh.Result again = jtinc(null, hubRoot, "-n", NET, "invite", "pi_one");
            assertNotEquals(0, again.status());
            assertTrue(again.output().contains("already exists") && again.output().contains("--force"),
                    again.output());

            Sh.Result forced = jtinc(null, hubRoot, "-n", NET, "invite", "--force", "pi_one");
            assertEquals(0, forced.status(), forced.output());
            Sh.Result dump = jtinc(null, hubRoot, "-n", NET, "dump", "invitations");
            assertEquals(0, dump.status(), dump.output());
            List<String> lines = dump.output().lines().filter(l -> l.startsWith("pi_one ")).toList();
            assertEquals(2, lines.size(), dump.output());
            assertTrue(lines.get(0).startsWith("pi_one used ") && lines.get(1).startsWith("pi_one pending "),
                    dump.output());
            assertTrue(lines.stream().allMatch(l -> l.contains("subnet " + PI_SUBNET + " address " + PI_T)),
                    dump.output());
            // The re-installed Pi joins with the new URL and gets the same /64 back.
            Sh.Result rejoin = jtinc(pi, tmp.resolve("reinstalled-etc"), "join", forced.output().trim());
            assertEquals(0, rejoin.status(), rejoin.output() + "\n" + Jtincd.read(hubLog));
            assertTrue(rejoin.output().contains("Delegated " + PI_SUBNET), rejoin.output());

            System.out.println("--- dump invitations:\n" + dump.output().trim());
            System.out.printf("InvitationIT: invite %d ms, join (keygen + exchange, via NAT) %d ms, Pi jtincd start "
                    + "to first ping6 pi->hub transfer %d ms, to hub->Pi LAN ::1 %d ms, refused reuse %d ms%n",
                    inviteMs, joinMs, piToHubMs, hubToLanMs, reuseMs);
        } finally {
            System.out.printf("InvitationIT: %d ms%n", System.currentTimeMillis() - t0);
            Jtincd.deleteTree(tmp);
        }
    }

    /** The jtinc launcher with its own --config-root, inside ns (or on the host when ns is null). */
    private static Sh.Result jtinc(Netns ns, Path root, String... args) {
        List<String> a = new ArrayList<>(List.of("--config-root", root.toString()));
        a.addAll(List.of(args));
        List<String> cmd = Jtincd.command("jtinc", a.toArray(String[]::new));
        return ns == null ? Sh.run(cmd, 120) : Sh.run(ns.wrap(cmd), 120);
    }
}
