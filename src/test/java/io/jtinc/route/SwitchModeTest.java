package io.jtinc.route;

import static io.jtinc.route.Packets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.Broadcast;
import io.jtinc.config.Mode;
import io.jtinc.config.SubnetSpec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Switch and hub mode, MAC learning and broadcast fan-out (spec §8.3-8.5). */
class SwitchModeTest {
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    /** me — beta (MST), me — carol (not MST), dave behind beta; beta owns MAC_B. */
    static Mesh mesh() {
        return new Mesh("me").neighbour("beta", true).neighbour("carol", false).neighbour("erin", true)
                .remote("dave", "beta", "dave").subnet("beta", "2:0:0:0:0:b").subnet("dave", "2:0:0:0:0:d");
    }

    private final Router sw = new Router(RouterSettings.defaults(Mode.SWITCH));

    private static ByteBuffer frame(byte[] dst, byte[] src) {
        return ByteBuffer.wrap(eth(dst, src, 0x0800, ipv4(ip4("10.0.0.1"), ip4("10.0.0.2"), 17, 64, false,
                new byte[30])));
    }

    @Test
    void knownMacsAreUnicastAndUnknownOnesBroadcastOverTheMst() {
        RoutingSnapshot s = mesh().snapshot();
        assertEquals(new RouteDecision.Unicast("beta", "beta"), sw.route(frame(MAC_B, MAC_A), "me", s, 0));
        assertEquals(new RouteDecision.Unicast("dave", "dave"),
                sw.route(frame(new byte[] {2, 0, 0, 0, 0, 0x0d}, MAC_A), "me", s, 0));
        assertEquals(new RouteDecision.Broadcast(false, List.of("beta", "erin")),
                sw.route(frame(BROADCAST, MAC_A), "me", s, 0));
        // from beta: delivered locally and forwarded on the MST except back towards beta
        assertEquals(new RouteDecision.Broadcast(true, List.of("erin")), sw.route(frame(BROADCAST, MAC_B), "beta", s, 0));
        // from dave (behind beta): the connection towards its nexthop beta is excluded too
        assertEquals(new RouteDecision.Broadcast(true, List.of("erin")), sw.route(frame(BROADCAST, MAC_B), "dave", s, 0));
        assertEquals(new RouteDecision.Broadcast(true, List.of("beta", "erin")),
                sw.route(frame(BROADCAST, MAC_B), "carol", s, 0));
    }

    @Test
    void broadcastModesAndTunnelServer() {
        RoutingSnapshot s = mesh().snapshot();
        Router direct = new Router(RouterSettings.defaults(Mode.SWITCH).withBroadcast(Broadcast.DIRECT));
        RouteDecision.Broadcast d = assertInstanceOf(RouteDecision.Broadcast.class,
                direct.route(frame(BROADCAST, MAC_A), "me", s, 0));
        assertEquals(Set.of("beta", "carol", "erin", "dave"), Set.copyOf(d.peers()), "via == n counts as direct");
        assertEquals(RouteDecision.LOCAL, direct.route(frame(BROADCAST, MAC_B), "beta", s, 0));
        Router none = new Router(RouterSettings.defaults(Mode.SWITCH).withBroadcast(Broadcast.NO));
        assertEquals(RouteDecision.Drop.of(DropReason.BROADCAST_NOWHERE), none.route(frame(BROADCAST, MAC_A), "me", s, 0));
        assertEquals(RouteDecision.LOCAL, none.route(frame(BROADCAST, MAC_B), "beta", s, 0));
        Router ts = new Router(RouterSettings.defaults(Mode.SWITCH).withTunnelServer(true));
        assertEquals(RouteDecision.LOCAL, ts.route(frame(BROADCAST, MAC_B), "beta", s, 0));
    }

    @Test
    void hubModeBroadcastsEverything() {
        Router hub = new Router(RouterSettings.defaults(Mode.HUB));
        assertEquals(new RouteDecision.Broadcast(false, List.of("beta", "erin")),
                hub.route(frame(MAC_B, MAC_A), "me", mesh().snapshot(), 0));
    }

    @Test
    void loopingBackAndUnreachableOwnersAreDropped() {
        Mesh m = mesh();
        assertEquals(RouteDecision.Drop.of(DropReason.LOOPING_BACK), sw.route(frame(MAC_B, MAC_A), "beta", m.snapshot(), 0));
        m.node("dave").reachable = false;
        assertEquals(RouteDecision.Drop.of(DropReason.OWNER_UNREACHABLE),
                sw.route(frame(new byte[] {2, 0, 0, 0, 0, 0x0d}, MAC_A), "me", m.snapshot(), 0));
    }

    @Test
    void oversizedIpInEthernetGetsPtbOrFragmentsAboveTheMinimumMtus() {
        Mesh m = mesh();
        m.node("beta").mtu = 1000;
        ByteBuffer v6 = ByteBuffer.wrap(eth(MAC_B, MAC_A, 0x86dd, ipv6(ip6("fd00::1"), ip6("fd00::2"), 17, 64,
                new byte[1300])));
        RouteDecision.Reply r = assertInstanceOf(RouteDecision.Reply.class, sw.route(v6, "me", m.snapshot(), 0));
        byte[] ip = ipOf(r.frame());
        assertTrue(ipPacketValid(ip));
        assertEquals(2, ip[40]);
        // The path's 986 would be below IPv6's minimum, which Linux ignores: jtincd announces 1280 (PmtuIT).
        assertEquals(1280, ByteBuffer.wrap(ip).getInt(44));
        ByteBuffer v4 = ByteBuffer.wrap(vlan(MAC_B, MAC_A, 5, 0x0800, ipv4(ip4("10.0.0.1"), ip4("10.0.0.2"), 17, 64,
                false, new byte[1200])));
        RouteDecision.Fragments fr = assertInstanceOf(RouteDecision.Fragments.class, sw.route(v4, "me", m.snapshot(), 0));
        for (ByteBuffer f : fr.frames()) {
            assertTrue(f.remaining() <= 1000);
            assertEquals(0x8100, f.getShort(12) & 0xffff, "the VLAN tag is kept");
            assertTrue(ipPacketValid(ipOf(f)));
        }
        // small non-IP frames above the MTU are sent anyway
        ByteBuffer other = ByteBuffer.wrap(eth(MAC_B, MAC_A, 0x88b5, new byte[1100]));
        assertEquals(new RouteDecision.Unicast("beta", "beta"), sw.route(other, "me", m.snapshot(), 0));
    }

    @Test
    void macLearnerAnnouncesRefreshesAgesAndIsCapped() {
        MacLearner l = new MacLearner(600_000, 2, Set.of(0x020000000099L));
        SubnetSpec first = l.learn(frame(BROADCAST, MAC_A), 0);
        assertEquals("2:0:0:0:0:a#10", first.canonical());
        assertNull(l.learn(frame(BROADCAST, MAC_A), 500_000), "known MAC: refreshed, no announcement");
        assertTrue(l.expire(600_000).isEmpty(), "the refresh moved the expiry to 1_100_000");
        assertNull(l.learn(frame(BROADCAST, new byte[] {2, 0, 0, 0, 0, (byte) 0x99}), 0), "configured MACs");
        assertNull(l.learn(frame(BROADCAST, new byte[] {3, 0, 0, 0, 0, 1}), 0), "group source MAC");
        assertEquals(1, l.refusedGroup());
        SubnetSpec second = l.learn(frame(BROADCAST, MAC_B), 700_000);
        assertEquals("2:0:0:0:0:b#10", second.canonical());
        assertNull(l.learn(frame(BROADCAST, new byte[] {2, 0, 0, 0, 0, 0x0c}), 700_000), "capacity 2");
        assertEquals(1, l.refusedFull());
        assertEquals(List.of(first), l.expire(1_100_000));
        assertEquals(1, l.size());
        assertTrue(l.expireNow(0x02000000000bL, 1_100_001));
        assertEquals(List.of(second), l.expire(1_100_001));
        assertEquals(0, l.size());
    }

    @Test
    void macLearnerSurvivesChurnWithoutLosingEntries() {
        MacLearner l = new MacLearner(1000, 500, Set.of());
        java.util.Random r = new java.util.Random(7);
        java.util.Map<Long, Long> reference = new java.util.HashMap<>();
        for (int t = 0; t < 20_000; t++) {
            long mac = 0x020000000000L | r.nextInt(700);
            byte[] m = new byte[6];
            for (int i = 0; i < 6; i++) {
                m[i] = (byte) (mac >>> (40 - 8 * i));
            }
            SubnetSpec s = l.learn(frame(BROADCAST, m), t);
            if (reference.containsKey(mac)) {
                assertNull(s);
                reference.put(mac, (long) t + 1000);
            } else if (reference.size() < 500) {
                assertTrue(s != null);
                reference.put(mac, (long) t + 1000);
            }
            if (t % 97 == 0) {
                final long now = t;
                int expired = l.expire(now).size();
                int before = reference.size();
                reference.values().removeIf(e -> e <= now);
                assertEquals(before - reference.size(), expired);
            }
            assertEquals(reference.size(), l.size());
        }
        for (long mac : reference.keySet()) {
            assertTrue(l.contains(mac));
        }
    }
}
