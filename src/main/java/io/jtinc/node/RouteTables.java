package io.jtinc.node;

import io.jtinc.graph.RoutingSnapshot;
import io.jtinc.graph.RoutingSnapshot.NodeRoute;
import io.jtinc.route.NodeView;
import io.jtinc.route.SubnetEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the router's immutable snapshot from the graph's snapshot plus what only the node core knows (PMTU
 * results, which connections are active and on the MST), and publishes it for the data path. Rebuilt lazily:
 * topology and subnet changes mark it dirty, the end of each event batch rebuilds once.
 */
final class RouteTables {
    private final NodeCore core;
    private volatile io.jtinc.route.RoutingSnapshot current;
    private boolean dirty = true;
    private long builtFromGeneration = -1;

    RouteTables(NodeCore core) {
        this.core = core;
    }

    io.jtinc.route.RoutingSnapshot current() {
        return current;
    }

    void markDirty() {
        dirty = true;
    }

    void rebuildIfDirty() {
        if (dirty || core.graph().snapshot().generation() != builtFromGeneration) {
            rebuild();
        }
    }

    void rebuild() {
        RoutingSnapshot g = core.graph().snapshot();
        String me = core.settings().myName();
        NodeView view = new NodeView() {
            @Override
            public boolean reachable(String node) {
                return node.equals(me) || g.reachable(node);
            }

            @Override
            public String via(String node) {
                NodeRoute r = g.node(node);
                return node.equals(me) || r == null ? me : r.via();
            }

            @Override
            public String nexthop(String node) {
                NodeRoute r = g.node(node);
                return node.equals(me) || r == null ? me : r.nexthop();
            }

            @Override
            public int mtu(String node) {
                PeerData p = core.existingPeer(node);
                return node.equals(me) || p == null ? 1518 : p.mtu();
            }

            @Override
            public int options(String node) {
                NodeRoute r = g.node(node);
                return node.equals(me) ? core.settings().myOptions() : r == null ? 0 : r.options();
            }

            @Override
            public boolean activeConnection(String node) {
                return core.connection(node) != null;
            }

            @Override
            public boolean mstConnection(String node) {
                return g.inMst(node) && core.connection(node) != null;
            }
        };
        List<SubnetEntry> subnets = new ArrayList<>(g.subnets().size());
        for (RoutingSnapshot.OwnedSubnet s : g.subnets()) {
            subnets.add(new SubnetEntry(s.subnet(), s.owner()));
        }
        List<String> names = new ArrayList<>(g.nodes().keySet());
        if (!names.contains(me)) {
            names.add(me);
        }
        current = io.jtinc.route.RoutingSnapshot.build(me, names, view, subnets);
        builtFromGeneration = g.generation();
        dirty = false;
    }
}
