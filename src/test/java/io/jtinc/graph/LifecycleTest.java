package io.jtinc.graph;

import static io.jtinc.graph.GraphFixture.changes;
import static io.jtinc.graph.GraphFixture.lines;
import static io.jtinc.graph.GraphFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.SubnetSpec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Activation (§3.8), termination (§9.2), reachability effects (§9.6) and purge (§9.9). */
class LifecycleTest {
    private static SubnetSpec net(String s) throws Exception {
        return SubnetSpec.parse(s);
    }

    @Test
    void activationSendsEverythingInNameOrderThenAnnouncesOurEdgeToAll() throws Exception {
        AtomicInteger n = new AtomicInteger();
        Graph g = new Graph("b", List.of(net("10.0.0.2"), net("2:0:0:0:0:2")), Graph.Settings.defaults(),
                GraphLimits.defaults(), new Lines(n::incrementAndGet));
        TestConn a = new TestConn("a");
        TestConn c = new TestConn("c");
        g.connectionActivated(a, "a", GraphFixture.ip(1), 655, 0xc, 4, 0);
        g.handleAddEdge("12 f a b 10.0.0.2 655 c 4", a, 0xf, "a", "b", "10.0.0.2", "655", 0xc, 4, 0);
        g.handleAddSubnet("10 e a 10.0.0.1/32#10", a, 0xe, "a", "10.0.0.1/32#10", 0);
        g.flush(0);
        n.set(0x100);
        List<GraphEffect> fx = g.connectionActivated(c, "c", GraphFixture.ip(3), 655, 4, 7, 0);
        assertEquals(List.of(
                "c 10 101 a 10.0.0.1/32#10",
                "c 12 102 a b 10.0.0.2 655 c 4",
                "c 10 103 b 2:0:0:0:0:2#10",          // MAC sorts before IPv4 (subnet order)
                "c 10 104 b 10.0.0.2/32#10",
                "c 12 105 b a 10.0.0.1 655 c 4",
                "* 12 106 b c 10.0.0.3 655 4 7"), lines(fx));
        assertEquals(List.of(), changes(fx), "c becomes reachable only with its reverse edge");
    }

    @Test
    void reachabilityChangesComeInNameOrderWithSubnetsAndLearnedAddressesFirst() throws Exception {
        GraphFixture f = new GraphFixture("a");
        TestConn b = new TestConn("b");
        f.activate(b, "b", 2, 0, 1);
        f.addSubnet(b, "c", "10.3.0.0/16");
        f.addSubnet(b, "c", "10.3.3.0/24");
        f.addEdge(b, "b", "a", 0, 1);
        f.link(b, "b", "c", 0, 1);
        List<GraphEffect> fx = f.g.flush(f.now);
        assertEquals(List.of(
                new GraphEffect.UdpAddressLearned("b", new InetSocketAddress(GraphFixture.ip(2), 655)),
                new GraphEffect.UdpAddressLearned("c", new InetSocketAddress(GraphFixture.ip(99), 655)),
                new GraphEffect.ReachabilityChanged("b", true, b),
                new GraphEffect.ReachabilityChanged("c", true, null),
                new GraphEffect.SubnetUp("c", net("10.3.3.0/24")),
                new GraphEffect.SubnetUp("c", net("10.3.0.0/16"))), fx);
        f.delEdge(b, "b", "c");
        List<GraphEffect> down = f.g.flush(f.now);
        assertEquals(List.of("-c"), changes(down));
        assertEquals(2, only(down, GraphEffect.SubnetDown.class).size());
        assertNull(f.g.snapshot().node("c").nexthop());
    }

    @Test
    void closingAConnectionAnnouncesOurEdgeThenThePeersEdgeBack() {
        GraphFixture f = new GraphFixture("alpha");
        TestConn beta = new TestConn("beta");
        TestConn gamma = new TestConn("gamma");
        f.activate(beta, "beta", 2, 0xc, 4);
        f.activate(gamma, "gamma", 3, 0xc, 4);
        f.addEdge(beta, "beta", "alpha", 0xc, 4);
        f.addEdge(gamma, "gamma", "alpha", 0xc, 4);
        f.g.flush(f.now);
        f.nonce.set(0x20);
        List<GraphEffect> fx = f.g.connectionClosed(beta, true, f.now);
        assertEquals(List.of("* 13 21 alpha beta !beta", "* 13 22 beta alpha !beta"), lines(fx));
        assertEquals(List.of("-beta"), changes(fx));
        assertEquals(2, f.g.edgeCount());
        assertFalse(f.g.snapshot().node("beta").directlyConnected());
        assertEquals(List.of(), f.g.connectionClosed(beta, true, f.now), "closing twice does nothing");

        // our own shutdown (report = false): no DEL_EDGE at all, the peer's edge back stays
        List<GraphEffect> quiet = f.g.connectionClosed(gamma, false, f.now);
        assertEquals(List.of(), lines(quiet));
        assertEquals(List.of("-gamma"), changes(quiet));
        assertEquals(1, f.g.edgeCount());
    }

    @Test
    void secondConnectionReplacesTheFirstSilently() {
        GraphFixture f = new GraphFixture("alpha");
        TestConn old = new TestConn("beta");
        TestConn neu = new TestConn("beta");
        f.activate(old, "beta", 2, 0, 4);
        f.addEdge(old, "beta", "alpha", 0, 4);
        f.g.flush(f.now);
        f.nonce.set(0x30);
        List<GraphEffect> fx = f.activate(neu, "beta", 2, 0, 6);
        assertEquals(List.of("-beta", "+beta*"), changes(fx));
        assertTrue(lines(fx).contains("* 12 32 alpha beta 10.0.0.2 655 0 6"), lines(fx).toString());
        assertFalse(lines(fx).stream().anyMatch(l -> l.startsWith("* 13")), "no DEL_EDGE for the old one");
    }

    @Test
    void purgeWithdrawsUnreachableNodesAndDeletesThoseNobodyPointsTo() {
        GraphFixture f = new GraphFixture("alpha");
        TestConn beta = new TestConn("beta");
        f.activate(beta, "beta", 2, 0, 1);
        f.addEdge(beta, "beta", "alpha", 0, 1);
        f.addEdge(beta, "gamma", "delta", 0, 1);   // unreachable island, one way
        f.addSubnet(beta, "gamma", "10.7.0.0/16");
        f.g.flush(f.now);
        f.nonce.set(0x40);
        List<GraphEffect> fx = f.g.purge(f.now);
        assertEquals(List.of("* 11 41 gamma 10.7.0.0/16#10", "* 13 42 gamma delta"), lines(fx));
        assertEquals(List.of("alpha", "beta"), List.copyOf(f.g.snapshot().nodes().keySet()));
        assertEquals(0, f.g.subnetCount());
        assertNull(f.g.snapshot().node("gamma"));
        assertTrue(f.g.snapshot().reachable("beta"));
    }

    @Test
    void purgeUnderStrictSubnetsKeepsSubnetsAndTheirOwners() throws Exception {
        GraphFixture f = new GraphFixture("alpha", new Graph.Settings(false, true, 60_000), GraphLimits.defaults());
        f.g.reloadHostSubnets(java.util.Map.of("gamma", List.of(net("10.7.0.0/16"))));
        f.g.handleAddEdge("12 1 delta epsilon x 1 0 1", new TestConn("beta"), 1, "delta", "epsilon", "x", "1", 0, 1,
                0);
        f.g.purge(f.now);
        assertEquals(List.of("alpha", "gamma"), List.copyOf(f.g.snapshot().nodes().keySet()));
        assertEquals(1, f.g.subnetCount());
    }
}
