package io.jtinc.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
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
     * graph.c mst_kruskal, including its quirks: the start is the from-node of the first edge (in weight order)
     * whose from is reachable; an edge joins exactly one visited and one unvisited node; after adding an edge the
     * walk restarts from the first edge if anything had been skipped before. Uses the nodes' current
     * {@code reachable} flags, so run it after the reachability update (tincd runs sssp_bfs first).
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
        for (Edge e : edgesByWeight) {
            if (e.from.reachable) {
                e.from.visited = true;
                break;
            }
        }
        boolean skipped = false;
        for (int i = 0; i < edgesByWeight.size(); ) {
            Edge e = edgesByWeight.get(i++);
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
        return mst;
    }
}
