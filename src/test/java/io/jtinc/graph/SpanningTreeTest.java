package io.jtinc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * {@link GraphAlgorithms#minimumSpanningTree} is Prim's algorithm keyed by weight order; every node of a tinc
 * network must pick the same broadcast tree as tincd, whose mst_kruskal is a restarting scan. These tests compare
 * the two on random graphs: same connections, in the same order.
 */
class SpanningTreeTest {
    private static final EdgeAddress ADDRESS = EdgeAddress.parse("10.0.0.1", "655");

    private record Conn(String name) implements ConnectionRef {
    }

    /** The literal restarting scan as spec §9 describes mst_kruskal (jtinc used it before): the reference. */
    private static List<ConnectionRef> restartingScan(List<Node> nodes, List<Edge> byWeight) {
        Set<ConnectionRef> mst = new LinkedHashSet<>();
        nodes.forEach(n -> n.visited = false);
        for (Edge e : byWeight) {
            if (e.from.reachable) {
                e.from.visited = true;
                break;
            }
        }
        boolean skipped = false;
        for (int i = 0; i < byWeight.size(); ) {
            Edge e = byWeight.get(i++);
            Edge reverse = e.reverse();
            if (reverse == null || e.from.visited == e.to.visited) {
                skipped = true;
                continue;
            }
            e.from.visited = true;
            e.to.visited = true;
            if (e.connection != null) {
                mst.add(e.connection);
            }
            if (reverse.connection != null) {
                mst.add(reverse.connection);
            }
            if (skipped) {
                skipped = false;
                i = 0;
            }
        }
        return new ArrayList<>(mst);
    }

    private static List<Edge> byWeight(List<Node> nodes) {
        List<Edge> all = new ArrayList<>();
        nodes.forEach(n -> all.addAll(n.edges.values()));
        all.sort(GraphAlgorithms.WEIGHT_ORDER);
        return all;
    }

    private static void edge(Node from, Node to, int weight, ConnectionRef c) {
        from.edges.put(to.name, new Edge(from, to, ADDRESS, 0, weight, c));
    }

    @RepeatedTest(200)
    void sameTreeAsTincdsRestartingScan(RepetitionInfo info) {
        Random rnd = new Random(info.getCurrentRepetition() * 104729L);
        int size = 2 + rnd.nextInt(14);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Node n = new Node("n" + rnd.nextInt(100) + "_" + i);
            n.reachable = rnd.nextInt(5) != 0;
            nodes.add(n);
        }
        int edges = rnd.nextInt(size * 3);
        for (int k = 0; k < edges; k++) {
            Node a = nodes.get(rnd.nextInt(size));
            Node b = nodes.get(rnd.nextInt(size));
            if (a == b) {
                continue;
            }
            // Few distinct weights, so ties fall back to the names as in tincd; most edges get a reverse, some not.
            int w = rnd.nextInt(4);
            edge(a, b, w, rnd.nextInt(3) == 0 ? new Conn(a.name + ">" + b.name) : null);
            if (rnd.nextInt(6) != 0) {
                edge(b, a, rnd.nextBoolean() ? w : rnd.nextInt(4), rnd.nextInt(3) == 0 ? new Conn(b.name + ">" + a.name) : null);
            }
        }
        List<Edge> sorted = byWeight(nodes);
        List<ConnectionRef> expected = restartingScan(nodes, sorted);
        List<ConnectionRef> actual = new ArrayList<>(GraphAlgorithms.minimumSpanningTree(nodes, sorted));
        assertEquals(expected, actual, "graph " + sorted);
    }

    @Test
    void hubWithManyLeavesMarksEveryLeafConnectionInTincdsOrder() {
        Node hub = new Node("hub");
        hub.reachable = true;
        List<Node> nodes = new ArrayList<>(List.of(hub));
        for (int i = 0; i < 1500; i++) {
            Node leaf = new Node(String.format("swarm%04d", i));
            leaf.reachable = true;
            nodes.add(leaf);
            // The leaf's edge to the hub is lighter than the hub's, so tincd starts from a leaf and restarts often.
            edge(leaf, hub, 5 + i % 7, null);
            edge(hub, leaf, 10 + i % 5, new Conn(leaf.name));
        }
        List<Edge> sorted = byWeight(nodes);
        List<ConnectionRef> actual = new ArrayList<>(GraphAlgorithms.minimumSpanningTree(nodes, sorted));
        assertEquals(1500, actual.size(), "every hub connection is a broadcast path");
        assertEquals(restartingScan(nodes, sorted), actual);
    }
}
