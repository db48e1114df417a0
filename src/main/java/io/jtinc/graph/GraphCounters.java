package io.jtinc.graph;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Drop and event counters of the graph. Written only by the thread that owns the {@link Graph}; atomic so that a
 * dump or status thread can read them at any time.
 */
public final class GraphCounters {
    /** A new node was needed but {@link GraphLimits#maxNodes()} was reached: request dropped. */
    public final AtomicLong nodesCapped = new AtomicLong();
    /** A new edge was needed but {@link GraphLimits#maxEdges()} was reached: request dropped. */
    public final AtomicLong edgesCapped = new AtomicLong();
    /** A new subnet hit the per-node or total subnet cap: request dropped. */
    public final AtomicLong subnetsCapped = new AtomicLong();
    /** Flooded lines ignored because the exact line was seen within PingInterval. */
    public final AtomicLong duplicates = new AtomicLong();
    /** Seen-cache entries evicted early because the line or byte cap was reached. */
    public final AtomicLong seenEvicted = new AtomicLong();
    /** ADD_EDGE for an edge of ours that does not exist (tincd's contradicting_add_edge). */
    public final AtomicLong contradictingAddEdge = new AtomicLong();
    /** DEL_EDGE for an edge of ours (tincd's contradicting_del_edge). */
    public final AtomicLong contradictingDelEdge = new AtomicLong();
    /** DEL_EDGE for an edge we do not know ("does not appear in the edge tree"): ignored. */
    public final AtomicLong unknownDelEdge = new AtomicLong();
    /** DEL_SUBNET for an unknown owner or a subnet it does not have: ignored. */
    public final AtomicLong unknownDelSubnet = new AtomicLong();
    /** KEY_CHANGED whose origin does not exist: ignored. */
    public final AtomicLong unknownKeyChanged = new AtomicLong();
    /** Requests that closed the connection (invalid name, from == to, bad subnet). */
    public final AtomicLong fatal = new AtomicLong();
    /** Graph recomputations actually run (each {@link Graph#flush} with a dirty graph). */
    public final AtomicLong recomputations = new AtomicLong();

    /** Name → value for dumps. */
    public java.util.Map<String, Long> snapshot() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("nodes_capped", nodesCapped.get());
        m.put("edges_capped", edgesCapped.get());
        m.put("subnets_capped", subnetsCapped.get());
        m.put("duplicates", duplicates.get());
        m.put("seen_evicted", seenEvicted.get());
        m.put("contradicting_add_edge", contradictingAddEdge.get());
        m.put("contradicting_del_edge", contradictingDelEdge.get());
        m.put("del_edge_unknown", unknownDelEdge.get());
        m.put("del_subnet_unknown", unknownDelSubnet.get());
        m.put("key_changed_unknown_origin", unknownKeyChanged.get());
        m.put("fatal", fatal.get());
        m.put("recomputations", recomputations.get());
        return m;
    }
}
