package io.jtinc.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/** tincd 1.0.36's two graph algorithms (graph.c), reproduced step by step because every node must agree. */
final class GraphAlgorithms {
    /**
     * edge.c edge_weight_compare: weight, then from-name, then to-name (strcmp; names are ASCII so String order is
     * the same). tincd subtracts the weights, which overflows for extreme values; we compare properly, which only
     * differs for |weight| near 2^31, where tincd's own tree order is not consistent anyway.
     */
    static final Comparator<Edge> WEIGHT_ORDER = Comparator.<Edge>comparingInt(e -> e.weight)
            .thenComparing(e -> e.from.name)
            .thenComparing(e -> e.to.name);

    private GraphAlgorithms() {
    }

    /** A node whose UDP address was set from the edge it was reached by. */
    record Learned(Node node, java.net.InetSocketAddress address) {
    }

    /**
     * graph.c sssp_bfs: unweighted BFS from myself, edges in to-name order, only edges with a reverse. A node
     * first found only through an indirect path is revisited once a direct path appears; nexthop is fixed by the
     * first discovery. Updates the nodes' routing fields; the reachability flags are NOT changed here (see
     * {@link Graph#flush}), only {@code visited}.
     *
     * @return nodes that got their UDP address from an edge, in discovery order
     */
    static List<Learned> shortestPaths(Node myself, Collection<Node> nodes) {
        for (Node n : nodes) {
            n.visited = false;
            n.indirect = true;
        }
        myself.visited = true;
        myself.indirect = false;
        myself.nexthop = myself;
        myself.via = myself;
        myself.prevedge = null;
        List<Learned> learned = new ArrayList<>();
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.add(myself);
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            for (Edge e : n.edges.values()) {
                if (e.reverse() == null) {
                    continue;
                }
                boolean indirect = n.indirect || (e.options & Options.INDIRECT) != 0;
                Node to = e.to;
                if (to.visited && (!to.indirect || indirect)) {
                    continue;
                }
                if (!to.visited) {
                    to.nexthop = n.nexthop == myself ? to : n.nexthop;
                }
                to.visited = true;
                to.indirect = indirect;
                to.prevedge = e;
                to.via = indirect ? n.via : to;
                to.options = e.options;
                if (to.udpAddress == null && e.address.isNumeric()) {
                    to.udpAddress = e.address.socketAddress();
                    learned.add(new Learned(to, to.udpAddress));
                }
                todo.add(to);
            }
        }
        return learned;
    }

    /**
     * graph.c mst_kruskal, with tincd's result: the start is the from-node of the first edge (in weight order)
     * whose from is reachable; an edge qualifies if it has a reverse and joins exactly one visited and one
     * unvisited node; and after adding an edge tincd restarts its walk from the first edge if it had skipped any.
     * That restart means each edge tincd adds is the lowest-ordered qualifying edge at that moment (an edge it
     * skipped could only qualify later once a node became visited, and every addition after a skip restarts the
     * scan). So this is Prim's algorithm keyed by weight order, O(E log E), where tincd's literal loop costs
     * O(E x N) per run: with a hub of 1000 Pis that loop was most of the hub's CPU during a join storm.
     * Uses the nodes' current {@code reachable} flags, so run it after the reachability update (tincd runs
     * sssp_bfs first).
     *
     * @return the connections marked as MST members (c->status.mst), in the order they were marked
     */
    static Set<ConnectionRef> minimumSpanningTree(Collection<Node> nodes, List<Edge> edgesByWeight) {
        Set<ConnectionRef> mst = new LinkedHashSet<>();
        if (edgesByWeight.isEmpty()) {
            return mst;
        }
        for (Node n : nodes) {
            n.visited = false;
        }
        for (int i = 0; i < edgesByWeight.size(); i++) {
            edgesByWeight.get(i).order = i;
        }
        Node start = null;
        for (Edge e : edgesByWeight) {
            if (e.from.reachable) {
                start = e.from;
                break;
            }
        }
        if (start == null) {
            return mst;
        }
        // Candidates: every edge with a reverse that touches a visited node, lowest weight order first.
        PriorityQueue<Edge> candidates = new PriorityQueue<>(Comparator.comparingInt(e -> e.order));
        visit(start, candidates);
        while (!candidates.isEmpty()) {
            Edge e = candidates.poll();
            if (e.from.visited == e.to.visited) {
                continue; // both visited by now: tincd skips it for good
            }
            Node fresh = e.from.visited ? e.to : e.from;
            if (e.connection != null) {
                mst.add(e.connection);
            }
            Edge reverse = e.reverse();
            if (reverse.connection != null) {
                mst.add(reverse.connection);
            }
            visit(fresh, candidates);
        }
        return mst;
    }

    private static void visit(Node n, PriorityQueue<Edge> candidates) {
        n.visited = true;
        for (Edge out : n.edges.values()) {
            Edge in = out.reverse();
            if (in != null && !out.to.visited) {
                candidates.add(out);
                candidates.add(in);
            }
        }
    }
}
