package io.jtinc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Duplicate suppression (§9.4) and the caps (reliability.md P3): dropped and counted, never fatal. */
class LimitsTest {
    final TestConn beta = new TestConn("beta");

    @Test
    void sameLineTwiceIsIgnoredUntilPingIntervalHasPassed() {
        GraphFixture f = new GraphFixture("alpha");
        f.activate(beta, "beta", 2, 0, 1);
        String line = "13 5 gamma delta";
        f.now = 1000; // the cache assumes a monotonic clock: age order == insertion order
        f.addEdge(beta, "gamma", "delta", 0, 1);
        assertEquals(1, f.g.handleDelEdge(line, beta, 5, "gamma", "delta", 1000).size());
        f.now = 1000 + 59_999;
        f.addEdge(beta, "gamma", "delta", 0, 1);
        assertEquals(List.of(), f.g.handleDelEdge(line, beta, 5, "gamma", "delta", 1000 + 59_999));
        assertEquals(1, f.g.counters().duplicates.get());
        // age = PingInterval: forgotten (firstseen + pinginterval <= now), so the same line works again
        assertEquals(1, f.g.handleDelEdge(line, beta, 5, "gamma", "delta", 1000 + 60_000).size());
        f.g.ageSeenRequests(Long.MAX_VALUE / 2);
        assertEquals(0, f.g.seenCacheSize());
    }

    @Test
    void seenCacheEvictsOldestAtItsLineCap() {
        GraphFixture f = new GraphFixture("alpha", Graph.Settings.defaults(), new GraphLimits(100, 100, 10, 100, 3,
                1_000_000));
        f.activate(beta, "beta", 2, 0, 1);
        for (int i = 0; i < 4; i++) {
            f.g.handleKeyChanged("14 " + i + " beta", beta, i, "beta", 0);
        }
        assertEquals(3, f.g.seenCacheSize());
        assertEquals(1, f.g.counters().seenEvicted.get());
        assertEquals(2, f.g.handleKeyChanged("14 0 beta", beta, 0, "beta", 0).size(), "evicted: accepted again");
        assertEquals(List.of(), f.g.handleKeyChanged("14 3 beta", beta, 3, "beta", 0));
    }

    @Test
    void seenCacheEvictsAtItsByteCap() {
        GraphFixture f = new GraphFixture("alpha", Graph.Settings.defaults(), new GraphLimits(100, 100, 10, 100,
                1000, 25));
        f.g.handleKeyChanged("14 1 alpha", beta, 1, "alpha", 0); // 10 chars
        f.g.handleKeyChanged("14 2 alpha", beta, 2, "alpha", 0); // 20
        f.g.handleKeyChanged("14 3 alpha", beta, 3, "alpha", 0); // 30 > 25: evict the first
        assertEquals(2, f.g.seenCacheSize());
        assertEquals(1, f.g.counters().seenEvicted.get());
    }

    @Test
    void nodeEdgeAndSubnetCapsDropAndCountWithoutClosingTheConnection() {
        GraphFixture f = new GraphFixture("alpha", Graph.Settings.defaults(), new GraphLimits(4, 3, 2, 3, 1000,
                1_000_000));
        f.activate(beta, "beta", 2, 0, 1);                  // nodes: alpha, beta; edges: 1
        assertEquals(1, f.addEdge(beta, "beta", "alpha", 0, 1).size());
        assertEquals(1, f.addEdge(beta, "gamma", "delta", 0, 1).size()); // nodes 4, edges 3
        List<GraphEffect> nodeCapped = f.addEdge(beta, "eps", "zeta", 0, 1);
        assertEquals(List.of(), nodeCapped);
        assertEquals(1, f.g.counters().nodesCapped.get());
        assertEquals(4, f.g.nodeCount());
        assertEquals(List.of(), f.addEdge(beta, "delta", "gamma", 0, 1));
        assertEquals(1, f.g.counters().edgesCapped.get());
        assertEquals(3, f.g.edgeCount());

        assertEquals(1, f.addSubnet(beta, "gamma", "10.1.0.0/16").size());
        assertEquals(1, f.addSubnet(beta, "gamma", "10.2.0.0/16").size());
        assertEquals(List.of(), f.addSubnet(beta, "gamma", "10.3.0.0/16"), "per-node cap");
        assertEquals(1, f.addSubnet(beta, "delta", "10.4.0.0/16").size());
        assertEquals(List.of(), f.addSubnet(beta, "delta", "10.5.0.0/16"), "total cap");
        assertEquals(2, f.g.counters().subnetsCapped.get());
        assertEquals(0, f.g.counters().fatal.get());
        assertTrue(f.g.isDirty());
        // deleting frees room again
        f.delSubnet(beta, "gamma", "10.1.0.0/16");
        assertEquals(1, f.addSubnet(beta, "delta", "10.5.0.0/16").size());
        assertFalse(f.g.counters().subnetsCapped.get() > 2);
    }
}
