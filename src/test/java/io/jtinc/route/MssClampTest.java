package io.jtinc.route;

import static io.jtinc.route.Packets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.Mode;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** ClampMSS (route.c clamp_mss, spec §6.4). */
class MssClampTest {
    private static int mssOf(byte[] ip, int nops) {
        int hl = (ip[0] >> 4) == 4 ? 20 : 40;
        return ((ip[hl + 22 + nops] & 0xff) << 8) | (ip[hl + 23 + nops] & 0xff);
    }

    private static ByteBuffer syn4(int mss, int nops) {
        return ByteBuffer.wrap(eth(MAC_B, MAC_A, 0x0800, withL4Checksum(
                ipv4(ip4("10.0.1.2"), ip4("10.0.2.2"), 6, 64, true, tcpSyn(mss, nops)), 16)));
    }

    @Test
    void ipv4SynIsClampedAndTheChecksumStillVerifies() {
        for (int nops = 0; nops < 3; nops++) {
            ByteBuffer f = syn4(1460, nops);
            assertTrue(MssClamp.clamp(f, 1400));
            byte[] ip = ipOf(f);
            assertEquals(1400 - 14 - 20 - 20, mssOf(ip, nops));
            assertTrue(ipPacketValid(ip), "TCP checksum after clamping");
        }
    }

    @Test
    void smallerMssIsLeftAlone() {
        ByteBuffer f = syn4(536, 0);
        assertFalse(MssClamp.clamp(f, 1400));
        assertEquals(536, mssOf(ipOf(f), 0));
    }

    @Test
    void ipv6AndVlanFrames() {
        byte[] ip6 = withL4Checksum(ipv6(ip6("fd00:1::1"), ip6("fd00:2::1"), 6, 64, tcpSyn(1440, 1)), 16);
        ByteBuffer f = ByteBuffer.wrap(eth(MAC_B, MAC_A, 0x86dd, ip6));
        assertTrue(MssClamp.clamp(f, 1300));
        assertEquals(1300 - 14 - 40 - 20, mssOf(ipOf(f), 1));
        assertTrue(ipPacketValid(ipOf(f)));
        ByteBuffer v = ByteBuffer.wrap(vlan(MAC_B, MAC_A, 7, 0x0800, withL4Checksum(
                ipv4(ip4("10.0.1.2"), ip4("10.0.2.2"), 6, 64, true, tcpSyn(1460, 0)), 16)));
        assertTrue(MssClamp.clamp(v, 1400));
        assertEquals(1400 - 18 - 20 - 20, mssOf(ipOf(v), 0));
        assertTrue(ipPacketValid(ipOf(v)));
    }

    @Test
    void routerClampsToTheSmallerOfSourceAndViaMtuOnlyWhenViaAsksForIt() {
        Mesh m = new Mesh("me").neighbour("beta", true).subnet("beta", "10.0.2.0/24");
        m.node("beta").mtu = 1300;
        Router r = new Router(RouterSettings.defaults(Mode.ROUTER));
        ByteBuffer f = syn4(1460, 0);
        r.route(f, "me", m.snapshot(), 0);
        assertEquals(1300 - 54, mssOf(ipOf(f), 0));
        m.node("beta").options = Mesh.DEFAULT_OPTIONS & ~NodeView.OPTION_CLAMP_MSS;
        ByteBuffer g = syn4(1460, 0);
        r.route(g, "me", m.snapshot(), 0);
        assertEquals(1460, mssOf(ipOf(g), 0));
    }
}
