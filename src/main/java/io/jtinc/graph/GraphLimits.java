package io.jtinc.graph;

/**
 * Hard caps on everything a peer can make the graph grow (reliability.md P3). tincd 1.0.36 has none of these; an
 * authenticated peer can create nodes, edges and subnets without bound. When a cap is hit the request is dropped
 * and counted in {@link GraphCounters}; the connection is not closed, because a legitimate but large mesh must
 * degrade, not flap.
 *
 * @param maxNodes           nodes including myself
 * @param maxEdges           directed edges
 * @param maxSubnetsPerNode  subnets one owner may hold
 * @param maxSubnetsTotal    subnets over all owners
 * @param maxSeenLines       entries in the duplicate-suppression cache
 * @param maxSeenBytes       summed line lengths (chars) in the duplicate-suppression cache
 */
public record GraphLimits(int maxNodes, int maxEdges, int maxSubnetsPerNode, int maxSubnetsTotal, int maxSeenLines,
        long maxSeenBytes) {

    public GraphLimits {
        if (maxNodes < 1 || maxEdges < 0 || maxSubnetsPerNode < 0 || maxSubnetsTotal < 0 || maxSeenLines < 1
                || maxSeenBytes < 1) {
            throw new IllegalArgumentException("graph limits must be positive");
        }
    }

    /** 10 000 nodes, 50 000 edges, 1 000 subnets per node, 100 000 subnets, 10 000 seen lines or 1 MB. */
    public static GraphLimits defaults() {
        return new GraphLimits(10_000, 50_000, 1_000, 100_000, 10_000, 1_000_000);
    }
}
