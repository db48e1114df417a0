package io.jtinc.route;

import static io.jtinc.route.Packets.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.Broadcast;
import io.jtinc.config.Forwarding;
import io.jtinc.config.Mode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Router mode, IPv4 and IPv6 unicast (route.c route_ipv4_unicast / route_ipv6_unicast, spec §8.2, §6.4). */
class RouterModeTest {
    static final byte[] LOCAL_HOST = ip4("10.0.1.2");
    static final byte[] BETA_HOST = ip4("10.0.2.2");

    /** me (10.0.1.0/24) — beta (10.0.2.0/24, neighbour) — gamma (10.0.3.0/24, via beta); delta unreachable. */
    static Mesh mesh() {
        return new Mesh("me").neighbour("beta", true).remote("gamma", "beta", "beta").remote("delta", "beta", "beta")
                .subnet("me", "10.0.1.0/24").subnet("beta", "10.0.2.0/24").subnet("gamma", "10.0.3.0/24")
                .subnet("delta", "10.0.4.0/24").subnet("me", "fd00:1::/64").subnet("beta", "fd00:2::/64")
                .subnet("delta", "fd00:4::/64");
    }

    static Mesh meshWithDeltaDown() {
        Mesh m = mesh();
        m.node("delta").reachable = false;
        return m;
    }

    private final Router router = new Router(RouterSettings.defaults(Mode.ROUTER));

    static ByteBuffer v4Frame(byte[] src, byte[] dst, int ttl, boolean df, int payloadLen) {
        return ByteBuffer.wrap(eth(ZERO_MAC, ZERO_MAC, 0x0800, ipv4(src, dst, 17, ttl, df, new byte[payloadLen])));
    }

    static ByteBuffer v6Frame(String src, String dst, int hops, int payloadLen) {
        return ByteBuffer.wrap(eth(MAC_B, MAC_A, 0x86dd, ipv6(ip6(src), ip6(dst), 17, hops, new byte[payloadLen])));
    }

    /** Checks the reply is an ICMP error of the given type/code about {@code original}, with valid checksums. */
    static byte[] assertIcmp4(RouteDecision d, ByteBuffer original, int type, int code) {
        RouteDecision.Reply r = assertInstanceOf(RouteDecision.Reply.class, d);
        byte[] ip = ipOf(r.frame());
        byte[] orig = ipOf(original);
        assertTrue(ipPacketValid(ip), "checksums of the generated ICMP");
        assertEquals(1, ip[9]);
        assertEquals(255, ip[8] & 0xff);
        assertArrayEquals(Arrays.copyOfRange(orig, 16, 20), Arrays.copyOfRange(ip, 12, 16), "from the old dst");
        assertArrayEquals(Arrays.copyOfRange(orig, 12, 16), Arrays.copyOfRange(ip, 16, 20), "to the old src");
        assertEquals(type, ip[20] & 0xff);
        assertEquals(code, ip[21]);
        int quoted = Math.min(orig.length, 548);
        assertEquals(28 + quoted, ip.length);
        byte[] o = ByteBuffer.wrap(Packets.bytes(r.frame())).array();
        assertArrayEquals(Arrays.copyOfRange(bytes(original), 6, 12), Arrays.copyOfRange(o, 0, 6), "MACs swapped");
        return ip;
    }

    static byte[] assertIcmp6(RouteDecision d, int type, int code) {
        RouteDecision.Reply r = assertInstanceOf(RouteDecision.Reply.class, d);
        byte[] ip = ipOf(r.frame());
        assertTrue(ipPacketValid(ip), "ICMPv6 checksum");
        assertEquals(58, ip[6]);
        assertEquals(255, ip[7] & 0xff);
        assertEquals(type, ip[40]);
        assertEquals(code, ip[41]);
        assertTrue(ip.length <= 576);
        return ip;
    }

    @Test
    void localFramesGoToTheOwnerAndRemoteFramesForUsAreDelivered() {
        RoutingSnapshot s = mesh().snapshot();
        assertEquals(new RouteDecision.Unicast("gamma", "beta"),
                router.route(v4Frame(LOCAL_HOST, ip4("10.0.3.9"), 64, false, 20), "me", s, 0));
        assertEquals(new RouteDecision.Unicast("beta", "beta"),
                router.route(v4Frame(LOCAL_HOST, BETA_HOST, 64, false, 20), "me", s, 0));
        assertEquals(RouteDecision.LOCAL, router.route(v4Frame(BETA_HOST, LOCAL_HOST, 64, false, 20), "beta", s, 0));
        assertEquals(new RouteDecision.Unicast("beta", "beta"),
                router.route(v6Frame("fd00:1::1", "fd00:2::1", 64, 8), "me", s, 0));
    }

    @Test
    void unknownDestinationGivesNetUnknownAndAddressUnreachable() {
        RoutingSnapshot s = mesh().snapshot();
        ByteBuffer f = v4Frame(LOCAL_HOST, ip4("192.168.9.9"), 64, false, 700);
        RouteDecision d = router.route(f, "me", s, 0);
        assertIcmp4(d, f, 3, 6);
        RouteDecision.Reply r = (RouteDecision.Reply) d;
        assertTrue(r.toLocalDevice());
        assertEquals(DropReason.UNKNOWN_DESTINATION, r.cause());
        assertIcmp6(router.route(v6Frame("fd00:1::1", "fd00:9::1", 64, 8), "me", s, 1000), 1, 3);
        assertEquals(2, router.counters().get(DropReason.UNKNOWN_DESTINATION));
    }

    @Test
    void unreachableOwnerGivesNetUnreachableAndNoRoute() {
        RoutingSnapshot s = meshWithDeltaDown().snapshot();
        ByteBuffer f = v4Frame(LOCAL_HOST, ip4("10.0.4.1"), 64, false, 10);
        assertIcmp4(router.route(f, "me", s, 0), f, 3, 0);
        assertIcmp6(router.route(v6Frame("fd00:1::1", "fd00:4::1", 64, 8), "me", s, 0), 1, 0);
    }

    @Test
    void errorsForRemoteSourcesGoBackToThatNode() {
        RoutingSnapshot s = meshWithDeltaDown().snapshot();
        RouteDecision.Reply r = (RouteDecision.Reply) router.route(v4Frame(BETA_HOST, ip4("10.0.4.1"), 64, false,
                10), "beta", s, 0);
        assertEquals("beta", r.to());
        assertTrue(!r.toLocalDevice());
    }

    @Test
    void forwardingOffAndDirectOnlyAreAdministrativelyProhibited() {
        RoutingSnapshot s = mesh().snapshot();
        Router off = new Router(RouterSettings.defaults(Mode.ROUTER).withForwarding(Forwarding.OFF));
        ByteBuffer f = v4Frame(BETA_HOST, ip4("10.0.3.1"), 64, false, 10);
        assertIcmp4(off.route(f, "beta", s, 0), f, 3, 9);
        assertEquals(RouteDecision.LOCAL, off.route(v4Frame(BETA_HOST, LOCAL_HOST, 64, false, 10), "beta", s, 0));
        Router direct = new Router(RouterSettings.defaults(Mode.ROUTER).withDirectOnly(true));
        ByteBuffer g = v4Frame(LOCAL_HOST, ip4("10.0.3.1"), 64, false, 10); // gamma is behind beta
        assertIcmp4(direct.route(g, "me", s, 0), g, 3, 9);
        assertIcmp6(direct.route(v6Frame("fd00:1::1", "fd00:4::1", 64, 8), "me", s, 0), 1, 1);
        assertEquals(new RouteDecision.Unicast("beta", "beta"),
                direct.route(v4Frame(LOCAL_HOST, BETA_HOST, 64, false, 10), "me", s, 0));
    }

    @Test
    void loopsAreDropped() {
        RoutingSnapshot s = mesh().snapshot();
        assertEquals(RouteDecision.Drop.of(DropReason.LOOPING_BACK),
                router.route(v4Frame(BETA_HOST, BETA_HOST, 64, false, 10), "beta", s, 0));
        assertEquals(RouteDecision.Drop.of(DropReason.ROUTING_LOOP),
                router.route(v4Frame(BETA_HOST, ip4("10.0.3.1"), 64, false, 10), "beta", s, 0));
    }

    @Test
    void decrementTtlPatchesTheChecksumAndAnswersTimeExceeded() {
        RoutingSnapshot s = new Mesh("me").neighbour("beta", true).neighbour("gamma", true)
                .subnet("beta", "10.0.2.0/24").subnet("gamma", "10.0.3.0/24").snapshot();
        Router r = new Router(RouterSettings.defaults(Mode.ROUTER).withDecrementTtl(true), new IcmpRateLimiter(),
                dst -> ip4("10.0.0.1"));
        ByteBuffer f = v4Frame(BETA_HOST, ip4("10.0.3.1"), 64, false, 10);
        assertEquals(new RouteDecision.Unicast("gamma", "gamma"), r.route(f, "beta", s, 0));
        byte[] ip = ipOf(f);
        assertEquals(63, ip[8]);
        assertTrue(ipPacketValid(ip), "header checksum after decrement");
        ByteBuffer dying = v4Frame(BETA_HOST, ip4("10.0.3.1"), 1, false, 10);
        byte[] err = assertIcmpFromLocalAddress(r.route(dying, "beta", s, 0));
        assertEquals(11, err[20]);
        ByteBuffer v6 = v6Frame("fd00:2::1", "fd00:3::1", 1, 8);
        RoutingSnapshot s6 = new Mesh("me").neighbour("beta", true).neighbour("gamma", true)
                .subnet("gamma", "fd00:3::/64").snapshot();
        assertIcmp6(r.route(v6, "beta", s6, 0), 3, 0);
        ByteBuffer v6ok = v6Frame("fd00:2::1", "fd00:3::1", 9, 8);
        r.route(v6ok, "beta", s6, 0);
        assertEquals(8, ipOf(v6ok)[7]);
        // not from the local device only: our own frames keep their TTL
        ByteBuffer mine = v4Frame(LOCAL_HOST, ip4("10.0.3.1"), 1, false, 10);
        assertEquals(new RouteDecision.Unicast("gamma", "gamma"), r.route(mine, "me", s, 0));
    }

    private static byte[] assertIcmpFromLocalAddress(RouteDecision d) {
        byte[] ip = ipOf(((RouteDecision.Reply) d).frame());
        assertTrue(ipPacketValid(ip));
        assertArrayEquals(ip4("10.0.0.1"), Arrays.copyOfRange(ip, 12, 16), "time exceeded comes from a local address");
        return ip;
    }

    @Test
    void timeExceededIsNotAnsweredWithTimeExceeded() {
        RoutingSnapshot s = new Mesh("me").neighbour("beta", true).neighbour("gamma", true)
                .subnet("gamma", "10.0.3.0/24").snapshot();
        Router r = new Router(RouterSettings.defaults(Mode.ROUTER).withDecrementTtl(true));
        byte[] icmp = new byte[36];
        icmp[0] = 11;
        ByteBuffer f = ByteBuffer.wrap(eth(ZERO_MAC, ZERO_MAC, 0x0800, ipv4(BETA_HOST, ip4("10.0.3.1"), 1, 1, false,
                icmp)));
        assertEquals(RouteDecision.Drop.of(DropReason.TTL_EXCEEDED), r.route(f, "beta", s, 0));
    }

    @Test
    void icmpErrorsAreLimitedToThreePerSecond() {
        RoutingSnapshot s = mesh().snapshot();
        int replies = 0;
        for (int i = 0; i < 10; i++) {
            if (router.route(v4Frame(LOCAL_HOST, ip4("192.168.0.1"), 64, false, 8), "me", s, 5_000 + i)
                    instanceof RouteDecision.Reply) {
                replies++;
            }
        }
        assertEquals(3, replies);
        assertEquals(7, router.counters().get(DropReason.ICMP_RATE_LIMITED));
        assertInstanceOf(RouteDecision.Reply.class,
                router.route(v4Frame(LOCAL_HOST, ip4("192.168.0.1"), 64, false, 8), "me", s, 6_000));
    }

    @Test
    void dfSetAboveMtuGivesFragmentationNeededWithNextHopMtu() {
        Mesh m = mesh();
        m.node("beta").mtu = 1000;
        ByteBuffer f = v4Frame(LOCAL_HOST, ip4("10.0.3.1"), 64, true, 1200);
        byte[] ip = assertIcmp4(router.route(f, "me", m.snapshot(), 0), f, 3, 4);
        assertEquals(1000 - 14, ((ip[26] & 0xff) << 8) | (ip[27] & 0xff));
        // the 590 floor: a tiny PMTU still lets 590-byte frames through
        m.node("beta").mtu = 100;
        assertInstanceOf(RouteDecision.Unicast.class,
                router.route(v4Frame(LOCAL_HOST, ip4("10.0.3.1"), 64, true, 590 - 34), "me", m.snapshot(), 0));
    }

    @Test
    void dfClearAboveMtuIsFragmentedToVia() {
        Mesh m = mesh();
        m.node("beta").mtu = 700;
        byte[] payload = new byte[1400];
        new java.util.Random(1).nextBytes(payload);
        ByteBuffer f = ByteBuffer.wrap(eth(ZERO_MAC, ZERO_MAC, 0x0800, ipv4(LOCAL_HOST, ip4("10.0.3.1"), 17, 64,
                false, payload)));
        RouteDecision.Fragments fr = assertInstanceOf(RouteDecision.Fragments.class,
                router.route(f, "me", m.snapshot(), 0));
        assertEquals("beta", fr.to());
        ByteBuffer joined = ByteBuffer.allocate(1400);
        for (int i = 0; i < fr.frames().size(); i++) {
            ByteBuffer frame = fr.frames().get(i);
            assertTrue(frame.remaining() <= 700);
            byte[] ip = ipOf(frame);
            assertTrue(ipPacketValid(ip));
            int off = ((ip[6] & 0x1f) << 8) | (ip[7] & 0xff);
            boolean more = (ip[6] & 0x20) != 0;
            assertEquals(i < fr.frames().size() - 1, more);
            assertEquals(joined.position(), off * 8);
            joined.put(ip, 20, ip.length - 20);
        }
        assertArrayEquals(payload, joined.array());
    }

    @Test
    void ipv6AboveMtuGetsPacketTooBig() {
        Mesh m = mesh();
        m.node("beta").mtu = 1300;
        byte[] ip = assertIcmp6(router.route(v6Frame("fd00:1::1", "fd00:2::1", 64, 1400), "me", m.snapshot(), 0),
                2, 0);
        assertEquals(1300 - 14, ByteBuffer.wrap(ip).getInt(44));
        assertEquals(576, ip.length, "quote capped at 528 bytes");
    }

    @Test
    void multicastAndBroadcastDestinationsAreBroadcastUnlessBroadcastIsNo() {
        RoutingSnapshot s = mesh().snapshot();
        assertEquals(new RouteDecision.Broadcast(false, List.of("beta")),
                router.route(v4Frame(LOCAL_HOST, ip4("224.0.0.251"), 1, false, 8), "me", s, 0));
        assertEquals(new RouteDecision.Broadcast(false, List.of("beta")),
                router.route(v6Frame("fd00:1::1", "ff02::fb", 1, 8), "me", s, 0));
        Router no = new Router(RouterSettings.defaults(Mode.ROUTER).withBroadcast(Broadcast.NO));
        assertInstanceOf(RouteDecision.Reply.class,
                no.route(v4Frame(LOCAL_HOST, ip4("255.255.255.255"), 1, false, 8), "me", s, 0));
    }

    @Test
    void tunFramesWithZeroMacsRouteAndRepliesKeepZeroMacs() {
        RoutingSnapshot s = mesh().snapshot();
        ByteBuffer f = v4Frame(LOCAL_HOST, ip4("192.168.1.1"), 64, false, 8);
        RouteDecision.Reply r = (RouteDecision.Reply) router.route(f, "me", s, 0);
        assertArrayEquals(new byte[12], Arrays.copyOf(bytes(r.frame()), 12));
        assertEquals(0x0800, r.frame().getShort(12) & 0xffff);
    }

    @Test
    void unknownEthertypesAndMtuProbeEchoesAreDropped() {
        RoutingSnapshot s = mesh().snapshot();
        byte[] probe = new byte[100];
        probe[0] = 1;
        assertEquals(RouteDecision.Drop.of(DropReason.UNKNOWN_TYPE), router.route(ByteBuffer.wrap(probe), "beta", s, 0));
    }

    @Test
    void forwardingKernelHandsEverythingFromPeersToTheDevice() {
        Router k = new Router(RouterSettings.defaults(Mode.ROUTER).withForwarding(Forwarding.KERNEL));
        assertEquals(RouteDecision.LOCAL, k.route(ByteBuffer.wrap(new byte[3]), "beta", mesh().snapshot(), 0));
    }
}
