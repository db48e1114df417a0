package io.jtinc.graph;

import static io.jtinc.graph.GraphFixture.changes;
import static io.jtinc.graph.GraphFixture.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** add_edge_h / del_edge_h, rule by rule (spec §9.2). */
class EdgeGossipTest {
    final GraphFixture f = new GraphFixture("alpha");
    final TestConn beta = new TestConn("beta");

    EdgeGossipTest() {
        f.activate(beta, "beta", 2, 0xc, 4); // our edge: "12 1 alpha beta 10.0.0.2 655 c 4"
    }

    @Test
    void newEdgeIsStoredForwardedExceptToOriginAndMarksDirty() {
        f.g.flush(f.now);
        String line = "12 abc gamma delta 10.0.0.9 655 0 7";
        assertEquals(List.of("* " + line + " !beta"), lines(f.addEdgeLine(beta, line)));
        assertTrue(f.g.isDirty());
        assertEquals(2, f.g.edgeCount());
    }

    @Test
    void identicalExistingEdgeIsNotForwarded() {
        f.addEdgeLine(beta, "12 1 gamma delta 10.0.0.9 655 0 7");
        // same content, another nonce; port written differently but numerically equal (sockaddrcmp)
        assertEquals(List.of(), f.addEdgeLine(beta, "12 2 gamma delta 10.0.0.9 0655 0 7"));
    }

    @Test
    void differingEdgeOfAnotherNodeIsUpdatedInPlaceAndForwarded() {
        f.addEdgeLine(beta, "12 1 gamma delta 10.0.0.9 655 0 7");
        f.g.flush(f.now);
        String line = "12 2 gamma delta 10.0.0.9 655 1 8";
        assertEquals(List.of("* " + line + " !beta"), lines(f.addEdgeLine(beta, line)));
        assertEquals(2, f.g.edgeCount());
        assertTrue(f.g.isDirty());
    }

    @Test
    void contradictingAddEdgeForOurEdgeIsAnsweredWithOurs() {
        List<GraphEffect> fx = f.addEdgeLine(beta, "12 77 alpha beta 10.0.0.2 655 c 99");
        assertEquals(List.of("beta 12 2 alpha beta 10.0.0.2 655 c 4"), lines(fx));
        assertEquals(0, f.g.counters().contradictingAddEdge.get(), "tincd counts only the not-existing case");
    }

    @Test
    void addEdgeForOurEdgeThatDoesNotExistIsAnsweredWithDelEdge() {
        List<GraphEffect> fx = f.addEdgeLine(beta, "12 77 alpha gamma 10.0.0.3 655 c 4");
        assertEquals(List.of("beta 13 2 alpha gamma"), lines(fx));
        assertEquals(1, f.g.counters().contradictingAddEdge.get());
        assertFalse(f.g.isDirty());
    }

    @Test
    void delEdgeOfOurEdgeIsAnsweredWithAddEdge() {
        List<GraphEffect> fx = f.delEdge(beta, "alpha", "beta");
        assertEquals(List.of("beta 12 2 alpha beta 10.0.0.2 655 c 4"), lines(fx));
        assertEquals(1, f.g.counters().contradictingDelEdge.get());
        assertEquals(1, f.g.edgeCount());
    }

    @Test
    void unknownDelEdgeIsIgnored() {
        assertEquals(List.of(), f.delEdge(beta, "gamma", "delta"));   // unknown nodes
        assertEquals(List.of(), f.delEdge(beta, "beta", "alpha"));    // known nodes, no such edge
        assertFalse(f.g.isDirty());
    }

    @Test
    void delEdgeForwardsDeletesAndCleansUpTheEdgeBackToUsWhenTheNodeBecameUnreachable() {
        TestConn gamma = new TestConn("gamma");
        f.addEdge(beta, "beta", "alpha", 0, 4);
        f.link(beta, "beta", "delta", 0, 1);
        f.addEdge(beta, "delta", "alpha", 0, 1);   // delta has an edge to us, but we have none to delta
        f.g.flush(f.now);
        assertTrue(f.g.snapshot().reachable("delta"));
        List<GraphEffect> fx = f.delEdge(beta, "beta", "delta");
        assertEquals(1, lines(fx).size());
        assertTrue(lines(fx).get(0).endsWith(" beta delta !beta"));
        List<GraphEffect> flushed = f.g.flush(f.now);
        assertEquals(List.of("-delta"), changes(flushed));
        assertEquals(List.of("* 13 2 delta alpha"), lines(flushed));
        assertEquals(3, f.g.edgeCount()); // alpha->beta, beta->alpha, delta->beta
        assertFalse(f.g.snapshot().reachable("delta"));
        assertTrue(gamma.toString().startsWith("gamma"));
    }

    @ParameterizedTest
    @CsvSource({"alpha, alpha", "x, x", "a-b, c", "c, ../x", "é, c"})
    void badNamesAndSelfLoopsAreFatal(String from, String to) {
        List<GraphEffect> fx = f.g.handleAddEdge("12 1 " + from + " " + to + " 1.2.3.4 655 0 1", beta, 1, from,
                to, "1.2.3.4", "655", 0, 1, f.now);
        assertEquals(1, fx.size());
        assertInstanceOf(GraphEffect.Fatal.class, fx.get(0));
        assertInstanceOf(GraphEffect.Fatal.class,
                f.g.handleDelEdge("13 1 " + from + " " + to, beta, 1, from, to, f.now).get(0));
        assertEquals(2, f.g.counters().fatal.get());
    }

    @Test
    void tunnelServerAcceptsOnlyEdgesInvolvingUsOrThePeerAndNeverForwards() {
        GraphFixture t = new GraphFixture("alpha", new Graph.Settings(true, false, 60_000), GraphLimits.defaults());
        TestConn b = new TestConn("beta");
        List<GraphEffect> act = t.activate(b, "beta", 2, 0xc, 4);
        assertEquals(List.of("beta 12 1 alpha beta 10.0.0.2 655 c 4"), lines(act), "own edge only to the peer");
        assertEquals(List.of(), t.addEdge(b, "gamma", "delta", 0, 1));
        assertEquals(1, t.g.edgeCount(), "indirect edge ignored");
        assertEquals(2, t.g.nodeCount(), "and no node created");
        assertEquals(List.of(), t.addEdge(b, "beta", "alpha", 0, 4));
        assertEquals(List.of(), t.addEdge(b, "beta", "gamma", 0, 4));
        assertEquals(3, t.g.edgeCount(), "edges of the peer are accepted, not forwarded");
        assertEquals(List.of(), t.delEdge(b, "beta", "gamma"));
        assertEquals(2, t.g.edgeCount());
        assertEquals(List.of("+beta*"), changes(t.g.flush(t.now)));
    }
}
