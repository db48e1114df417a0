package io.jtinc.route;

import static io.jtinc.route.Packets.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.Mode;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** ARP and NDP proxy in router mode on TAP (route.c route_arp / route_neighborsol, spec §8.2). */
class NeighborProxyTest {
    static final byte[] HOST_MAC = {0x52, 0x54, 0, 0x12, 0x34, 0x56};
    static final byte[] FAKE_MAC = {0x52, 0x54, 0, 0x12, 0x34, (byte) 0xA9}; // last byte ^ 0xFF

    private final Router router = new Router(RouterSettings.defaults(Mode.ROUTER).withOverwriteMac(true));

    private static RoutingSnapshot snap() {
        return new Mesh("me").neighbour("beta", true).subnet("me", "10.0.1.0/24").subnet("beta", "10.0.2.0/24")
                .subnet("me", "fd00:1::/64").subnet("beta", "fd00:2::/64").snapshot();
    }

    @Test
    void arpRequestForAnotherNodesAddressGetsAByteExactReply() {
        byte[] req = arpRequest(HOST_MAC, ip4("10.0.1.2"), ip4("10.0.2.7"));
        RouteDecision.Reply r = assertInstanceOf(RouteDecision.Reply.class,
                router.route(ByteBuffer.wrap(req), "me", snap(), 0));
        assertTrue(r.toLocalDevice());
        assertNull(r.cause());
        byte[] expected = new byte[42];
        System.arraycopy(HOST_MAC, 0, expected, 0, 6);
        System.arraycopy(FAKE_MAC, 0, expected, 6, 6);
        byte[] tail = {0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 2};
        System.arraycopy(tail, 0, expected, 12, tail.length);
        System.arraycopy(FAKE_MAC, 0, expected, 22, 6);
        System.arraycopy(ip4("10.0.2.7"), 0, expected, 28, 4);
        System.arraycopy(HOST_MAC, 0, expected, 32, 6);
        System.arraycopy(ip4("10.0.1.2"), 0, expected, 38, 4);
        assertArrayEquals(expected, bytes(r.frame()));
        assertArrayEquals(HOST_MAC, router.localMac(), "overwrite_mac learns the interface MAC");
    }

    @Test
    void arpForOwnOrUnknownAddressesOrFromTheNetworkIsNotAnswered() {
        assertEquals(RouteDecision.Drop.of(DropReason.NEIGHBOR_REQUEST_OWN_SUBNET), router.route(
                ByteBuffer.wrap(arpRequest(HOST_MAC, ip4("10.0.1.2"), ip4("10.0.1.3"))), "me", snap(), 0));
        assertEquals(RouteDecision.Drop.of(DropReason.NEIGHBOR_REQUEST_UNKNOWN_ADDRESS), router.route(
                ByteBuffer.wrap(arpRequest(HOST_MAC, ip4("10.0.1.2"), ip4("10.9.0.1"))), "me", snap(), 0));
        assertEquals(RouteDecision.Drop.of(DropReason.NEIGHBOR_REQUEST_FROM_NETWORK), router.route(
                ByteBuffer.wrap(arpRequest(HOST_MAC, ip4("10.0.1.2"), ip4("10.0.2.7"))), "beta", snap(), 0));
        byte[] reply = arpRequest(HOST_MAC, ip4("10.0.1.2"), ip4("10.0.2.7"));
        reply[21] = 2;
        assertEquals(RouteDecision.Drop.of(DropReason.NEIGHBOR_REQUEST_INVALID),
                router.route(ByteBuffer.wrap(reply), "me", snap(), 0));
    }

    @Test
    void neighborSolicitationGetsAnAdvertisementWithTheFakeMac() {
        byte[] target = ip6("fd00:2::7");
        byte[] src = ip6("fd00:1::2");
        byte[] ns = neighborSolicitation(HOST_MAC, src, target, true);
        RouteDecision.Reply r = assertInstanceOf(RouteDecision.Reply.class,
                router.route(ByteBuffer.wrap(ns), "me", snap(), 0));
        byte[] na = bytes(r.frame());
        assertEquals(ns.length, na.length);
        assertArrayEquals(HOST_MAC, Arrays.copyOfRange(na, 0, 6));
        assertArrayEquals(FAKE_MAC, Arrays.copyOfRange(na, 6, 12));
        byte[] ip = ipOf(r.frame());
        assertTrue(ipPacketValid(ip), "NA checksum");
        assertArrayEquals(target, Arrays.copyOfRange(ip, 8, 24));
        assertArrayEquals(src, Arrays.copyOfRange(ip, 24, 40));
        assertEquals(255, ip[7] & 0xff);
        assertEquals(136, ip[40] & 0xff);
        assertEquals(0x40, ip[44]); // solicited
        assertArrayEquals(target, Arrays.copyOfRange(ip, 48, 64));
        assertEquals(2, ip[64]); // target link-layer address option
        assertEquals(1, ip[65]);
        assertArrayEquals(FAKE_MAC, Arrays.copyOfRange(ip, 66, 72));
    }

    @Test
    void solicitationWithoutOptionIsAnsweredWithoutOption() {
        byte[] ns = neighborSolicitation(HOST_MAC, ip6("fd00:1::2"), ip6("fd00:2::7"), false);
        RouteDecision.Reply r = (RouteDecision.Reply) router.route(ByteBuffer.wrap(ns), "me", snap(), 0);
        assertTrue(ipPacketValid(ipOf(r.frame())));
        assertEquals(78, r.frame().remaining());
    }

    @Test
    void solicitationWithBadChecksumOrForOurOwnAddressIsDropped() {
        byte[] ns = neighborSolicitation(HOST_MAC, ip6("fd00:1::2"), ip6("fd00:2::7"), true);
        ns[14 + 40 + 2] ^= 1;
        assertEquals(RouteDecision.Drop.of(DropReason.NEIGHBOR_REQUEST_BAD_CHECKSUM),
                router.route(ByteBuffer.wrap(ns), "me", snap(), 0));
        byte[] own = neighborSolicitation(HOST_MAC, ip6("fd00:1::2"), ip6("fd00:1::9"), true);
        assertEquals(RouteDecision.Drop.of(DropReason.NEIGHBOR_REQUEST_OWN_SUBNET),
                router.route(ByteBuffer.wrap(own), "me", snap(), 0));
        byte[] wrongOpt = neighborSolicitation(HOST_MAC, ip6("fd00:1::2"), ip6("fd00:2::7"), true);
        wrongOpt[14 + 40 + 24] = 2;
        assertEquals(RouteDecision.Drop.of(DropReason.NEIGHBOR_REQUEST_INVALID),
                router.route(ByteBuffer.wrap(wrongOpt), "me", snap(), 0));
    }

    @Test
    void localDeliveriesGetTheInterfaceMacWithOverwriteMac() {
        router.setLocalMac(HOST_MAC);
        ByteBuffer f = ByteBuffer.wrap(eth(ZERO_MAC, ZERO_MAC, 0x0800, new byte[20]));
        router.prepareForDevice(f);
        assertArrayEquals(HOST_MAC, Arrays.copyOf(bytes(f), 6));
        Router plain = new Router(RouterSettings.defaults(Mode.ROUTER));
        ByteBuffer g = ByteBuffer.wrap(eth(ZERO_MAC, ZERO_MAC, 0x0800, new byte[20]));
        plain.prepareForDevice(g);
        assertArrayEquals(ZERO_MAC, Arrays.copyOf(bytes(g), 6));
    }
}
