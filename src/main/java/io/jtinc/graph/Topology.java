package io.jtinc.graph;

import io.jtinc.config.SubnetSpec;
import io.jtinc.log.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The node/edge/subnet store with its caps (node.c, edge.c, subnet.c bookkeeping). Knows nothing about the
 * protocol; {@link Graph} decides what to store. Owned by the graph's thread.
 */
final class Topology {
    final Node myself;
    /** node_tree: by name, strcmp order. */
    final TreeMap<String, Node> nodes = new TreeMap<>();
    private final GraphLimits limits;
    private final GraphCounters counters;
    private int edgeCount;
    private int subnetCount;

    Topology(String myName, GraphLimits limits, GraphCounters counters) {
        this.limits = limits;
        this.counters = counters;
        this.myself = new Node(myName);
        myself.reachable = true;
        myself.nexthop = myself;
        myself.via = myself;
        nodes.put(myName, myself);
    }

    Node lookup(String name) {
        return nodes.get(name);
    }

    /** lookup_node, else new_node + node_add; null (counted) when the node cap is reached. */
    Node getOrCreate(String name) {
        Node n = nodes.get(name);
        if (n != null) {
            return n;
        }
        if (nodes.size() >= limits.maxNodes()) {
            counters.nodesCapped.incrementAndGet();
            Log.debug(Log.PROTOCOL, "Node table full (" + limits.maxNodes() + "), ignoring node " + name);
            return null;
        }
        n = new Node(name);
        nodes.put(name, n);
        return n;
    }

    /** Creation that ignores the cap: for authenticated direct peers and hosts/ files, never for gossip. */
    Node getOrCreateTrusted(String name) {
        return nodes.computeIfAbsent(name, Node::new);
    }

    /** Whether the named nodes can be looked up or created (checks the cap for all at once, creates nothing). */
    boolean roomForNodes(String... names) {
        int missing = 0;
        for (String name : names) {
            if (!nodes.containsKey(name)) {
                missing++;
            }
        }
        if (nodes.size() + missing > limits.maxNodes()) {
            counters.nodesCapped.incrementAndGet();
            Log.debug(Log.PROTOCOL, "Node table full (" + limits.maxNodes() + ")");
            return false;
        }
        return true;
    }

    boolean roomForEdge() {
        if (edgeCount >= limits.maxEdges()) {
            counters.edgesCapped.incrementAndGet();
            Log.debug(Log.PROTOCOL, "Edge table full (" + limits.maxEdges() + ")");
            return false;
        }
        return true;
    }

    Edge addEdge(Node from, Node to, EdgeAddress address, int options, int weight, ConnectionRef connection) {
        Edge old = from.edges.get(to.name);
        if (old != null) {
            edgeCount--;
        }
        Edge e = new Edge(from, to, address, options, weight, connection);
        from.edges.put(to.name, e);
        edgeCount++;
        return e;
    }

    void deleteEdge(Edge e) {
        if (e.from.edges.get(e.to.name) == e) {
            e.from.edges.remove(e.to.name);
            edgeCount--;
        }
    }

    boolean roomForSubnet(Node owner) {
        if (owner.subnets.size() >= limits.maxSubnetsPerNode() || subnetCount >= limits.maxSubnetsTotal()) {
            counters.subnetsCapped.incrementAndGet();
            Log.debug(Log.PROTOCOL, "Subnet table full for " + owner.name);
            return false;
        }
        return true;
    }

    void addSubnet(Node owner, SubnetSpec s) {
        if (owner.subnets.add(s)) {
            subnetCount++;
        }
    }

    void deleteSubnet(Node owner, SubnetSpec s) {
        if (owner.subnets.remove(s)) {
            subnetCount--;
        }
    }

    void deleteNode(Node n) {
        for (Edge e : new ArrayList<>(n.edges.values())) {
            deleteEdge(e);
        }
        subnetCount -= n.subnets.size();
        n.subnets.clear();
        nodes.remove(n.name);
    }

    /** edge_weight_tree order. */
    List<Edge> edgesByWeight() {
        List<Edge> all = new ArrayList<>(edgeCount);
        for (Node n : nodes.values()) {
            all.addAll(n.edges.values());
        }
        all.sort(GraphAlgorithms.WEIGHT_ORDER);
        return all;
    }

    boolean hasIncomingEdge(Node n) {
        for (Node m : nodes.values()) {
            if (m.edges.containsKey(n.name) && m.edges.get(n.name).to == n) {
                return true;
            }
        }
        return false;
    }

    int edgeCount() {
        return edgeCount;
    }

    int subnetCount() {
        return subnetCount;
    }
}
