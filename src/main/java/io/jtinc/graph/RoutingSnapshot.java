package io.jtinc.graph;

import io.jtinc.config.SubnetSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable view of the graph for the data plane, published after each {@link Graph#flush} that changed
 * anything. Safe to read from any thread; obtain the current one with {@link Graph#snapshot()}.
 *
 * @param generation increases by one with each published snapshot
 * @param myName     the local node
 * @param nodes      every known node by name (sorted); unreachable nodes have null nexthop/via/prevFrom, options 0
 * @param mstPeers   names of directly connected peers whose connection is on the broadcast MST (c->status.mst)
 * @param subnets    all subnets with their owners, in tincd's global subnet order (type, prefix length descending,
 *                   address, weight, owner name); owners may be unreachable, see {@link #reachable(String)}
 */
public record RoutingSnapshot(long generation, String myName, Map<String, NodeRoute> nodes, Set<String> mstPeers,
        List<OwnedSubnet> subnets) {

    /**
     * Routing data of one node (sssp_bfs results). TCP traffic, REQ_KEY and ANS_KEY go to {@code nexthop}; UDP
     * goes to {@code via}, or to {@code nexthop} when via is myself.
     *
     * @param options           the options of the edge the node was reached by (INDIRECT, TCPONLY, ...)
     * @param indirect          reached only through an indirect edge
     * @param prevFrom          the from-node of prevedge, the edge by which the node was reached
     * @param directlyConnected the node has an active meta connection to us
     */
    public record NodeRoute(String name, boolean reachable, String nexthop, String via, String prevFrom,
            int options, boolean indirect, boolean directlyConnected) {
    }

    /** One subnet and its owner, for the route engineer's lookup structures. */
    public record OwnedSubnet(SubnetSpec subnet, String owner) {
    }

    public RoutingSnapshot {
        nodes = Collections.unmodifiableMap(nodes);
        mstPeers = Collections.unmodifiableSet(mstPeers);
        subnets = Collections.unmodifiableList(subnets);
    }

    public boolean reachable(String name) {
        NodeRoute r = nodes.get(name);
        return r != null && r.reachable;
    }

    /** The node's route, or null if unknown. */
    public NodeRoute node(String name) {
        return nodes.get(name);
    }

    public boolean inMst(String peer) {
        return mstPeers.contains(peer);
    }
}
