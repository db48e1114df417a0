package io.jtinc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Random ADD/DEL_EDGE, ADD/DEL_SUBNET and connection churn never throw and keep the graph consistent: after each
 * flush, reachability equals a naive BFS over bidirectional edges from myself, nexthops are direct peers, the
 * reported changes add up to the published state, and the counts match a reference model.
 */
class GraphPropertyTest {
    private static final String[] NAMES = {"me", "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"};

    @RepeatedTest(40)
    void randomGossipKeepsTheGraphConsistent(RepetitionInfo info) {
        Random rnd = new Random(info.getCurrentRepetition() * 7919L);
        GraphFixture f = new GraphFixture("me");
        Map<String, TestConn> conns = new HashMap<>();
        Map<String, Integer> edges = new HashMap<>(); // "from to" -> weight, the reference model
        Set<String> reachable = new HashSet<>(Set.of("me"));
        for (int step = 0; step < 400; step++) {
            String a = NAMES[rnd.nextInt(NAMES.length)];
            String b = NAMES[rnd.nextInt(NAMES.length)];
            TestConn via = conns.isEmpty() ? new TestConn("x") : conns.values().iterator().next();
            List<GraphEffect> fx;
            switch (rnd.nextInt(6)) {
                case 0, 1 -> {
                    int w = rnd.nextInt(5) - 1;
                    fx = f.addEdge(via, a, b, rnd.nextInt(2), w);
                    if (!a.equals(b) && !a.equals("me")) {
                        edges.put(a + " " + b, w);
                    }
                }
                case 2 -> {
                    fx = f.delEdge(via, a, b);
                    if (!a.equals("me")) {
                        edges.remove(a + " " + b);
                    }
                }
                case 3 -> {
                    if (b.equals("me") || conns.containsKey(b)) {
                        fx = f.addSubnet(via, b, "10." + rnd.nextInt(3) + ".0.0/16");
                    } else {
                        TestConn c = new TestConn(b);
                        conns.put(b, c);
                        fx = f.activate(c, b, 9, 0, rnd.nextInt(4));
                        edges.put("me " + b, 0);
                    }
                }
                case 4 -> {
                    TestConn c = conns.remove(b);
                    fx = c == null ? f.delSubnet(via, b, "10." + rnd.nextInt(3) + ".0.0/16")
                            : f.g.connectionClosed(c, rnd.nextBoolean(), f.now);
                    edges.remove("me " + b);
                }
                default -> fx = f.g.flush(f.now);
            }
            apply(fx, reachable, edges);
            if (rnd.nextInt(50) == 0) {
                apply(f.g.purge(f.now), reachable, edges);
            }
            f.now += rnd.nextInt(2000);
            apply(f.g.flush(f.now), reachable, edges);
            check(f.g, edges, reachable);
            assertEquals(edges.size(), f.g.edgeCount(), "edge count matches the model");
        }
    }

    /** Tracks reported reachability; every broadcast DEL_EDGE (cleanup, purge, closing) means the edge is gone. */
    private static void apply(List<GraphEffect> fx, Set<String> reachable, Map<String, Integer> edges) {
        for (GraphEffect e : fx) {
            if (e instanceof GraphEffect.Broadcast bc && bc.line().startsWith("13 ")) {
                String[] p = bc.line().split(" ");
                edges.remove(p[2] + " " + p[3]);
            }
            if (e instanceof GraphEffect.ReachabilityChanged r) {
                assertTrue(r.reachable() ? reachable.add(r.node()) : reachable.remove(r.node()),
                        "change reported twice for " + r.node());
            }
        }
    }

    private static void check(Graph g, Map<String, Integer> modelEdges, Set<String> reachable) {
        RoutingSnapshot s = g.snapshot();
        // naive BFS over the model's edges that have a reverse
        Set<String> expected = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of("me"));
        expected.add("me");
        Map<String, List<String>> adj = new HashMap<>();
        for (String k : modelEdges.keySet()) {
            String[] p = k.split(" ");
            if (modelEdges.containsKey(p[1] + " " + p[0]) && s.node(p[0]) != null && s.node(p[1]) != null) {
                adj.computeIfAbsent(p[0], x -> new ArrayList<>()).add(p[1]);
            }
        }
        while (!todo.isEmpty()) {
            for (String n : adj.getOrDefault(todo.poll(), List.of())) {
                if (expected.add(n)) {
                    todo.add(n);
                }
            }
        }
        Set<String> actual = new HashSet<>();
        for (RoutingSnapshot.NodeRoute r : s.nodes().values()) {
            if (r.reachable()) {
                actual.add(r.name());
                RoutingSnapshot.NodeRoute hop = s.node(r.nexthop());
                assertTrue(r.name().equals("me") || hop.directlyConnected(), r + " nexthop must be a direct peer");
                assertTrue(s.reachable(r.via()), "via is reachable");
            }
        }
        assertEquals(expected, actual);
        assertEquals(reachable, actual, "reported changes add up to the published state");
        assertTrue(s.mstPeers().stream().allMatch(p -> s.node(p).directlyConnected()));
        assertTrue(s.subnets().stream().allMatch(os -> s.node(os.owner()) != null));
    }
}
