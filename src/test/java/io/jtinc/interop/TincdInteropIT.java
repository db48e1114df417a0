package io.jtinc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 2 and 3: jtincd and the real tincd 1.0.36 in one switch-mode network, each as the hub.
 * "Over UDP" is shown with the namespaces' own UDP counters (/proc/net/snmp is per namespace and only tinc
 * speaks UDP there): after PMTU discovery has settled, a burst of pings must arrive as UDP datagrams on both
 * sides, not only as PACKET requests inside the TCP meta connection.
 */
@Tag("interop")
class TincdInteropIT {
    private static final int PINGS = 20;

    private static void pingOverUdp(TincMesh mesh, TincMesh.Node from, TincMesh.Node to, String toAddress) {
        long fromBefore = from.udpInDatagrams();
        long toBefore = to.udpInDatagrams();
        assertEquals(0, from.run("ping6", "-c", Integer.toString(PINGS), "-i", "0.05", toAddress).status(),
                mesh.logs());
        long toGot = to.udpInDatagrams() - toBefore;
        long fromGot = from.udpInDatagrams() - fromBefore;
        System.out.println(from.name + " -> " + to.name + ": " + PINGS + " pings, UDP datagrams received: "
                + to.name + " " + toGot + ", " + from.name + " " + fromGot);
        assertTrue(toGot >= PINGS && fromGot >= PINGS,
                "echo requests and replies travel over UDP (" + toGot + ", " + fromGot + ")\n" + mesh.logs());
    }

    /** Waits until the ping works, then a few seconds more so PMTU discovery moves traffic from TCP to UDP. */
    private static void settle(TincMesh mesh, TincMesh.Node from, String address) throws InterruptedException {
        long ms = mesh.awaitPing(from, address, 30_000);
        System.out.println(from.name + ": first ping6 to " + address + " after " + ms + " ms");
        Thread.sleep(4000);
    }

    /** Up to 20 s: until three pings from {@code from} arrive at {@code to} as UDP and their replies too. */
    private static void awaitUdp(TincMesh.Node from, TincMesh.Node to, String toAddress) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            long toBefore = to.udpInDatagrams();
            long fromBefore = from.udpInDatagrams();
            from.run("ping6", "-c", "3", "-i", "0.05", toAddress);
            if (to.udpInDatagrams() - toBefore >= 3 && from.udpInDatagrams() - fromBefore >= 3) {
                return;
            }
            Thread.sleep(500);
        }
    }

    @Test
    void jtincHubWithTincdNode() throws Exception {
        hubAndNode(Impl.JTINC, Impl.TINCD);
    }

    @Test
    void tincdHubWithJtincNode() throws Exception {
        hubAndNode(Impl.TINCD, Impl.JTINC);
    }

    private static void hubAndNode(Impl hubImpl, Impl nodeImpl) throws Exception {
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node hub = mesh.add("hub", hubImpl).up("ip -6 addr add fd7a:77::1/64 dev $INTERFACE nodad");
            TincMesh.Node node = mesh.add("node", nodeImpl).connectTo("hub")
                    .up("ip -6 addr add fd7a:77::2/64 dev $INTERFACE nodad");
            mesh.configure();
            mesh.start(3);
            settle(mesh, node, "fd7a:77::1");
            // Each side settles its own PMTU towards the other; on a slow start 4 s was not always enough for the
            // hub's (13 of 20 pings over UDP once in a fresh clone), so wait, bounded, until both directions use UDP.
            awaitUdp(node, hub, "fd7a:77::1");
            awaitUdp(hub, node, "fd7a:77::2");
            pingOverUdp(mesh, node, hub, "fd7a:77::1");
            pingOverUdp(mesh, hub, node, "fd7a:77::2");
        }
    }

    /** A (jtinc) and B (tincd) each connect only to hub H; they reach each other, and we report the path. */
    @Test
    void mixedThreeNodeMesh() throws Exception {
        for (Impl hubImpl : Impl.values()) {
            try (TincMesh mesh = new TincMesh("switch")) {
                TincMesh.Node h = mesh.add("h", hubImpl).up("ip -6 addr add fd7a:77::1/64 dev $INTERFACE nodad");
                TincMesh.Node a = mesh.add("a", Impl.JTINC).connectTo("h")
                        .up("ip -6 addr add fd7a:77::a/64 dev $INTERFACE nodad");
                TincMesh.Node b = mesh.add("b", Impl.TINCD).connectTo("h")
                        .up("ip -6 addr add fd7a:77::b/64 dev $INTERFACE nodad");
                mesh.configure();
                mesh.start(3);
                settle(mesh, a, "fd7a:77::b");
                long hubBefore = h.udpInDatagrams();
                long bBefore = b.udpInDatagrams();
                assertEquals(0, a.run("ping6", "-c", Integer.toString(PINGS), "-i", "0.05", "fd7a:77::b").status(),
                        mesh.logs());
                assertEquals(0, b.run("ping6", "-c", "3", "-i", "0.2", "fd7a:77::a").status(), mesh.logs());
                long viaHub = h.udpInDatagrams() - hubBefore;
                long atB = b.udpInDatagrams() - bBefore;
                // Relayed traffic would put every echo request through the hub: at least PINGS datagrams there.
                String path = viaHub < PINGS && atB >= PINGS ? "direct UDP" : "via the hub " + h.name;
                System.out.println("mixed mesh, hub " + hubImpl + ": a(jtinc) <-> b(tincd) path: " + path
                        + " (UDP datagrams at hub " + viaHub + ", at b " + atB + ")");
            }
        }
    }
}
