package io.jtinc.graph;

import static io.jtinc.graph.GraphFixture.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** sssp_bfs and mst_kruskal on hand-computed graphs (spec §9.5, §9.6). */
class RoutingTest {
    /**
     * <pre>
     *   a ==10== b ==1== d ==7(INDIRECT d->e)== e
     *   a ==5=== c ==1== d          c --1--> f   (no reverse: ignored)
     * </pre>
     * BFS from a visits b before c (name order), so d is found via b although a-c-d is lighter: weights play no
     * role. e is reached over an indirect edge: via = d (the last direct node), nexthop = b.
     */
    @Test
    void bfsIgnoresWeightsAndOneWayEdgesAndComputesNexthopAndVia() {
        GraphFixture f = new GraphFixture("a");
        TestConn cb = new TestConn("b");
        TestConn cc = new TestConn("c");
        assertEquals(List.of(), changes(f.activate(cb, "b", 2, 0, 10)));
        f.activate(cc, "c", 3, 0, 5);
        f.addEdge(cb, "b", "a", 0, 10);
        f.addEdge(cc, "c", "a", 0, 5);
        f.link(cb, "b", "d", 0, 1);
        f.link(cc, "c", "d", 0, 1);
        f.addEdge(cb, "d", "e", Options.INDIRECT, 7);
        f.addEdge(cb, "e", "d", 0, 7);
        f.addEdge(cc, "c", "f", 0, 1);
        assertTrue(f.g.isDirty());
        List<GraphEffect> fx = f.g.flush(f.now);
        assertEquals(List.of("+b*", "+c*", "+d", "+e"), changes(fx));
        assertFalse(f.g.isDirty());
        assertEquals(List.of(), f.g.flush(f.now), "a second flush has nothing to do");

        RoutingSnapshot s = f.g.snapshot();
        assertRoute(s, "a", "a", "a", null, false);
        assertRoute(s, "b", "b", "b", "a", false);
        assertRoute(s, "c", "c", "c", "a", false);
        assertRoute(s, "d", "b", "d", "b", false);
        assertRoute(s, "e", "b", "d", "d", true);
        assertEquals(Options.INDIRECT, s.node("e").options());
        assertFalse(s.reachable("f"));
        assertNull(s.node("f").nexthop());
        assertTrue(s.node("b").directlyConnected());
        assertFalse(s.node("d").directlyConnected());

        // MST: b-d, c-d, then a-c (after the skip of c->f the walk restarts), then d-e. a-b is not in it.
        assertEquals(Set.of("c"), s.mstPeers());
    }

    /** A node first reached indirectly is revisited by a direct path; nexthop stays from the first discovery. */
    @Test
    void indirectThenDirectRevisitKeepsFirstNexthop() {
        GraphFixture f = new GraphFixture("m");
        TestConn cx = new TestConn("x");
        TestConn cy = new TestConn("y");
        f.activate(cx, "x", 1, Options.INDIRECT, 1);
        f.activate(cy, "y", 2, 0, 1);
        f.addEdge(cx, "x", "m", 0, 1);
        f.addEdge(cy, "y", "m", 0, 1);
        f.link(cx, "x", "z", 0, 1);
        f.link(cy, "y", "z", 0, 1);
        f.g.flush(f.now);
        RoutingSnapshot s = f.g.snapshot();
        assertRoute(s, "y", "y", "y", "m", false);
        // z: first found through x (indirect, via m), then revisited through y (direct): via z, nexthop still x
        assertRoute(s, "z", "x", "z", "y", false);
        // x itself: first reached over our own INDIRECT edge, then revisited through the direct path y-z-x
        assertRoute(s, "x", "x", "x", "z", false);

        // without the detour, x stays indirect with via = myself, so UDP goes to nexthop x itself
        GraphFixture f2 = new GraphFixture("m");
        TestConn c2 = new TestConn("x");
        f2.activate(c2, "x", 1, Options.INDIRECT, 1);
        f2.addEdge(c2, "x", "m", 0, 1);
        f2.g.flush(f2.now);
        assertRoute(f2.g.snapshot(), "x", "x", "m", "m", true);
    }

    /**
     * Kruskal's restart quirk: c-d (weight 1) is taken first from c, a-b (2) joins two unvisited nodes and is
     * skipped, b-c (3) attaches b, and only the restart then attaches a through a-b.
     */
    @Test
    void mstRestartsAfterSkippingAndMarksOurConnections() {
        GraphFixture f = new GraphFixture("a");
        TestConn cb = new TestConn("b");
        TestConn cz = new TestConn("z");
        f.activate(cb, "b", 2, 0, 2);
        f.addEdge(cb, "b", "a", 0, 2);
        f.link(cb, "c", "d", 0, 1);
        f.link(cb, "b", "c", 0, 3);
        // a second direct peer z, reachable only through a heavy edge, which the MST does not need? It does: z
        // hangs off a only, so a-z must be in the tree too.
        f.activate(cz, "z", 26, 0, 9);
        f.addEdge(cz, "z", "a", 0, 9);
        // and a heavier redundant edge z-d that must not replace a-z: a-z(9) < z-d(10)
        f.link(cz, "z", "d", 0, 10);
        f.g.flush(f.now);
        assertEquals(Set.of("b", "z"), f.g.snapshot().mstPeers());
        // make a-z heavier than z-d: the tree now attaches z through d, and the connection to z leaves the MST.
        // (Our own edge weight changes only with a new connection; the peer's reverse edge weight also counts.)
        f.g.connectionClosed(cz, true, f.now);
        TestConn cz2 = new TestConn("z");
        f.activate(cz2, "z", 26, 0, 20);
        f.addEdge(cz2, "z", "a", 0, 20);
        f.g.flush(f.now);
        assertEquals(Set.of("b"), f.g.snapshot().mstPeers());
    }

    private static void assertRoute(RoutingSnapshot s, String node, String nexthop, String via, String prevFrom,
            boolean indirect) {
        RoutingSnapshot.NodeRoute r = s.node(node);
        assertTrue(r.reachable(), node + " reachable");
        assertEquals(nexthop, r.nexthop(), node + " nexthop");
        assertEquals(via, r.via(), node + " via");
        assertEquals(prevFrom, r.prevFrom(), node + " prevFrom");
        assertEquals(indirect, r.indirect(), node + " indirect");
    }
}
