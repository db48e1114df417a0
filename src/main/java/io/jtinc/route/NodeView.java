package io.jtinc.route;

/**
 * What routing needs to know about each node after a graph run (graph.c sssp_bfs and mst_kruskal, spec §9.5-9.6).
 * The graph side implements it; {@link RoutingSnapshot#build} reads it once and copies what it needs, so the
 * implementation need not be thread-safe or immutable. Unknown names may answer anything (they are not asked).
 */
public interface NodeView {
    /** OPTION_* bits in node options (protocol.h). */
    int OPTION_INDIRECT = 1;
    int OPTION_TCPONLY = 2;
    int OPTION_PMTU_DISCOVERY = 4;
    int OPTION_CLAMP_MSS = 8;

    boolean reachable(String node);

    /** sssp_bfs's via: the node UDP goes to (the local node's name when we hold the meta connection). */
    String via(String node);

    /** sssp_bfs's nexthop: the direct neighbour on the first hop (the node itself for neighbours). */
    String nexthop(String node);

    /** The node's current path MTU in frame bytes (node.c: 1518 until PMTU discovery fixes it). */
    int mtu(String node);

    /** The node's OPTION_* bits (for the local node: its own options, which include CLAMP_MSS by default). */
    int options(String node);

    /** True when we have an active (authenticated) meta connection to this node. */
    boolean activeConnection(String node);

    /** True when the active connection to this node carries the minimum-spanning-tree flag. */
    boolean mstConnection(String node);
}
