package io.jtinc.control;

import io.jtinc.graph.RoutingSnapshot;
import io.jtinc.graph.RoutingSnapshot.NodeRoute;
import io.jtinc.node.NodeCore;
import io.jtinc.node.NodeCore.ConnectionView;
import io.jtinc.node.NodeCore.PeerView;
import io.jtinc.node.NodeTraffic;
import io.jtinc.protocol.meta.Rejection;
import io.jtinc.route.DropReason;
import java.util.Locale;
import java.util.Map;

/**
 * The daemon's state in Prometheus' text exposition format, version 0.0.4: per-node traffic, reachability and
 * UDP state, meta connections, drops by reason and handshake failures by reason. Built on the event loop (it
 * reads loop-confined state); the node count is bounded by the graph's limits, so the text is too.
 */
public final class PrometheusText {
    private final StringBuilder sb = new StringBuilder(4096);

    private PrometheusText() {
    }

    public static String render(NodeCore core) {
        PrometheusText t = new PrometheusText();
        t.nodes(core);
        t.connections(core);
        t.drops(core);
        t.handshakes(core);
        t.device(core);
        return t.sb.toString();
    }

    private void nodes(NodeCore core) {
        RoutingSnapshot snap = core.graph().snapshot();
        String[][] counters = {
            {"jtinc_node_in_packets_total", "Data frames received from the node."},
            {"jtinc_node_in_bytes_total", "Bytes of data frames received from the node."},
            {"jtinc_node_out_packets_total", "Data frames sent to the node as their destination."},
            {"jtinc_node_out_bytes_total", "Bytes of data frames sent to the node as their destination."}};
        for (int i = 0; i < counters.length; i++) {
            header(counters[i][0], "counter", counters[i][1]);
            for (NodeRoute n : snap.nodes().values()) {
                if (n.name().equals(snap.myName())) {
                    continue;
                }
                NodeTraffic t = core.traffic(n.name());
                long v = switch (i) {
                    case 0 -> t.inPackets();
                    case 1 -> t.inBytes();
                    case 2 -> t.outPackets();
                    default -> t.outBytes();
                };
                sample(counters[i][0], "node", n.name(), v);
            }
        }
        header("jtinc_node_reachable", "gauge", "1 when the node is reachable in the graph.");
        for (NodeRoute n : snap.nodes().values()) {
            if (!n.name().equals(snap.myName())) {
                sample("jtinc_node_reachable", "node", n.name(), n.reachable() ? 1 : 0);
            }
        }
        header("jtinc_node_udp_confirmed", "gauge",
                "1 when we hold the node's key and PMTU discovery found UDP to it working.");
        for (NodeRoute n : snap.nodes().values()) {
            if (!n.name().equals(snap.myName())) {
                PeerView p = core.peerView(n.name());
                sample("jtinc_node_udp_confirmed", "node", n.name(),
                        p != null && p.validKey() && p.minMtu() > 0 ? 1 : 0);
            }
        }
    }

    private void connections(NodeCore core) {
        header("jtinc_connection_up", "gauge", "1 for an authenticated meta connection, 0 while authenticating.");
        for (ConnectionView c : core.connectionViews()) {
            sample("jtinc_connection_up", "node", c.name(), c.active() ? 1 : 0);
        }
    }

    private void drops(NodeCore core) {
        header("jtinc_drops_total", "counter", "Frames and datagrams dropped, by reason.");
        for (Map.Entry<DropReason, Long> e : core.router().counters().snapshot().entrySet()) {
            sample("jtinc_drops_total", "reason", e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
        }
        for (Map.Entry<String, Long> e : core.counters().snapshot().entrySet()) {
            if (e.getKey().contains("drop") || e.getKey().endsWith("overflows")) {
                sample("jtinc_drops_total", "reason", e.getKey(), e.getValue());
            }
        }
    }

    private void handshakes(NodeCore core) {
        header("jtinc_handshake_failures_total", "counter",
                "Meta connections closed for a protocol or authentication error, by reason.");
        for (Rejection r : Rejection.values()) {
            sample("jtinc_handshake_failures_total", "reason", r.name().toLowerCase(Locale.ROOT),
                    core.metaCounters().rejections(r));
        }
    }

    private void device(NodeCore core) {
        header("jtinc_device_bytes_total", "counter", "Bytes read from (in) and written to (out) the device.");
        sample("jtinc_device_bytes_total", "direction", "in", core.counters().deviceBytesIn());
        sample("jtinc_device_bytes_total", "direction", "out", core.counters().deviceBytesOut());
    }

    private void header(String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String label, String value, long v) {
        sb.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ").append(v)
                .append('\n');
    }

    /** Label values escape backslash, double quote and newline (the format's only escapes). */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
