package io.jtinc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.PingClock;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 7 (reliability.md D4, D6) on a kernel without netem. A hub and one Pi, once all jtincd and once
 * all tincd 1.0.36, side by side in the same run:
 * <ol>
 *   <li>20 % random loss each way on the Pi's underlay interface (iptables {@code statistic}), in place before the
 *       daemons start: the handshake completes (time printed) and TCP over the tunnel works (iperf3 -t 5);</li>
 *   <li>a 5 Mbit/s bottleneck (tc tbf) on the Pi's uplink: a bulk TCP transfer Pi→hub still runs near the
 *       bottleneck rate (printed);</li>
 *   <li>the Pi's link down for 5 s and for 60 s: the time from link-up to the first ping reply is printed. 60 s
 *       is longer than PingInterval + PingTimeout, so both ends drop the connection and the Pi comes back by its
 *       retry schedule. The two networks flap in parallel to keep the test short.</li>
 * </ol>
 */
@Tag("interop")
@Tag("long")
class BadLinksIT {
    private static final String HUB = "fd7a:77::1";
    private static final Pattern RECEIVER = Pattern.compile("([\\d.]+) ([KMG]?)bits/sec\\s+receiver");

    /** The figures of one network. */
    private static final class Figures {
        long lossHandshake;
        double lossMbit;
        double bottleneckMbit;
        long flap5;
        long flap60;
        int reconnects5;
        int reconnects60;
        List<Integer> lossDelays;
        List<Integer> flap60Delays;
    }

    private static final Pattern RETRY = Pattern.compile("Trying to re-establish outgoing connection in (\\d+) seconds");

    /** The reconnect delays the Pi logged from the given log offset on. */
    private static List<Integer> delays(TincMesh.Node p, int from) {
        List<Integer> out = new java.util.ArrayList<>();
        Matcher m = RETRY.matcher(p.logText().substring(from));
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static int activations(TincMesh.Node p) {
        String log = p.logText();
        int n = 0;
        for (int i = log.indexOf("Connection with h ("); i >= 0; i = log.indexOf("Connection with h (", i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void lossBottleneckAndFlaps() throws Exception {
        Requirements.requireNetns();
        Requirements.requireTincd();
        try (TincMesh jt = new TincMesh("switch"); TincMesh td = new TincMesh("switch")) {
            Map<Impl, TincMesh> meshes = new LinkedHashMap<>();
            meshes.put(Impl.JTINC, jt);
            meshes.put(Impl.TINCD, td);
            Map<Impl, Figures> figures = new LinkedHashMap<>();
            for (Map.Entry<Impl, TincMesh> e : meshes.entrySet()) {
                TincMesh mesh = e.getValue();
                mesh.add("h", e.getKey()).up("ip -6 addr add " + HUB + "/64 dev $INTERFACE nodad");
                TincMesh.Node p = mesh.add("p", e.getKey()).connectTo("h")
                        .up("ip -6 addr add fd7a:77::a/64 dev $INTERFACE nodad");
                mesh.configure();
                for (String chain : List.of("INPUT", "OUTPUT")) {
                    p.ns.exec("iptables", "-A", chain, "-m", "statistic", "--mode", "random", "--probability", "0.2",
                            "-j", "DROP");
                }
                figures.put(e.getKey(), new Figures());
            }

            // 1. Handshake and TCP under 20 % loss each way. The hubs start first, so the Pis' first attempt meets a
            // listening hub (a JVM starting slower than the Pi would cost a 5 s retry that has nothing to do with
            // loss); the clocks run from the Pis' start.
            for (TincMesh mesh : meshes.values()) {
                TincMesh.Node h = mesh.node("h");
                mesh.start(h, 2);
                Jtincd.await(() -> h.logText().contains("Ready"), 60_000, () -> "hub ready\n" + h.logText());
            }
            Map<Impl, PingClock> handshakes = new LinkedHashMap<>();
            for (Map.Entry<Impl, TincMesh> e : meshes.entrySet()) {
                long start = System.nanoTime();
                e.getValue().start(e.getValue().node("p"), 2);
                handshakes.put(e.getKey(), PingClock.start(e.getValue().node("p"), HUB, 180, start));
            }
            for (Map.Entry<Impl, TincMesh> e : meshes.entrySet()) {
                TincMesh mesh = e.getValue();
                TincMesh.Node h = mesh.node("h");
                TincMesh.Node p = mesh.node("p");
                long ms = handshakes.get(e.getKey()).awaitMillis();
                assertTrue(ms >= 0, e.getKey() + ": handshake and first ping under 20 % loss\n" + mesh.logs());
                figures.get(e.getKey()).lossHandshake = ms;
                figures.get(e.getKey()).lossDelays = delays(p, 0);
                h.ns.start(List.of("iperf3", "-s"), h.dir.resolveSibling("iperf3-h.log"));
                Thread.sleep(500);
                figures.get(e.getKey()).lossMbit = iperf(mesh, p, "-t", "5");
            }

            // 2. The loss goes, a 5 Mbit/s bottleneck on the Pi's uplink comes.
            for (Map.Entry<Impl, TincMesh> e : meshes.entrySet()) {
                TincMesh mesh = e.getValue();
                TincMesh.Node p = mesh.node("p");
                p.ns.exec("iptables", "-F");
                p.ns.exec("tc", "qdisc", "add", "dev", "eth0", "root", "tbf", "rate", "5mbit", "burst", "32kbit",
                        "latency", "400ms");
                double mbit = iperf(mesh, p, "-t", "5");
                figures.get(e.getKey()).bottleneckMbit = mbit;
                // Bulk TCP through the tunnel (tinc's overhead included) must use most of the bottleneck.
                assertTrue(mbit > 2.5, e.getKey() + ": throughput through a 5 Mbit/s bottleneck " + mbit + "\n"
                        + mesh.logs());
                p.ns.exec("tc", "qdisc", "del", "dev", "eth0", "root");
            }

            // 3. Link flaps, both networks in parallel.
            ExecutorService pool = Executors.newFixedThreadPool(meshes.size());
            try {
                Map<Impl, Future<long[]>> flaps = new LinkedHashMap<>();
                for (Map.Entry<Impl, TincMesh> e : meshes.entrySet()) {
                    TincMesh.Node p = e.getValue().node("p");
                    flaps.put(e.getKey(), pool.submit(() -> {
                        int a0 = activations(p);
                        long f5 = flap(e.getValue(), 5);
                        int a5 = activations(p);
                        int mark = p.logText().length();
                        long f60 = flap(e.getValue(), 60);
                        figures.get(e.getKey()).flap60Delays = delays(p, mark);
                        return new long[] {f5, f60, a5 - a0, activations(p) - a5};
                    }));
                }
                for (Map.Entry<Impl, Future<long[]>> e : flaps.entrySet()) {
                    long[] r = e.getValue().get();
                    figures.get(e.getKey()).flap5 = r[0];
                    figures.get(e.getKey()).flap60 = r[1];
                    figures.get(e.getKey()).reconnects5 = (int) r[2];
                    figures.get(e.getKey()).reconnects60 = (int) r[3];
                }
            } finally {
                pool.shutdownNow();
            }

            System.out.printf("%nBad links, hub + one Pi (loss and bottleneck on the Pi's underlay interface):%n");
            System.out.printf("%-10s %21s %19s %21s %24s %24s%n", "network", "handshake@20%loss ms",
                    "TCP@20%loss Mbit/s", "TCP@5Mbit tbf Mbit/s", "5 s flap: up->ping ms", "60 s flap: up->ping ms");
            for (Map.Entry<Impl, Figures> e : figures.entrySet()) {
                Figures f = e.getValue();
                System.out.printf("%-10s %21d %19.2f %21.2f %12d (%d reconn.) %12d (%d reconn.)%n",
                        "all-" + e.getKey().name().toLowerCase(), f.lossHandshake, f.lossMbit, f.bottleneckMbit,
                        f.flap5, f.reconnects5, f.flap60, f.reconnects60);
            }
            for (Map.Entry<Impl, Figures> e : figures.entrySet()) {
                System.out.printf("all-%s: Pi's reconnect delays logged (s): until the first ping under loss %s,"
                        + " during and after the 60 s flap %s%n", e.getKey().name().toLowerCase(),
                        e.getValue().lossDelays, e.getValue().flap60Delays);
            }
            for (Map.Entry<Impl, Figures> e : figures.entrySet()) {
                TincMesh mesh = meshes.get(e.getKey());
                assertTrue(e.getValue().flap5 >= 0 && e.getValue().flap60 >= 0,
                        e.getKey() + " recovers from both flaps\n" + mesh.logs());
                // Connects fail with ENETUNREACH while the link is down; the log must say why, not "null".
                assertFalse(mesh.node("p").logText().contains(": null"), "a log line without its reason\n"
                        + mesh.node("p").logText());
            }
        }
    }

    /** Takes the Pi's underlay link down for the given time; returns ms from link-up to the first reply, or -1. */
    private static long flap(TincMesh mesh, int seconds) throws InterruptedException {
        TincMesh.Node p = mesh.node("p");
        assertEquals(0, p.run("ping6", "-c", "1", "-w", "30", HUB).status(), "up before the flap\n" + mesh.logs());
        p.ns.exec("ip", "link", "set", "eth0", "down");
        Thread.sleep(seconds * 1000L);
        long up = System.nanoTime();
        p.ns.exec("ip", "link", "set", "eth0", "up");
        return PingClock.start(p, HUB, 180, up).awaitMillis();
    }

    /** iperf3 from the Pi to the hub over the tunnel; the receiver's rate in Mbit/s (the run must complete). */
    private static double iperf(TincMesh mesh, TincMesh.Node client, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("iperf3", "-c", HUB, "-f", "m"));
        cmd.addAll(List.of(args));
        Sh.Result r = Sh.run(client.ns.wrap(cmd), 90);
        Matcher m = RECEIVER.matcher(r.output());
        assertTrue(r.status() == 0 && m.find(), "iperf3 over the tunnel completes\n" + r.output() + "\n" + mesh.logs());
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "K" -> v / 1000;
            case "G" -> v * 1000;
            case "" -> v / 1_000_000;
            default -> v;
        };
    }
}
