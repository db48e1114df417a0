package io.jtinc.graph;

import static io.jtinc.graph.GraphFixture.lines;
import static io.jtinc.graph.GraphFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.SubnetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** add_subnet_h / del_subnet_h / key_changed_h, rule by rule (spec §9.3, §4.4, §8.3). */
class SubnetGossipTest {
    final GraphFixture f = new GraphFixture("alpha");
    final TestConn beta = new TestConn("beta");

    SubnetGossipTest() {
        f.activate(beta, "beta", 2, 0xc, 4);
    }

    private void makeBetaReachable() {
        f.addEdge(beta, "beta", "alpha", 0, 4);
        f.g.flush(f.now);
    }

    private static SubnetSpec net(String s) {
        try {
            return SubnetSpec.parseNetwork(s);
        } catch (SubnetSpec.FormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void newSubnetOfUnreachableOwnerIsStoredAndForwardedWithoutSubnetUp() {
        List<GraphEffect> fx = f.g.handleAddSubnet("10 1 gamma 10.1.0.0/16#5", beta, 1, "gamma", "10.1.0.0/16#5",
                f.now);
        assertEquals(List.of(new GraphEffect.Broadcast("10 1 gamma 10.1.0.0/16#5", beta)), fx);
        f.g.flush(f.now);
        assertEquals(List.of(new RoutingSnapshot.OwnedSubnet(net("10.1.0.0/16#5"), "gamma")),
                f.g.snapshot().subnets());
        assertEquals(List.of(), f.addSubnet(beta, "gamma", "10.1.0.0/16#5"), "known subnet: not forwarded");
    }

    @Test
    void subnetOfReachableOwnerRunsSubnetUpThenForwardsAndDelRunsSubnetDown() {
        makeBetaReachable();
        List<GraphEffect> fx = f.addSubnet(beta, "beta", "fd00::2/128");
        assertEquals(new GraphEffect.SubnetUp("beta", net("fd00::2/128")), fx.get(0));
        assertInstanceOf(GraphEffect.Broadcast.class, fx.get(1));
        List<GraphEffect> del = f.delSubnet(beta, "beta", "fd00:0::2/128#10");
        assertInstanceOf(GraphEffect.Broadcast.class, del.get(0));
        assertEquals(new GraphEffect.SubnetDown("beta", net("fd00::2/128")), del.get(1));
        assertEquals(0, f.g.subnetCount());
    }

    @Test
    void networkSubnetsMayHaveHostBitsButGarbageIsFatal() {
        assertEquals(1, f.addSubnet(beta, "gamma", "10.1.2.3/8").size());
        assertInstanceOf(GraphEffect.Fatal.class, f.addSubnet(beta, "gamma", "10.1.2/8").get(0));
        assertInstanceOf(GraphEffect.Fatal.class, f.addSubnet(beta, "ga/mma", "10.1.2.0/24").get(0));
        assertInstanceOf(GraphEffect.Fatal.class, f.delSubnet(beta, "gamma", "zz").get(0));
        assertInstanceOf(GraphEffect.Fatal.class,
                f.g.handleKeyChanged("14 1 -", beta, 1, "-", f.now).get(0));
    }

    @Test
    void ourOwnSubnetsAreDefendedInBothDirections() {
        Graph g = new Graph("alpha", List.of(net("10.0.0.1/32")), Graph.Settings.defaults(), GraphLimits.defaults(),
                new Lines(() -> 0x42));
        TestConn b = new TestConn("beta");
        g.connectionActivated(b, "beta", GraphFixture.ip(2), 655, 0, 1, 0);
        // someone claims we own 10.9.9.9: "retaliate" with DEL_SUBNET, not forwarded
        assertEquals(List.of("beta 11 42 alpha 10.9.9.9/32#10"),
                lines(g.handleAddSubnet("10 5 alpha 10.9.9.9", b, 5, "alpha", "10.9.9.9", 0)));
        // someone deletes our real subnet: answer with ADD_SUBNET in net2str form
        assertEquals(List.of("beta 10 42 alpha 10.0.0.1/32#10"),
                lines(g.handleDelSubnet("11 6 alpha 10.0.0.1", b, 6, "alpha", "10.0.0.1", 0)));
        assertEquals(1, g.subnetCount());
    }

    @Test
    void unknownDelSubnetIsIgnored() {
        assertEquals(List.of(), f.delSubnet(beta, "nobody", "10.0.0.0/8"));
        f.addSubnet(beta, "gamma", "10.1.0.0/16");
        assertEquals(List.of(), f.delSubnet(beta, "gamma", "10.1.0.0/16#11"), "weight is part of the identity");
    }

    @Test
    void strictSubnetsRelaysButKeepsOnlyHostFileSubnets() {
        GraphFixture s = new GraphFixture("alpha", new Graph.Settings(false, true, 60_000), GraphLimits.defaults());
        TestConn b = new TestConn("beta");
        s.activate(b, "beta", 2, 0, 1);
        s.g.reloadHostSubnets(java.util.Map.of("beta", List.of(net("10.2.0.0/16"))));
        String add = "10 1 beta 10.3.0.0/16#10";
        assertEquals(List.of(new GraphEffect.Broadcast(add, b)),
                s.g.handleAddSubnet(add, b, 1, "beta", "10.3.0.0/16#10", 0));
        assertEquals(List.of(), s.addSubnet(b, "beta", "10.2.0.0/16"), "already known from hosts/: not forwarded");
        String del = "11 2 beta 10.2.0.0/16#10";
        assertEquals(List.of(new GraphEffect.Broadcast(del, b)),
                s.g.handleDelSubnet(del, b, 2, "beta", "10.2.0.0/16#10", 0));
        String delUnknown = "11 3 beta 10.4.0.0/16#10";
        assertEquals(List.of(new GraphEffect.Broadcast(delUnknown, b)),
                s.g.handleDelSubnet(delUnknown, b, 3, "beta", "10.4.0.0/16#10", 0));
        assertEquals(1, s.g.subnetCount(), "the hosts/ subnet is kept");
    }

    @Test
    void strictSubnetsReloadWithdrawsRemovedAndAnnouncesNewSubnets() {
        GraphFixture s = new GraphFixture("alpha", new Graph.Settings(false, true, 60_000), GraphLimits.defaults());
        s.g.reloadHostSubnets(java.util.Map.of("alpha", List.of(net("10.0.0.1")), "beta",
                List.of(net("10.2.0.0/16"), net("10.3.0.0/16"))));
        List<GraphEffect> fx = s.g.reloadHostSubnets(java.util.Map.of("alpha", List.of(net("10.0.0.1")), "beta",
                List.of(net("10.3.0.0/16"), net("10.4.0.0/16")), "bad-name", List.of(net("10.9.0.0/16"))));
        assertEquals(List.of("* 11 4 beta 10.2.0.0/16#10", "* 10 5 beta 10.4.0.0/16#10"), lines(fx));
        assertEquals(3, s.g.subnetCount());
        assertTrue(only(fx, GraphEffect.SubnetUp.class).isEmpty(), "beta is unreachable");
    }

    @Test
    void tunnelServerIgnoresIndirectAndUnauthorizedSubnets() {
        GraphFixture t = new GraphFixture("alpha", new Graph.Settings(true, false, 60_000), GraphLimits.defaults());
        TestConn b = new TestConn("beta");
        t.activate(b, "beta", 2, 0, 1);
        assertEquals(List.of(), t.addSubnet(b, "gamma", "10.5.0.0/16"));
        assertEquals(List.of(), t.addSubnet(b, "beta", "10.5.0.0/16"));
        assertEquals(List.of(), t.delSubnet(b, "gamma", "10.5.0.0/16"));
        assertEquals(0, t.g.subnetCount());
        assertEquals(2, t.g.nodeCount());
    }

    @Test
    void fastRoamingExpiresOurLearnedMacOnly() {
        SubnetSpec mac = net("2:0:0:0:0:1");
        List<GraphEffect> learn = f.g.announceOwnSubnet(mac, true);
        assertEquals(new GraphEffect.SubnetUp("alpha", mac), learn.get(0));
        assertEquals(List.of("* 10 2 alpha 2:0:0:0:0:1#10"), lines(learn));
        List<GraphEffect> fx = f.addSubnet(beta, "beta", "02:00:00:00:00:01");
        assertEquals(new GraphEffect.ExpireLearnedMac(mac), fx.get(fx.size() - 1));
        assertEquals(List.of("* 11 3 alpha 2:0:0:0:0:1#10"), lines(f.g.withdrawOwnSubnet(mac)));
        // a configured (non-learned) MAC is not expired by roaming
        f.g.announceOwnSubnet(net("2:0:0:0:0:2"), false);
        assertTrue(only(f.addSubnet(beta, "beta", "2:0:0:0:0:2"), GraphEffect.ExpireLearnedMac.class).isEmpty());
    }

    @Test
    void keyChangedClearsKeyAndIsFloodedOnce() {
        f.addSubnet(beta, "gamma", "10.1.0.0/16");
        String line = "14 99 gamma";
        assertEquals(List.of(new GraphEffect.KeyChanged("gamma"), new GraphEffect.Broadcast(line, beta)),
                f.g.handleKeyChanged(line, beta, 0x99, "gamma", f.now));
        assertEquals(List.of(), f.g.handleKeyChanged(line, beta, 0x99, "gamma", f.now + 1000));
        assertEquals(List.of(), f.g.handleKeyChanged("14 98 nobody", beta, 0x98, "nobody", f.now));
        assertEquals(List.of("* 14 2 alpha"), lines(f.g.originateKeyChanged()));
    }
}
