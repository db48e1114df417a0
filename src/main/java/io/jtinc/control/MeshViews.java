package io.jtinc.control;

import io.jtinc.config.SubnetSpec;
import io.jtinc.graph.Graph.EdgeView;
import io.jtinc.graph.RoutingSnapshot;
import io.jtinc.graph.RoutingSnapshot.NodeRoute;
import io.jtinc.graph.RoutingSnapshot.OwnedSubnet;
import io.jtinc.node.NodeCore;
import io.jtinc.node.NodeCore.ConnectionView;
import io.jtinc.node.NodeCore.PeerView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code jtinc dump} and {@code jtinc info} print, built from the node core on its event loop: one line per
 * item in tincd's USR2 wording (so one grep works on both), or one JSON object per line with {@code --json}.
 */
final class MeshViews {
    private MeshViews() {
    }

    static List<String> nodes(NodeCore core, boolean json) {
        RoutingSnapshot snap = core.graph().snapshot();
        List<String> out = new ArrayList<>();
        for (NodeRoute n : snap.nodes().values()) {
            Map<String, Object> m = node(core, snap, n);
            out.add(json ? Json.of(m) : n.name() + " at " + m.get("address") + " options "
                    + Integer.toHexString(n.options()) + " status " + (n.reachable() ? "reachable" : "unreachable")
                    + " nexthop " + n.nexthop() + " via " + n.via() + " pmtu " + m.get("pmtu") + " (min "
                    + m.get("min_mtu") + " max " + m.get("max_mtu") + ")");
        }
        return out;
    }

    private static Map<String, Object> node(NodeCore core, RoutingSnapshot snap, NodeRoute n) {
        boolean me = n.name().equals(snap.myName());
        PeerView p = me ? null : core.peerView(n.name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        m.put("address", me ? "MYSELF" : p == null ? "unknown" : p.udpAddress());
        m.put("reachable", n.reachable());
        m.put("options", Integer.toHexString(n.options()));
        m.put("nexthop", n.nexthop());
        m.put("via", n.via());
        m.put("directly_connected", n.directlyConnected());
        m.put("valid_key", p != null && p.validKey());
        m.put("pmtu", p == null ? 1518 : p.pmtu());
        m.put("min_mtu", p == null ? 0 : p.minMtu());
        m.put("max_mtu", p == null ? 1518 : p.maxMtu());
        return m;
    }

    static List<String> edges(NodeCore core, boolean json) {
        List<String> out = new ArrayList<>();
        for (EdgeView e : core.graph().edgeViews()) {
            out.add(json ? Json.of(edge(e)) : e.from() + " to " + e.to() + " at " + e.address() + " options "
                    + Integer.toHexString(e.options()) + " weight " + e.weight());
        }
        return out;
    }

    private static Map<String, Object> edge(EdgeView e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", e.from());
        m.put("to", e.to());
        m.put("address", e.address());
        m.put("options", Integer.toHexString(e.options()));
        m.put("weight", e.weight());
        return m;
    }

    static List<String> subnets(NodeCore core, boolean json) {
        List<String> out = new ArrayList<>();
        for (OwnedSubnet s : core.graph().snapshot().subnets()) {
            out.add(json ? Json.of(subnet(s)) : s.subnet().canonical() + " owner " + s.owner());
        }
        return out;
    }

    private static Map<String, Object> subnet(OwnedSubnet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subnet", s.subnet().canonical());
        m.put("owner", s.owner());
        return m;
    }

    static List<String> connections(NodeCore core, boolean json) {
        List<String> out = new ArrayList<>();
        for (ConnectionView c : core.connectionViews()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("address", c.address());
            m.put("state", c.active() ? "active" : "authenticating");
            m.put("outgoing", c.outgoing());
            out.add(json ? Json.of(m) : c.name() + " at " + c.address() + " " + m.get("state")
                    + (c.outgoing() ? " outgoing" : " incoming"));
        }
        return out;
    }

    /** Per-node traffic (tinc 1.1's "dump traffic"): what jtinc top polls. Our own node is left out. */
    static List<String> traffic(NodeCore core, boolean json) {
        RoutingSnapshot snap = core.graph().snapshot();
        List<String> out = new ArrayList<>();
        for (NodeRoute n : snap.nodes().values()) {
            if (n.name().equals(snap.myName())) {
                continue;
            }
            io.jtinc.node.NodeTraffic t = core.traffic(n.name());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("in_packets", t.inPackets());
            m.put("in_bytes", t.inBytes());
            m.put("out_packets", t.outPackets());
            m.put("out_bytes", t.outBytes());
            out.add(json ? Json.of(m) : t.name() + " " + t.inPackets() + " " + t.inBytes() + " " + t.outPackets()
                    + " " + t.outBytes());
        }
        return out;
    }

    /** Graphviz: reachable nodes solid, unreachable dashed; one undirected line per pair of edges. */
    static List<String> graph(NodeCore core, boolean json) {
        RoutingSnapshot snap = core.graph().snapshot();
        List<String> out = new ArrayList<>();
        if (json) {
            // The same graph as data: one object per node, then one per edge (both directions, as gossiped).
            for (NodeRoute n : snap.nodes().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "node");
                m.putAll(node(core, snap, n));
                out.add(Json.of(m));
            }
            for (EdgeView e : core.graph().edgeViews()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "edge");
                m.putAll(edge(e));
                out.add(Json.of(m));
            }
            return out;
        }
        out.add("graph {");
        for (NodeRoute n : snap.nodes().values()) {
            String style = n.name().equals(snap.myName()) ? "filled" : n.reachable() ? "solid" : "dashed";
            out.add("  \"" + n.name() + "\" [style=\"" + style + "\"];");
        }
        for (EdgeView e : core.graph().edgeViews()) {
            if (e.from().compareTo(e.to()) < 0) {
                out.add("  \"" + e.from() + "\" -- \"" + e.to() + "\" [w=" + e.weight() + "];");
            }
        }
        out.add("}");
        return out;
    }

    /** {@code info NODE}, or {@code info SUBNET|ADDRESS} when no node has that name. Null when it names nothing. */
    static List<String> info(NodeCore core, String what, boolean json) {
        RoutingSnapshot snap = core.graph().snapshot();
        NodeRoute n = snap.node(what);
        if (n != null) {
            Map<String, Object> m = node(core, snap, n);
            List<String> edges = core.graph().edgeViews().stream().filter(e -> e.from().equals(what))
                    .map(e -> e.to() + " at " + e.address() + " weight " + e.weight()).toList();
            List<String> subnets = snap.subnets().stream().filter(s -> s.owner().equals(what))
                    .map(s -> s.subnet().canonical()).toList();
            m.put("edges", edges);
            m.put("subnets", subnets);
            if (json) {
                return List.of(Json.of(m));
            }
            List<String> out = new ArrayList<>();
            out.add("Node:         " + what);
            out.add("Address:      " + m.get("address"));
            out.add("Status:       " + (n.reachable() ? "reachable" : "unreachable")
                    + (Boolean.TRUE.equals(m.get("valid_key")) ? ", valid key" : ""));
            out.add("Reachability: " + reachability(n, snap.myName(), m));
            out.add("Options:      " + m.get("options"));
            out.add("PMTU:         " + m.get("pmtu") + " (min " + m.get("min_mtu") + " max " + m.get("max_mtu") + ")");
            out.add("Edges:        " + String.join(", ", edges));
            out.add("Subnets:      " + String.join(" ", subnets));
            return out;
        }
        SubnetSpec q;
        try {
            q = SubnetSpec.parse(what);
        } catch (SubnetSpec.FormatException e) {
            return null;
        }
        List<OwnedSubnet> matches = snap.subnets().stream().filter(s -> covers(s.subnet(), q))
                .sorted(Comparator.comparingInt((OwnedSubnet s) -> s.subnet().prefixLength()).reversed()).toList();
        if (matches.isEmpty()) {
            return null;
        }
        return matches.stream().map(s -> json ? Json.of(subnet(s)) : "Subnet: " + s.subnet().canonical()
                + "  owner " + s.owner()).toList();
    }

    private static String reachability(NodeRoute n, String me, Map<String, Object> m) {
        if (n.name().equals(me)) {
            return "can reach itself";
        }
        if (!n.reachable()) {
            return "unreachable";
        }
        boolean udp = (int) m.get("min_mtu") > 0;
        String how = udp ? "UDP" : "TCP";
        return n.name().equals(n.via()) ? "directly with " + how : "via " + n.via() + " (" + how + " to it)";
    }

    /** Whether subnet {@code s} contains {@code q} (same type; for IP, s's prefix bits equal q's). */
    static boolean covers(SubnetSpec s, SubnetSpec q) {
        if (s.type() != q.type()) {
            return false;
        }
        byte[] a = s.address();
        byte[] b = q.address();
        if (s.type() == SubnetSpec.Type.MAC) {
            return java.util.Arrays.equals(a, b);
        }
        if (s.prefixLength() > q.prefixLength()) {
            return false;
        }
        int bits = s.prefixLength();
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
