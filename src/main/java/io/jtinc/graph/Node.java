package io.jtinc.graph;

import io.jtinc.config.SubnetSpec;
import java.net.InetSocketAddress;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A node of the graph (node.h node_t, the topology part). Mutable, owned by the {@link Graph}'s thread; never
 * handed out: other threads see {@link RoutingSnapshot}.
 */
final class Node {
    final String name;
    /** Outgoing edges keyed by the to-name: edge.c edge_compare (strcmp), the order sssp_bfs and send_everything use. */
    final TreeMap<String, Edge> edges = new TreeMap<>();
    /** The node's subnets in subnet.c's order, which subnet-up/down and send_everything follow. */
    final TreeSet<SubnetSpec> subnets = new TreeSet<>(SubnetSpec.TINC_ORDER);

    boolean reachable;
    /** Set by sssp_bfs; kept (stale) after the node becomes unreachable, as tincd does, but not published then. */
    Node nexthop;
    Node via;
    Edge prevedge;
    int options;
    boolean indirect;
    /** The UDP address the graph knows; see {@link Graph#updateNodeUdp}. Cleared when unreachable. */
    InetSocketAddress udpAddress;
    /** The active meta connection to this node, if any (node_t.connection). */
    ConnectionRef connection;

    // scratch for the algorithms
    boolean visited;

    Node(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
