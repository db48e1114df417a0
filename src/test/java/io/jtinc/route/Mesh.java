package io.jtinc.route;

import io.jtinc.config.SubnetSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A hand-made graph result for tests: NodeView plus subnets, turned into a RoutingSnapshot. */
final class Mesh implements NodeView {
    static final int DEFAULT_OPTIONS = OPTION_PMTU_DISCOVERY | OPTION_CLAMP_MSS;

    static final class N {
        boolean reachable = true;
        String via;
        String nexthop;
        int mtu = 1518;
        int options = DEFAULT_OPTIONS;
        boolean connected;
        boolean mst;
    }

    final String myself;
    final Map<String, N> nodes = new HashMap<>();
    final List<SubnetEntry> subnets = new ArrayList<>();

    Mesh(String myself) {
        this.myself = myself;
        N me = new N();
        me.via = myself;
        me.nexthop = myself;
        nodes.put(myself, me);
    }

    /** A directly connected neighbour (via = myself as with a meta connection, nexthop = itself). */
    Mesh neighbour(String name, boolean mst) {
        N n = new N();
        n.via = myself;
        n.nexthop = name;
        n.connected = true;
        n.mst = mst;
        nodes.put(name, n);
        return this;
    }

    /** A node reached through {@code hop}, UDP to via. */
    Mesh remote(String name, String hop, String via) {
        N n = new N();
        n.nexthop = hop;
        n.via = via;
        nodes.put(name, n);
        return this;
    }

    N node(String name) {
        return nodes.get(name);
    }

    Mesh subnet(String owner, String text) {
        try {
            subnets.add(new SubnetEntry(SubnetSpec.parseNetwork(text), owner));
        } catch (SubnetSpec.FormatException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    RoutingSnapshot snapshot() {
        return RoutingSnapshot.build(myself, nodes.keySet(), this, subnets);
    }

    public boolean reachable(String n) {
        return nodes.get(n).reachable;
    }

    public String via(String n) {
        return nodes.get(n).via;
    }

    public String nexthop(String n) {
        return nodes.get(n).nexthop;
    }

    public int mtu(String n) {
        return nodes.get(n).mtu;
    }

    public int options(String n) {
        return nodes.get(n).options;
    }

    public boolean activeConnection(String n) {
        return nodes.get(n).connected;
    }

    public boolean mstConnection(String n) {
        return nodes.get(n).mst;
    }
}
