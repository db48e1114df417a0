package io.jtinc.testsupport;

import io.jtinc.testsupport.TincMesh.Impl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our users' network in namespaces: a hub on an "internet" segment and Pis at home behind IPv4 NAT.
 *
 * <pre>
 *                       internet: bridge in its own namespace, 198.51.100.0/24
 *   hub 198.51.100.1 ──┤
 *                      ├── router 198.51.100.1N ── LAN 192.168.N.0/24 ── Pi 192.168.N.2
 *                      │   (MASQUERADE; optionally dropping forwarded UDP; optionally a LAN MTU)
 *                      ├── "internet hosts" 198.51.100.20x (no daemon: a test's own sender)
 *                      └── isp 198.51.100.254 ── 203.0.113.4N+1/30 ── router 203.0.113.4N+2 ── LAN ── Pi
 * </pre>
 *
 * The isp namespace exists only when a router is put behind it ({@link #behindNat(String, Impl, int, boolean)}):
 * then a datagram from another NAT to that router crosses one more router, as on the real internet, and a
 * low-TTL hole punch (TTL 2) dies at the isp instead of being delivered locally to the far NAT router. Every
 * namespace on the internet bridge gets a route to 203.0.113.0/24 via the isp.
 *
 * The hub's host file has an Address; a Pi's has none and the Pi does ConnectTo the hub only, as on the real
 * network. Switch mode over TAP; tinc-up gives each node fd7a:4e::N/64 on the tunnel. Every node runs jtincd or
 * the real tincd 1.0.36. Namespace names are unique (Netns); {@link #close()} removes all of them, also when the
 * test failed. Each router counts the UDP it forwards (iptables rules without a target), so a test can prove
 * which path data took.
 */
public final class NatTopology implements AutoCloseable {
    public static final String HUB_IP = "198.51.100.1";
    private static final Pattern COUNTER = Pattern.compile("(?m) (\\S+) (\\d+)$");
    private static final Pattern RULE_COUNTER = Pattern.compile(" -c (\\d+) \\d+");

    /** A home router: WAN on the internet bridge, LAN to one Pi, MASQUERADE out of the WAN. */
    public final class Router {
        public final Netns ns;
        public final String publicIp;
        private boolean udpBlocked;

        Router(String role, int index, boolean viaIsp) throws IOException {
            this.ns = Netns.create(role);
            if (viaIsp) {
                Netns isp = isp();
                this.publicIp = "203.0.113." + (4 * index + 2);
                Netns.link(isp, "r" + index, "203.0.113." + (4 * index + 1) + "/30", ns, "wan", publicIp + "/30");
                ns.exec("ip", "route", "add", "default", "via", "203.0.113." + (4 * index + 1));
            } else {
                this.publicIp = "198.51.100." + (10 + index);
                attach(ns, "wan", publicIp);
            }
            ns.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            ns.exec("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-j", "MASQUERADE");
            // Counting rules (no target): UDP forwarded out of and into the WAN; after any DROP inserted above.
            ns.exec("iptables", "-A", "FORWARD", "-o", "wan", "-p", "udp");
            ns.exec("iptables", "-A", "FORWARD", "-i", "wan", "-p", "udp");
        }

        /** The firewall of UdpBlockedIT: forwarded UDP is dropped, both ways (TCP still passes). */
        public void blockUdp() {
            if (!udpBlocked) {
                ns.exec("iptables", "-I", "FORWARD", "1", "-p", "udp", "-j", "DROP");
                udpBlocked = true;
            }
        }

        public void unblockUdp() {
            if (udpBlocked) {
                ns.exec("iptables", "-D", "FORWARD", "-p", "udp", "-j", "DROP");
                udpBlocked = false;
            }
        }

        /** UDP datagrams this router forwarded from the LAN to the internet. */
        public long udpOut() {
            return ruleCount("-A FORWARD -o wan -p udp");
        }

        /** UDP datagrams this router forwarded from the internet to the LAN (replies and punched holes). */
        public long udpIn() {
            return ruleCount("-A FORWARD -i wan -p udp");
        }

        /** Datagrams the firewall rule dropped (0 when never blocked). */
        public long udpDropped() {
            return udpBlocked ? ruleCount("-A FORWARD -p udp -j DROP") : 0;
        }

        /** Starts counting UDP exchanged with one internet address (e.g. the other NAT's public IP). */
        public void countUdpWith(String ip) {
            ns.exec("iptables", "-A", "FORWARD", "-o", "wan", "-p", "udp", "-d", ip + "/32");
            ns.exec("iptables", "-A", "FORWARD", "-i", "wan", "-p", "udp", "-s", ip + "/32");
        }

        /** UDP to that address forwarded out, and from it forwarded in, since {@link #countUdpWith}. */
        public long[] udpWith(String ip) {
            return new long[] {ruleCount("-A FORWARD -d " + ip + "/32 -o wan -p udp"),
                ruleCount("-A FORWARD -s " + ip + "/32 -i wan -p udp")};
        }

        /** The packet counter of the FORWARD rule written exactly as {@code rule} (iptables -S form). */
        private long ruleCount(String rule) {
            for (String line : ns.exec("iptables", "-v", "-S", "FORWARD").output().split("\n")) {
                Matcher m = RULE_COUNTER.matcher(line);
                if (m.find() && (line.substring(0, m.start()) + line.substring(m.end())).trim().equals(rule)) {
                    return Long.parseLong(m.group(1));
                }
            }
            throw new IllegalStateException("no rule '" + rule + "' in " + ns.name());
        }
    }

    /** One tinc node: the hub, or a Pi behind its router. */
    public final class Node {
        public final String name;
        public final Impl impl;
        public final Netns ns;
        public final Path dir;
        public final Path log;
        /** The tunnel address (switch mode, on the TAP device). */
        public final String tunnelIp;
        /** The address on its own segment: the hub's public one, or the Pi's LAN address. */
        public final String ip;
        /** Null for the hub. */
        public final Router router;
        final List<String> extraConf = new ArrayList<>();
        Process process;

        Node(String name, Impl impl, int index, String ip, Router router) throws IOException {
            if (impl == Impl.TINCD) {
                Requirements.requireTincd();
            }
            this.name = name;
            this.impl = impl;
            this.ns = Netns.create(name);
            this.dir = root.resolve(name);
            this.log = root.resolve(name + ".log");
            this.tunnelIp = "fd7a:4e::" + index;
            this.ip = ip;
            this.router = router;
            Files.createDirectories(dir.resolve("hosts"));
        }

        /** A tinc.conf line, e.g. "PingInterval = 5". */
        public Node conf(String line) {
            extraConf.add(line);
            return this;
        }

        public Sh.Result run(String... cmd) {
            return ns.run(cmd);
        }

        public String logText() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "";
            }
        }

        public long pid() {
            return Long.parseLong(Jtincd.read(dir.resolve("pid")).trim());
        }

        /**
         * Sends USR2 and returns that dump's text (from its "Nodes:" line on). Both daemons end the dump with the
         * subnet list; jtincd appends its "Counters:" block.
         */
        public String dump() {
            String end = impl == Impl.JTINC ? "End of counters." : "End of subnet list.";
            int before = count(logText(), end);
            Sh.ok("kill", "-USR2", Long.toString(pid()));
            Jtincd.await(() -> count(logText(), end) > before, 10_000, () -> name + "'s USR2 dump\n" + logText());
            String text = logText();
            return text.substring(text.lastIndexOf("Nodes:"));
        }
    }

    private final Path root;
    private final Netns internet;
    private final List<Router> routers = new ArrayList<>();
    private final List<Netns> hosts = new ArrayList<>();
    /** Every namespace on the internet bridge except the isp: each needs the route to the isp's customers. */
    private final List<Netns> onBridge = new ArrayList<>();
    private Netns isp;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private Node hub;
    private int ports;

    public NatTopology() throws IOException {
        Requirements.requireNetns();
        Requirements.require(Sh.which("iptables") != null, "needs iptables (apt-get install iptables)");
        this.root = Files.createTempDirectory("jtinc-nat");
        this.internet = Netns.create("inet");
        internet.exec("ip", "link", "add", "br0", "type", "bridge");
        internet.exec("ip", "link", "set", "br0", "up");
    }

    /** The hub, on the internet segment at {@link #HUB_IP}, with that Address in its host file. */
    public Node hub(String name, Impl impl) throws IOException {
        hub = new Node(name, impl, nodes.size() + 1, HUB_IP, null);
        attach(hub.ns, "eth0", HUB_IP);
        nodes.put(name, hub);
        return hub;
    }

    /** A Pi on a private LAN behind its own MASQUERADE router; lanMtu 0 keeps 1500 on the LAN link. */
    public Node behindNat(String name, Impl impl, int lanMtu) throws IOException {
        return behindNat(name, impl, lanMtu, false);
    }

    /** With viaIsp, the router's WAN hangs off the isp namespace, one routed hop away from the internet bridge. */
    public Node behindNat(String name, Impl impl, int lanMtu, boolean viaIsp) throws IOException {
        int index = routers.size() + 1;
        Router r = new Router(name + "gw", index, viaIsp);
        routers.add(r);
        Node pi = new Node(name, impl, nodes.size() + 1, "192.168." + index + ".2", r);
        Netns.link(r.ns, "lan", "192.168." + index + ".1/24", pi.ns, "eth0", pi.ip + "/24");
        if (lanMtu > 0) {
            r.ns.exec("ip", "link", "set", "lan", "mtu", Integer.toString(lanMtu));
            pi.ns.exec("ip", "link", "set", "eth0", "mtu", Integer.toString(lanMtu));
        }
        pi.ns.exec("ip", "route", "add", "default", "via", "192.168." + index + ".1");
        nodes.put(name, pi);
        return pi;
    }

    public Node behindNat(String name, Impl impl) throws IOException {
        return behindNat(name, impl, 0);
    }

    /** A namespace on the internet segment with no daemon (198.51.100.20x), for a test's own traffic. */
    public Netns internetHost(String role) {
        Netns ns = Netns.create(role);
        hosts.add(ns);
        attach(ns, "eth0", "198.51.100." + (200 + hosts.size()));
        return ns;
    }

    /** The isp router (created on first use): 198.51.100.254 on the bridge, forwarding, TTL-1 UDP counted. */
    private Netns isp() {
        if (isp == null) {
            isp = Netns.create("isp");
            attach(isp, "eth0", "198.51.100.254");
            isp.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            // Counts UDP that arrives with TTL 1 and so dies here (the TTL check precedes the FORWARD chain).
            isp.exec("iptables", "-t", "mangle", "-A", "PREROUTING", "-p", "udp", "-m", "ttl", "--ttl-eq", "1");
            onBridge.forEach(this::routeToIsp);
        }
        return isp;
    }

    private void routeToIsp(Netns ns) {
        ns.exec("ip", "route", "add", "203.0.113.0/24", "via", "198.51.100.254");
    }

    /** UDP datagrams that reached the isp with TTL 1 (expired there: low-TTL punches); 0 without an isp. */
    public long ispExpiredUdp() {
        if (isp == null) {
            return 0;
        }
        for (String line : isp.exec("iptables", "-t", "mangle", "-v", "-S", "PREROUTING").output().split("\n")) {
            Matcher m = RULE_COUNTER.matcher(line);
            if (line.contains("--ttl-eq 1") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }

    public Node node(String name) {
        return nodes.get(name);
    }

    /** Writes every net directory, generates keys with each node's implementation, exchanges host files. */
    public void configure() throws IOException {
        if (hub == null) {
            throw new IllegalStateException("a topology needs its hub");
        }
        for (Node n : nodes.values()) {
            StringBuilder conf = new StringBuilder("Name = " + n.name + "\nMode = switch\nInterface = tap0\n");
            if (n != hub) {
                conf.append("ConnectTo = ").append(hub.name).append('\n');
            }
            n.extraConf.forEach(l -> conf.append(l).append('\n'));
            Files.writeString(n.dir.resolve("tinc.conf"), conf.toString());
            // Only the hub is reachable from outside; a Pi's host file has no Address.
            Files.writeString(n.dir.resolve("hosts").resolve(n.name),
                    (n == hub ? "Address = " + HUB_IP + "\n" : "") + "Port = 655\n");
            TincMesh.writeScript(n.dir.resolve("tinc-up"), "#!/bin/sh\nip link set \"$INTERFACE\" up\n"
                    + "ip -6 addr add " + n.tunnelIp + "/64 dev \"$INTERFACE\" nodad\n");
            TincMesh.generateKeys(n.impl, n.dir, n.name);
        }
        for (Node from : nodes.values()) {
            for (Node to : nodes.values()) {
                if (from != to) {
                    Files.copy(from.dir.resolve("hosts").resolve(from.name), to.dir.resolve("hosts").resolve(from.name),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Starts every daemon in the foreground of its namespace; the hub first, so no Pi starts with a back-off. */
    public void start(int debugLevel) throws IOException {
        hub.process = hub.ns.start(TincMesh.daemonCommand(hub.impl, hub.dir, debugLevel), hub.log);
        Jtincd.await(() -> hub.logText().contains("Ready"), 30_000, () -> "the hub to start\n" + hub.logText());
        for (Node n : nodes.values()) {
            if (n != hub) {
                n.process = n.ns.start(TincMesh.daemonCommand(n.impl, n.dir, debugLevel), n.log);
            }
        }
    }

    /** Waits until one ping6 over the tunnel succeeds; returns the milliseconds it took. */
    public long awaitPing(Node from, Node to, long timeoutMillis) {
        long start = System.currentTimeMillis();
        Jtincd.await(() -> from.run("ping6", "-c", "1", "-W", "1", to.tunnelIp).status() == 0, timeoutMillis,
                () -> from.name + " to reach " + to.name + " over the tunnel\n" + logs());
        return System.currentTimeMillis() - start;
    }

    /** Every node's log (the last 20 kB each), for failure messages. */
    public String logs() {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes.values()) {
            TincMesh.appendLogTail(sb, n.name, n.impl, n.logText());
        }
        return sb.toString();
    }

    private void attach(Netns ns, String ifName, String ip) {
        String port = "n" + (++ports) + "x" + (ProcessHandle.current().pid() % 100000) + "i" + (hosts.size() % 10);
        Sh.ok("ip", "link", "add", port, "type", "veth", "peer", "name", port + "p");
        Sh.ok("ip", "link", "set", port, "netns", internet.name());
        Sh.ok("ip", "link", "set", port + "p", "netns", ns.name());
        internet.exec("ip", "link", "set", port, "master", "br0", "up");
        ns.exec("ip", "link", "set", port + "p", "name", ifName);
        ns.exec("ip", "addr", "add", ip + "/24", "dev", ifName);
        ns.exec("ip", "link", "set", ifName, "up");
        if (ns != isp) {
            onBridge.add(ns);
            if (isp != null) {
                routeToIsp(ns);
            }
        }
    }

    /** The line of one node in a dump, or "" (e.g. " pia at 198.51.100.11 port 655 ... pmtu 1459 ..."). */
    public static String nodeLine(String dump, String node) {
        for (String line : dump.split("\n")) {
            int i = line.indexOf(" " + node + " at ");
            if (i >= 0) {
                return line.substring(i);
            }
        }
        return "";
    }

    /** jtincd's Counters: block of a dump, name to value. */
    public static Map<String, Long> counters(String dump) {
        Map<String, Long> out = new LinkedHashMap<>();
        int start = dump.lastIndexOf("Counters:");
        int end = dump.indexOf("End of counters.", Math.max(start, 0));
        if (start >= 0 && end > start) {
            Matcher m = COUNTER.matcher(dump.substring(start, end));
            while (m.find()) {
                out.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return out;
    }

    /** -Dnat.keepLogs=DIR: each daemon's full log is copied there before the temp directory goes. */
    private void keepLogs() {
        String keep = System.getProperty("nat.keepLogs");
        if (keep == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(keep));
            for (Node n : nodes.values()) {
                if (Files.exists(n.log)) {
                    Files.copy(n.log, Path.of(keep, n.name + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.out.println("could not keep the logs: " + e);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        for (Node n : nodes.values()) {
            if (n.process != null && n.process.isAlive()) {
                n.process.descendants().forEach(ProcessHandle::destroy);
                n.process.destroy();
                try {
                    n.process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            n.ns.close();
        }
        routers.forEach(r -> r.ns.close());
        hosts.forEach(Netns::close);
        if (isp != null) {
            isp.close();
        }
        internet.close();
        keepLogs();
        Jtincd.deleteTree(root);
    }
}
