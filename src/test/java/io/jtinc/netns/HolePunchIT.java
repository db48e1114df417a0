package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.NatTopology;
import io.jtinc.testsupport.NatTopology.Node;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.TincMesh.Impl;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 item 2 beyond tinc 1.0: two Pis behind two Linux MASQUERADE NATs, router 2 one routed hop (an "isp")
 * away from the internet bridge, as on the real internet. Between jtinc nodes the low-TTL hole punch (HolePunch,
 * TTL 2: leaves our own NAT, dies at the isp) makes the path DIRECT; with HolePunch = no, or with the real tincd
 * as B, the path may stay relayed by the hub, and the ping still works. Each test prints the path it found.
 */
@Tag("netns")
@Tag("long")
class HolePunchIT {
    private static final int PINGS = 20;

    @Test
    void twoJtincPisBehindTwoNatsPunchADirectPath() throws Exception {
        long t0 = System.currentTimeMillis();
        try (NatTopology topo = new NatTopology()) {
            Node hub = topo.hub("hub", Impl.JTINC);
            Node a = topo.behindNat("pia", Impl.JTINC, 0, false);
            Node b = topo.behindNat("pib", Impl.JTINC, 0, true);
            String path = run(topo, hub, a, b);
            Map<String, Long> ca = NatTopology.counters(a.dump());
            Map<String, Long> cb = NatTopology.counters(b.dump());
            System.out.printf("punch counters: pia punches %d windows %d confirmed %d; pib punches %d windows %d "
                    + "confirmed %d; isp saw %d UDP datagrams expire (TTL 1)%n", ca.get("udp_punches"),
                    ca.get("udp_punch_windows"), ca.get("udp_punch_confirmed"), cb.get("udp_punches"),
                    cb.get("udp_punch_windows"), cb.get("udp_punch_confirmed"), topo.ispExpiredUdp());
            assertEquals("DIRECT", path, "jtinc Pis punch a direct path through both NATs\n" + topo.logs());
            assertTrue(ca.get("udp_punches") > 0 && cb.get("udp_punches") > 0, "both Pis punched");
            assertTrue(topo.ispExpiredUdp() > 0, "the punches died at the isp, before the far NAT");
            System.out.printf("HolePunchIT direct: %d ms%n", System.currentTimeMillis() - t0);
        }
    }

    @Test
    void withoutHolePunchingTheHubRelaysAndPingStillWorks() throws Exception {
        long t0 = System.currentTimeMillis();
        try (NatTopology topo = new NatTopology()) {
            Node hub = topo.hub("hub", Impl.JTINC);
            Node a = topo.behindNat("pia", Impl.JTINC, 0, false).conf("HolePunch = no");
            Node b = topo.behindNat("pib", Impl.JTINC, 0, true).conf("HolePunch = no");
            String path = run(topo, hub, a, b);
            Map<String, Long> ca = NatTopology.counters(a.dump());
            assertEquals(0L, ca.get("udp_punches"), "HolePunch = no sends no punch");
            System.out.printf("HolePunch = no: path %s%n", path);
            System.out.printf("HolePunchIT no-punch: %d ms%n", System.currentTimeMillis() - t0);
        }
    }

    /** Interop: B is the real tincd 1.0.36 (it does not punch); A and B still reach each other. */
    @Test
    void jtincPiAndTincdPiWithTheIspHop() throws Exception {
        Requirements.requireTincd();
        long t0 = System.currentTimeMillis();
        try (NatTopology topo = new NatTopology()) {
            Node hub = topo.hub("hub", Impl.JTINC);
            Node a = topo.behindNat("pia", Impl.JTINC, 0, false);
            Node b = topo.behindNat("pib", Impl.TINCD, 0, true);
            String path = run(topo, hub, a, b);
            System.out.printf("interop (pib tincd): path %s; tincd pib's view:%s%n", path,
                    NatTopology.nodeLine(b.dump(), a.name));
            System.out.printf("HolePunchIT interop: %d ms%n", System.currentTimeMillis() - t0);
        }
    }

    /**
     * Starts the mesh, pings A to B, waits up to 20 s for direct UDP between the two routers' public addresses
     * (both directions, counted on router 1), then pings 20 times and classifies the path: DIRECT (router 1
     * forwarded every ping both ways to/from router 2, the hub relayed little) or RELAYED (the hub received the
     * pings). Prints the figures.
     */
    private static String run(NatTopology topo, Node hub, Node a, Node b) throws Exception {
        topo.configure();
        topo.start(Integer.getInteger("nat.debug", 2));
        System.out.printf("pia -> hub: first ping6 after %d ms%n", topo.awaitPing(a, hub, 60_000));
        System.out.printf("pib -> hub: first ping6 after %d ms%n", topo.awaitPing(b, hub, 60_000));
        awaitUdpLearned(hub, a, topo);
        awaitUdpLearned(hub, b, topo);
        a.router.countUdpWith(b.router.publicIp);
        long start = System.currentTimeMillis();
        System.out.printf("pia -> pib (%s, router 2 %s behind the isp): first ping6 after %d ms%n", b.impl,
                b.router.publicIp, topo.awaitPing(a, b, 60_000));
        long directAfter = -1;
        while (System.currentTimeMillis() - start < 20_000) {
            long[] c = a.router.udpWith(b.router.publicIp);
            if (c[0] > 0 && c[1] > 0) {
                directAfter = System.currentTimeMillis() - start;
                break;
            }
            a.run("ping6", "-c", "1", "-W", "1", b.tunnelIp);
            Thread.sleep(100);
        }
        System.out.println(directAfter >= 0
                ? "first UDP in both directions between the routers " + directAfter + " ms after the first ping"
                : "no UDP both ways between the routers within 20 s");
        Thread.sleep(3_000); // PMTU discovery over the new path has its first results
        long[] before = a.router.udpWith(b.router.publicIp);
        Map<String, Long> hubBefore = NatTopology.counters(hub.dump());
        assertEquals(0, a.run("ping6", "-c", Integer.toString(PINGS), "-i", "0.2", b.tunnelIp).status(), topo.logs());
        long[] after = a.router.udpWith(b.router.publicIp);
        Map<String, Long> hubAfter = NatTopology.counters(hub.dump());
        long out = after[0] - before[0];
        long in = after[1] - before[1];
        long hubUdp = hubAfter.get("udp_in") - hubBefore.get("udp_in");
        long hubTcp = hubAfter.get("tcp_packets_in") - hubBefore.get("tcp_packets_in");
        String path = out >= PINGS && in >= PINGS && hubUdp + hubTcp < PINGS ? "DIRECT"
                : hubUdp + hubTcp >= 2 * PINGS ? "RELAYED" : "MIXED";
        System.out.printf("pia <-> pib (%s), %d pings: %s; router 1 forwarded %d UDP to and %d from router 2; "
                + "the hub received %d UDP and %d TCP packets meanwhile%n", b.impl, PINGS, path, out, in, hubUdp,
                hubTcp);
        System.out.println("pia's view:" + NatTopology.nodeLine(a.dump(), b.name));
        return path;
    }

    private static void awaitUdpLearned(Node hub, Node pi, NatTopology topo) {
        Jtincd.await(() -> {
            String line = NatTopology.nodeLine(hub.dump(), pi.name);
            return line.startsWith(" " + pi.name + " at " + pi.router.publicIp + " port ") && !line.contains("(min 0 ");
        }, 30_000, () -> "hub to learn " + pi.name + "'s NATed UDP address\n" + topo.logs());
    }
}
