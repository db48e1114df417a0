package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.NatTopology;
import io.jtinc.testsupport.NatTopology.Node;
import io.jtinc.testsupport.TincMesh.Impl;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: a Pi behind a firewall that drops all UDP still works, over the TCP fallback (PACKET on the meta
 * connection), with nothing configured. When the firewall lets UDP through again, the Pi moves back to UDP at the
 * next PMTU probe burst. The probe schedule after "No response to MTU probes" is a burst every PingInterval +
 * PingTimeout (spec §6.2), so this test sets PingInterval = 5 on both sides (default 60, PingTimeout 5 by default):
 * UDP must be back within about 10 s.
 */
@Tag("netns")
class UdpBlockedIT {
    private static final int PINGS = 10;

    @Test
    void tcpFallbackWhileUdpIsBlockedThenBackToUdp() throws Exception {
        long t0 = System.currentTimeMillis();
        try (NatTopology topo = new NatTopology()) {
            Node hub = topo.hub("hub", Impl.JTINC).conf("PingInterval = 5");
            Node c = topo.behindNat("pic", Impl.JTINC).conf("PingInterval = 5");
            c.router.blockUdp();
            topo.configure();
            topo.start(Integer.getInteger("nat.debug", 2));
            long started = System.currentTimeMillis();

            System.out.printf("pic -> hub with UDP blocked: first ping6 after %d ms%n", topo.awaitPing(c, hub, 60_000));
            Map<String, Long> before = NatTopology.counters(hub.dump());
            assertEquals(0, c.run("ping6", "-c", Integer.toString(PINGS), "-i", "0.2", hub.tunnelIp).status(),
                    topo.logs());
            Map<String, Long> after = NatTopology.counters(hub.dump());
            long tcpIn = delta(before, after, "tcp_packets_in");
            long tcpOut = delta(before, after, "tcp_packets_out");
            System.out.printf("UDP blocked, %d pings: hub tcp_packets_in +%d, tcp_packets_out +%d, udp_in +%d; "
                    + "the firewall dropped %d datagrams so far%n", PINGS, tcpIn, tcpOut, delta(before, after, "udp_in"),
                    c.router.udpDropped());
            assertTrue(tcpIn >= PINGS && tcpOut >= PINGS, "pings and replies ride the meta connection");
            assertTrue(c.router.udpDropped() > 0, "tinc did try UDP (its probes were dropped)");

            // Keep UDP blocked past the 10 discovery bursts: the prober has given up ("No response to MTU probes")
            // and is in its slow PingInterval/PingTimeout cycle, the state a Pi is in after a long outage.
            Thread.sleep(Math.max(0, 16_000 - (System.currentTimeMillis() - started)));
            c.router.unblockUdp();
            long unblocked = System.currentTimeMillis();
            long udpIn = c.router.udpIn();
            long udpOut = c.router.udpOut();
            Jtincd.await(() -> c.router.udpIn() > udpIn && c.router.udpOut() > udpOut, 30_000,
                    () -> "UDP through the firewall again\n" + topo.logs());
            long firstUdp = System.currentTimeMillis() - unblocked;
            Jtincd.await(() -> !NatTopology.nodeLine(hub.dump(), c.name).contains("(min 0 ")
                    && !NatTopology.nodeLine(c.dump(), hub.name).contains("(min 0 "), 30_000,
                    () -> "PMTU discovery to succeed both ways after the unblock\n" + topo.logs());
            long bothWays = System.currentTimeMillis() - unblocked;
            System.out.printf("UDP unblocked: first datagrams through after %.1f s, PMTU known both ways after %.1f s "
                    + "(PingInterval 5, PingTimeout 5)%n", firstUdp / 1000.0, bothWays / 1000.0);
            System.out.println("hub's view:" + NatTopology.nodeLine(hub.dump(), c.name));
            assertTrue(bothWays < 20_000, "back on UDP within PingInterval + PingTimeout (+ slack): " + bothWays);
            // Both directions follow the Pi's first burst through the NAT, not a cycle later: the hub's own burst
            // may have come a few ms earlier and been dropped, and the Pi's probe brings the next one forward.
            assertTrue(bothWays - firstUdp < 3_000, "PMTU known both ways soon after the first UDP: " + firstUdp
                    + " then " + bothWays);

            before = NatTopology.counters(hub.dump());
            long out0 = c.router.udpOut();
            long in0 = c.router.udpIn();
            assertEquals(0, c.run("ping6", "-c", Integer.toString(PINGS), "-i", "0.2", hub.tunnelIp).status(),
                    topo.logs());
            after = NatTopology.counters(hub.dump());
            long udpOutNow = c.router.udpOut() - out0;
            long udpInNow = c.router.udpIn() - in0;
            System.out.printf("after the unblock, %d pings: router forwarded %d UDP out, %d in; hub tcp_packets_in +%d%n",
                    PINGS, udpOutNow, udpInNow, delta(before, after, "tcp_packets_in"));
            assertTrue(udpOutNow >= PINGS && udpInNow >= PINGS, "pings are back on UDP");
            assertTrue(delta(before, after, "tcp_packets_in") < PINGS / 2, "no longer over TCP");
            System.out.printf("UdpBlockedIT: %d ms%n", System.currentTimeMillis() - t0);
        }
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String counter) {
        return after.getOrDefault(counter, 0L) - before.getOrDefault(counter, 0L);
    }
}
