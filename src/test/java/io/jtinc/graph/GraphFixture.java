package io.jtinc.graph;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds graphs through the public API with predictable nonces (1, 2, 3, ... printed in hex). */
final class GraphFixture {
    final AtomicInteger nonce = new AtomicInteger();
    final Graph g;
    long now = 1_000_000;
    private int lineNonce = 0x1000;

    GraphFixture(String me, Graph.Settings settings, GraphLimits limits) {
        g = new Graph(me, List.of(), settings, limits, new Lines(nonce::incrementAndGet));
    }

    GraphFixture(String me) {
        this(me, Graph.Settings.defaults(), GraphLimits.defaults());
    }

    static InetAddress ip(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A fresh ADD_EDGE line as a peer would send it. */
    String addEdgeLine(String from, String to, int options, int weight) {
        return "12 " + Integer.toHexString(lineNonce++) + " " + from + " " + to + " 10.0.0." + (to.charAt(0) % 200)
                + " 655 " + Integer.toHexString(options) + " " + weight;
    }

    List<GraphEffect> addEdge(ConnectionRef c, String from, String to, int options, int weight) {
        String line = addEdgeLine(from, to, options, weight);
        return g.handleAddEdge(line, c, 0, from, to, "10.0.0." + (to.charAt(0) % 200), "655", options, weight, now);
    }

    List<GraphEffect> addEdgeLine(ConnectionRef c, String line) {
        String[] f = line.split(" ");
        return g.handleAddEdge(line, c, 0, f[2], f[3], f[4], f[5], Integer.parseUnsignedInt(f[6], 16),
                Integer.parseInt(f[7]), now);
    }

    /** Both directions, same weight and options. */
    void link(ConnectionRef c, String x, String y, int options, int weight) {
        addEdge(c, x, y, options, weight);
        addEdge(c, y, x, options, weight);
    }

    List<GraphEffect> delEdge(ConnectionRef c, String from, String to) {
        String line = "13 " + Integer.toHexString(lineNonce++) + " " + from + " " + to;
        return g.handleDelEdge(line, c, 0, from, to, now);
    }

    List<GraphEffect> addSubnet(ConnectionRef c, String owner, String subnet) {
        String line = "10 " + Integer.toHexString(lineNonce++) + " " + owner + " " + subnet;
        return g.handleAddSubnet(line, c, 0, owner, subnet, now);
    }

    List<GraphEffect> delSubnet(ConnectionRef c, String owner, String subnet) {
        String line = "11 " + Integer.toHexString(lineNonce++) + " " + owner + " " + subnet;
        return g.handleDelSubnet(line, c, 0, owner, subnet, now);
    }

    List<GraphEffect> activate(ConnectionRef c, String peer, int last, int options, int weight) {
        return g.connectionActivated(c, peer, ip(last), 655, options, weight, now);
    }

    static List<String> changes(List<GraphEffect> effects) {
        List<String> out = new ArrayList<>();
        for (GraphEffect e : effects) {
            if (e instanceof GraphEffect.ReachabilityChanged r) {
                out.add((r.reachable() ? "+" : "-") + r.node() + (r.connection() != null ? "*" : ""));
            }
        }
        return out;
    }

    static <T extends GraphEffect> List<T> only(List<GraphEffect> effects, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (GraphEffect e : effects) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    static List<String> lines(List<GraphEffect> effects) {
        List<String> out = new ArrayList<>();
        for (GraphEffect e : effects) {
            if (e instanceof GraphEffect.Broadcast b) {
                out.add("* " + b.line() + (b.except() == null ? "" : " !" + ((TestConn) b.except()).name));
            } else if (e instanceof GraphEffect.Send s) {
                out.add(((TestConn) s.connection()).name + " " + s.line());
            }
        }
        return out;
    }
}
