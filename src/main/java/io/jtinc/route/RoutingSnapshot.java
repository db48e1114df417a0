package io.jtinc.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything per-frame routing reads about the mesh, frozen after a topology or subnet change: per node
 * reachability, via, nexthop, MTU and options; the {@link SubnetTable}; and the precomputed broadcast fan-outs.
 * Immutable: the lead builds a new one on its event loop after each graph run / subnet change / learned MAC and
 * publishes it (e.g. through a volatile field); data-plane threads read whichever one they got.
 */
public final class RoutingSnapshot {
    /** What the snapshot keeps about one node. */
    static final class NodeInfo {
        final String name;
        final boolean reachable;
        final String via;
        final String nexthop;
        final int mtu;
        final int options;
        /** send_packet's via for normal priority: via, or nexthop when via is the local node. */
        final String sendVia;
        final RouteDecision.Unicast unicast;
        /** broadcast_packet's MST fan-out for frames from this node (excludes the connection to its nexthop). */
        RouteDecision.Broadcast mstFanOut;

        NodeInfo(String myself, String name, NodeView v) {
            this.name = name;
            this.reachable = name.equals(myself) || v.reachable(name);
            this.via = name.equals(myself) ? myself : v.via(name);
            this.nexthop = name.equals(myself) ? myself : v.nexthop(name);
            this.mtu = v.mtu(name);
            this.options = v.options(name);
            this.sendVia = myself.equals(via) ? nexthop : via;
            this.unicast = new RouteDecision.Unicast(name, sendVia);
        }

        /** A node the graph does not know (e.g. it vanished after the frame arrived): unreachable, no paths. */
        NodeInfo(String name) {
            this.name = name;
            this.reachable = false;
            this.via = null;
            this.nexthop = null;
            this.mtu = 0;
            this.options = 0;
            this.sendVia = null;
            this.unicast = new RouteDecision.Unicast(name, null);
        }
    }

    private final String myself;
    private final Map<String, NodeInfo> nodes;
    private final SubnetTable subnets;
    private final RouteDecision.Broadcast mstFromMyself;
    private final RouteDecision.Broadcast directFromMyself;

    private RoutingSnapshot(String myself, Map<String, NodeInfo> nodes, SubnetTable subnets,
            RouteDecision.Broadcast mstFromMyself, RouteDecision.Broadcast directFromMyself) {
        this.myself = myself;
        this.nodes = nodes;
        this.subnets = subnets;
        this.mstFromMyself = mstFromMyself;
        this.directFromMyself = directFromMyself;
    }

    /**
     * Builds a snapshot. {@code nodeNames} are all known nodes (the local node is added if missing); {@code view}
     * is asked about each of them once; {@code subnets} are all subnets of all nodes, including the local node's
     * configured and learned ones. Cost O(N + S log S + C²) for C active connections.
     */
    public static RoutingSnapshot build(String myself, Collection<String> nodeNames, NodeView view,
            Collection<SubnetEntry> subnets) {
        Objects.requireNonNull(myself, "myself");
        TreeSet<String> names = new TreeSet<>(nodeNames); // connection_tree order: by name
        names.add(myself);
        Map<String, NodeInfo> nodes = new HashMap<>();
        List<String> mstPeers = new ArrayList<>();
        List<String> directPeers = new ArrayList<>();
        for (String n : names) {
            NodeInfo info = new NodeInfo(myself, n, view);
            nodes.put(n, info);
            if (n.equals(myself)) {
                continue;
            }
            if (view.activeConnection(n) && view.mstConnection(n)) {
                mstPeers.add(n);
            }
            // Broadcast = direct reaches the nodes we talk to over UDP without relay (net_packet.c).
            if (info.reachable && (n.equals(info.via) || (myself.equals(info.via) && n.equals(info.nexthop)))) {
                directPeers.add(n);
            }
        }
        Map<String, RouteDecision.Broadcast> byNexthop = new HashMap<>();
        for (NodeInfo info : nodes.values()) {
            if (info.name.equals(myself)) {
                continue;
            }
            String hop = info.nexthop == null ? "" : info.nexthop;
            info.mstFanOut = byNexthop.computeIfAbsent(hop, h -> {
                List<String> peers = new ArrayList<>(mstPeers);
                peers.remove(h); // c != from->nexthop->connection
                return new RouteDecision.Broadcast(true, peers);
            });
        }
        SubnetTable table = SubnetTable.build(subnets, o -> {
            NodeInfo i = nodes.get(o);
            return i != null && i.reachable;
        });
        return new RoutingSnapshot(myself, Map.copyOf(nodes), table, new RouteDecision.Broadcast(false, mstPeers),
                new RouteDecision.Broadcast(false, directPeers));
    }

    /** An empty mesh: only the local node, no subnets. */
    public static RoutingSnapshot alone(String myself, int myMtu, int myOptions) {
        NodeView v = new NodeView() {
            public boolean reachable(String n) {
                return true;
            }

            public String via(String n) {
                return myself;
            }

            public String nexthop(String n) {
                return myself;
            }

            public int mtu(String n) {
                return myMtu;
            }

            public int options(String n) {
                return myOptions;
            }

            public boolean activeConnection(String n) {
                return false;
            }

            public boolean mstConnection(String n) {
                return false;
            }
        };
        return build(myself, List.of(myself), v, List.of());
    }

    public String myself() {
        return myself;
    }

    public SubnetTable subnets() {
        return subnets;
    }

    /** Known node names (including the local node). */
    public Collection<String> nodeNames() {
        return nodes.keySet();
    }

    /** The MTU the router applies to frames for {@code name} (Packet Too Big, ClampMSS); 0 for an unknown node. */
    public int mtuOf(String name) {
        return node(name).mtu;
    }

    NodeInfo node(String name) {
        NodeInfo i = nodes.get(name);
        return i != null ? i : new NodeInfo(name);
    }

    RouteDecision.Broadcast mstFromMyself() {
        return mstFromMyself;
    }

    RouteDecision.Broadcast directFromMyself() {
        return directFromMyself;
    }
}
