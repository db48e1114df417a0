package io.jtinc.graph;

/**
 * A directed edge (edge.h edge_t). {@code connection} is set only on the edge myself→peer created when a meta
 * connection is activated; the MST marks that connection (and a reverse edge's connection) as a broadcast path.
 */
final class Edge {
    final Node from;
    final Node to;
    EdgeAddress address;
    int options;
    int weight;
    final ConnectionRef connection;
    /** This edge's position in weight order during the last MST run (scratch, like tincd's visited flags). */
    int order;

    Edge(Node from, Node to, EdgeAddress address, int options, int weight, ConnectionRef connection) {
        this.from = from;
        this.to = to;
        this.address = address;
        this.options = options;
        this.weight = weight;
        this.connection = connection;
    }

    /** edge_add/lookup_edge: the reverse is simply the edge to→from if it exists. */
    Edge reverse() {
        return to.edges.get(from.name);
    }

    @Override
    public String toString() {
        return from.name + "->" + to.name;
    }
}
