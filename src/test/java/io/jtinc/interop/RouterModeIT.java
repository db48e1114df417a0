package io.jtinc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 4: router mode over TUN (tincd's default device there) with IPv4 and IPv6 subnets, jtincd
 * with the real tincd 1.0.36. The routes exist only through Subnet lines: longest-prefix match in each daemon.
 */
@Tag("interop")
class RouterModeIT {
    @Test
    void jtincAndTincdRouteIpv4AndIpv6OverTun() throws Exception {
        try (TincMesh mesh = new TincMesh("router")) {
            TincMesh.Node j = mesh.add("jt", Impl.JTINC)
                    .host("Subnet = 10.88.0.1/32").host("Subnet = fd7a:88::1/128").host("Subnet = 10.88.10.0/24")
                    .up("ip addr add 10.88.0.1/16 dev $INTERFACE")
                    .up("ip -6 addr add fd7a:88::1/64 dev $INTERFACE nodad");
            TincMesh.Node t = mesh.add("tc", Impl.TINCD).connectTo("jt")
                    .host("Subnet = 10.88.0.2/32").host("Subnet = fd7a:88::2/128")
                    .up("ip addr add 10.88.0.2/16 dev $INTERFACE")
                    .up("ip -6 addr add fd7a:88::2/64 dev $INTERFACE nodad")
                    .up("ip route add 10.88.10.0/24 dev $INTERFACE");
            mesh.configure();
            mesh.start(3);
            mesh.awaitPing(t, "10.88.0.1", 30_000);
            mesh.awaitPing(j, "fd7a:88::2", 30_000);
            String link = j.run("ip", "-d", "link", "show", "tun0").output();
            assertTrue(link.contains("tun type tun"), "router mode uses a TUN device:\n" + link);
            assertEquals(0, t.run("ping", "-c", "5", "-i", "0.2", "10.88.0.1").status(), mesh.logs());
            assertEquals(0, j.run("ping", "-c", "5", "-i", "0.2", "10.88.0.2").status(), mesh.logs());
            assertEquals(0, t.run("ping6", "-c", "5", "-i", "0.2", "fd7a:88::1").status(), mesh.logs());
            assertEquals(0, j.run("ping6", "-c", "5", "-i", "0.2", "fd7a:88::2").status(), mesh.logs());
            // An address in jt's 10.88.10.0/24 that no interface holds: jt's kernel answers nothing, but tincd routes
            // it to jt by subnet; an address in no subnet gets tincd's ICMP "network unknown".
            String unknown = t.run("ping", "-c", "1", "-W", "2", "10.88.99.1").output();
            assertTrue(unknown.contains("Unreachable") || unknown.contains("100% packet loss"), unknown);
        }
    }
}
