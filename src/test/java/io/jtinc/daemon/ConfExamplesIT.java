package io.jtinc.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 4 of the foundation issue: the conf-examples nets, run by the real launcher in a network namespace,
 * create the TAP device with the configured name, run tinc-up with tincd's environment (the device ends up with
 * the example's addresses and routes) and write the pid file; SIGTERM runs tinc-down, removes the device and
 * the pid file, and exits 0.
 *
 * <p>The scripts run through {@code -o ScriptsInterpreter=record-env}, a wrapper that saves the environment the
 * script got and then runs it with /bin/sh, so the examples themselves are used unchanged.
 */
@Tag("netns")
class ConfExamplesIT {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Requirements.requireNetns();
        dir = Files.createTempDirectory("jtinc-examples");
    }

    @AfterEach
    void tearDown() {
        Jtincd.deleteTree(dir);
    }

    /** Copies an example net, generates its key with jtincd -K, and adds the env-recording interpreter. */
    private Path prepare(String example) throws Exception {
        Path net = dir.resolve(example);
        Jtincd.copyTree(Jtincd.projectRoot().resolve("conf-examples").resolve(example), net);
        Sh.Result keygen = Sh.run(Jtincd.command("jtincd", "-c", net.toString(), "-K2048"), 120);
        assertEquals(0, keygen.status(), keygen.output());
        Path recorder = net.resolve("record-env");
        Files.writeString(recorder, "#!/bin/sh\nenv > \"$1.env\"\nexec /bin/sh \"$1\"\n");
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The examples have no subnet scripts; these record the order of every script into one file.
        for (String script : List.of("subnet-up", "subnet-down")) {
            Files.writeString(net.resolve(script),
                    "#!/bin/sh\necho \"" + script + " $SUBNET $WEIGHT $NODE\" >> \"$(dirname \"$0\")/order\"\n");
        }
        return net;
    }

    private static List<String> daemon(Path net, String... extra) {
        List<String> args = new ArrayList<>(List.of("-c", net.toString(), "-d2",
                "--pidfile=" + net.resolve("pid"), "-o", "ScriptsInterpreter=" + net.resolve("record-env")));
        args.addAll(List.of(extra));
        return Jtincd.command("jtincd", args.toArray(new String[0]));
    }

    @Test
    void hubBringsUpTapRunsScriptsAndCleansUpOnTerm() throws Exception {
        Path net = prepare("v6router");
        Path log = dir.resolve("hub.log");
        try (Netns ns = Netns.create("hub")) {
            Process p = ns.start(daemon(net, "-D"), log);
            Path pidfile = net.resolve("pid");
            Jtincd.await(() -> Jtincd.read(log).contains("Ready"), 60_000, "jtincd to report Ready", log);

            String link = ns.exec("ip", "-d", "link", "show", "v6net").output();
            assertTrue(link.contains("tun type tap"), "a TAP device named v6net:\n" + link);
            assertTrue(link.contains("UP"), "tinc-up set the link up:\n" + link);
            String addrs = ns.exec("ip", "-6", "addr", "show", "dev", "v6net").output();
            assertTrue(addrs.contains("2001:db8:85a3::1/64"), addrs);
            String routes = ns.exec("ip", "-6", "route", "show", "dev", "v6net").output();
            for (int n = 1; n <= 5; n++) {
                assertTrue(routes.contains("2001:db8:85a3:" + n + "::/64 via 2001:db8:85a3::1" + n), routes);
            }

            String upEnv = Jtincd.read(net.resolve("tinc-up.env"));
            assertTrue(upEnv.contains("INTERFACE=v6net\n"), upEnv);
            assertTrue(upEnv.contains("DEVICE=/dev/net/tun\n"), upEnv);
            assertTrue(upEnv.contains("NAME=v6router\n"), upEnv);
            assertTrue(upEnv.contains("NETNAME=\n"), "no -n: NETNAME is empty, as with tincd\n" + upEnv);

            long pid = Long.parseLong(Jtincd.read(pidfile).trim());
            assertTrue(pid == p.pid() || p.descendants().anyMatch(d -> d.pid() == pid),
                    "the pid file names the daemon");
            assertFalse(Files.exists(net.resolve("tinc-down.env")), "tinc-down must not have run yet");
            // subnet-up for our own subnets, in tincd's order and textual form, before Ready (switch mode then also
            // learns the TAP's own MAC from the kernel's first frames: subnet-up for it may follow).
            assertTrue(Jtincd.read(net.resolve("order")).startsWith("subnet-up 2001:db8:85a3:0:0:0:0:1/128 10 v6router\n"
                    + "subnet-up 2001:db8:85a3:0:0:0:0:0/64 10 v6router\n"), Jtincd.read(net.resolve("order")));

            Sh.ok("kill", "-TERM", Long.toString(pid));
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "jtincd exits after SIGTERM");
            assertEquals(0, p.exitValue(), Jtincd.read(log));

            String order = Jtincd.read(net.resolve("order"));
            assertTrue(order.endsWith("subnet-down 2001:db8:85a3:0:0:0:0:1/128 10 v6router\n"
                    + "subnet-down 2001:db8:85a3:0:0:0:0:0/64 10 v6router\n"), order);
            // A MAC learnt from the kernel's own frames (it may come late, even while we stop) is one of our
            // subnets too: as with tincd, it gets its subnet-down at exit, and no subnet-up follows the downs.
            List<String> lines = order.lines().toList();
            int firstDown = lines.indexOf(lines.stream().filter(l -> l.startsWith("subnet-down")).findFirst().orElseThrow());
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("subnet-up")) {
                    assertTrue(i < firstDown, "subnet-up after the first subnet-down:\n" + order);
                    assertTrue(lines.contains(l.replace("subnet-up", "subnet-down")), "no subnet-down for " + l + "\n" + order);
                }
            }
            String downEnv = Jtincd.read(net.resolve("tinc-down.env"));
            assertTrue(downEnv.contains("INTERFACE=v6net\n"), "tinc-down ran with the environment\n" + downEnv);
            String out = Jtincd.read(log);
            assertTrue(out.indexOf("Executing script tinc-down") < out.indexOf("Terminating"), out);
            assertFalse(ns.run("ip", "link", "show", "v6net").status() == 0, "the TAP device is gone");
            assertFalse(Files.exists(pidfile), "the pid file is gone");
        }
    }

    @Test
    void piAddressesItsTransferAndLanAndRoutesToTheHub() throws Exception {
        Path net = prepare("node_one");
        Path log = dir.resolve("pi.log");
        try (Netns ns = Netns.create("pi")) {
            // The example's LAN interface (LAN=eth0): a veth stands in for the Pi's Ethernet port (this kernel
            // has no dummy module).
            ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "lanpeer");
            ns.exec("ip", "link", "set", "eth0", "up");
            ns.exec("ip", "link", "set", "lanpeer", "up");
            Process p = ns.start(daemon(net, "-D"), log);
            Jtincd.await(() -> Jtincd.read(log).contains("Ready"), 60_000, "jtincd to report Ready", log);

            assertTrue(ns.exec("ip", "-6", "addr", "show", "dev", "v6net").output()
                    .contains("2001:db8:85a3::11/64"));
            assertTrue(ns.exec("ip", "-6", "addr", "show", "dev", "eth0").output()
                    .contains("2001:db8:85a3:1::1/64"));
            String routes = ns.exec("ip", "-6", "route").output();
            assertTrue(routes.contains("2001:db8:85a3::/56 via 2001:db8:85a3::1 dev v6net"), routes);
            assertEquals("1", ns.exec("sysctl", "-n", "net.ipv6.conf.all.forwarding").output().trim());

            Sh.ok("kill", "-TERM", Jtincd.read(net.resolve("pid")).trim());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Jtincd.read(log));
            assertFalse(ns.exec("ip", "-6", "addr", "show", "dev", "eth0").output()
                    .contains("2001:db8:85a3:1::1/64"), "tinc-down removed the LAN address");
        }
    }

    @Test
    void detachesWithoutDashDAndStopsWithDashK() throws Exception {
        Path net = prepare("v6router");
        Path logfile = dir.resolve("detached.log");
        try (Netns ns = Netns.create("bg")) {
            Sh.Result start = Sh.run(ns.wrap(daemon(net, "--logfile=" + logfile)), 90);
            assertEquals(0, start.status(), "the foreground returns 0 once the daemon is ready: " + start.output());
            Path pidfile = net.resolve("pid");
            long pid = Long.parseLong(Jtincd.read(pidfile).trim());
            ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
            assertTrue(daemon.isAlive());
            assertEquals(0, ns.run("ip", "link", "show", "v6net").status(), "device is up while detached");
            String log = Jtincd.read(logfile);
            assertTrue(log.matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d tinc\\[" + pid + "\\]: jtincd .*"),
                    "tincd's log file format:\n" + log);

            Sh.Result kill = Sh.run(Jtincd.command("jtincd", "-c", net.toString(), "--pidfile=" + pidfile, "-k"), 60);
            assertEquals(0, kill.status(), kill.output());
            assertTrue(daemon.onExit().get(30, TimeUnit.SECONDS) != null);
            Jtincd.await(() -> Jtincd.read(logfile).contains("Terminating"), 10_000, "Terminating", logfile);
            assertFalse(ns.run("ip", "link", "show", "v6net").status() == 0, "the TAP device is gone");
            assertFalse(Files.exists(pidfile));

            Sh.Result again = Sh.run(Jtincd.command("jtincd", "-c", net.toString(), "--pidfile=" + pidfile, "-k"), 60);
            assertEquals(1, again.status(), "no pid file: exit 1 as tincd");
            assertTrue(again.output().contains("No other jtincd is running."), again.output());

            // A bad configuration without -D: the foreground reports it, once, exits 1, and nothing is left running
            // or created.
            Files.writeString(net.resolve("tinc.conf"), "\nMode = bridge\n", java.nio.file.StandardOpenOption.APPEND);
            Sh.Result bad = Sh.run(ns.wrap(daemon(net, "--logfile=" + logfile)), 90);
            assertEquals(1, bad.status(), bad.output());
            assertTrue(bad.output().contains("Mode = bridge is not valid"), bad.output());
            assertEquals(bad.output().indexOf("Mode = bridge"), bad.output().lastIndexOf("Mode = bridge"),
                    "said once: " + bad.output());
            assertFalse(ns.run("ip", "link", "show", "v6net").status() == 0, "no device was made");
            assertFalse(Files.exists(pidfile), "no daemon wrote its pid file");
            assertTrue(ProcessHandle.allProcesses().noneMatch(ph -> ph.info().commandLine()
                    .map(c -> c.contains("JtincdMain") && c.contains(net.toString())).orElse(false)),
                    "no background jtincd is left");
        }
    }

    /**
     * Issue 3, acceptance 5: the examples as a real network. node_one reaches v6router over an underlay veth; a LAN
     * host behind node_one, holding an address from node_one's delegated /64, reaches the hub's address across the
     * tunnel, and the hub reaches it (hub: route to 2001:db8:85a3:1::/64 via ::11; Pi: forwarding, /56 via ::1).
     */
    @Test
    void lanHostBehindThePiAndTheHubReachEachOther() throws Exception {
        Path hub = prepare("v6router");
        Path pi = prepare("node_one");
        Path hubLog = dir.resolve("hub.log");
        Path piLog = dir.resolve("pi.log");
        try (Netns hubNs = Netns.create("hub"); Netns piNs = Netns.create("pi"); Netns lanNs = Netns.create("lan")) {
            Netns.link(hubNs, "uplink", "10.78.0.1/24", piNs, "wan", "10.78.0.2/24");
            Netns.link(piNs, "eth0", "10.79.0.1/24", lanNs, "eth0", "10.79.0.2/24");
            lanNs.exec("ip", "-6", "addr", "add", "2001:db8:85a3:1::100/64", "dev", "eth0", "nodad");
            lanNs.exec("ip", "-6", "route", "add", "default", "via", "2001:db8:85a3:1::1");
            // The hub's public address in the example is a documentation address: point it at the underlay.
            Path hubHost = hub.resolve("hosts/v6router");
            Files.writeString(hubHost, Files.readString(hubHost).replace("Address = 192.0.2.1", "Address = 10.78.0.1"));
            Files.copy(hubHost, pi.resolve("hosts/v6router"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(pi.resolve("hosts/node_one"), hub.resolve("hosts/node_one"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Process h = hubNs.start(daemon(hub, "-D"), hubLog);
            Process p = piNs.start(daemon(pi, "-D"), piLog);
            java.util.function.Supplier<String> logs = () -> "--- hub:\n" + Jtincd.read(hubLog) + "\n--- pi:\n"
                    + Jtincd.read(piLog);
            Jtincd.await(() -> lanNs.run("ping6", "-c", "1", "-W", "1", "2001:db8:85a3::1").status() == 0, 60_000,
                    "the LAN host to reach the hub\n" + logs.get(), null);
            assertEquals(0, lanNs.run("ping6", "-c", "5", "-i", "0.2", "2001:db8:85a3::1").status(), logs.get());
            assertEquals(0, hubNs.run("ping6", "-c", "5", "-i", "0.2", "2001:db8:85a3:1::100").status(), logs.get());
            assertTrue(h.isAlive() && p.isAlive(), logs.get());
        }
    }
}
