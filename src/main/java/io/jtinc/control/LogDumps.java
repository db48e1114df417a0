package io.jtinc.control;

import io.jtinc.config.ServerConfig;
import io.jtinc.config.SubnetSpec;
import io.jtinc.daemon.TrafficCounters;
import io.jtinc.device.Device;
import io.jtinc.graph.RoutingSnapshot;
import io.jtinc.log.Log;
import io.jtinc.node.NodeCore;

/**
 * What USR1 and USR2 write to the log, in tincd 1.0.36's exact layout (spec §12.2, checked against the binary),
 * because operators and monitoring scripts parse these blocks. Until the protocol issue there are no peers, so
 * the tables hold only this node.
 */
public final class LogDumps {
    private LogDumps() {
    }

    /** USR1: every meta connection, then the drop counters (so an operator sees what was refused and why). */
    public static void connections(NodeCore core) {
        Log.notice("Connections:");
        if (core != null) {
            core.describeConnections().forEach(Log::notice);
        }
        Log.notice("End of connections.");
        if (core != null) {
            counters(core);
        }
    }

    /** USR2 with a running mesh: nodes, edges and subnets as the graph sees them, then the counters. */
    public static void mesh(NodeCore core) {
        RoutingSnapshot snap = core.graph().snapshot();
        Log.notice("Nodes:");
        for (RoutingSnapshot.NodeRoute n : snap.nodes().values()) {
            boolean me = n.name().equals(snap.myName());
            // tincd's fields in its order: "at HOST port P" (the UDP address the node was learned at, behind NAT
            // the router's public one) and "pmtu M (min a max b)" (PMTU discovery's result).
            Log.notice(" " + n.name() + " at " + (me ? "MYSELF" : core.describeNodeAddress(n.name()))
                    + " options " + Integer.toHexString(n.options())
                    + " status " + (n.reachable() ? "reachable" : "unreachable")
                    + " nexthop " + n.nexthop() + " via " + n.via()
                    + " " + (me ? "pmtu 1518 (min 0 max 1518)" : core.describeNodePmtu(n.name())));
        }
        Log.notice("End of nodes.");
        Log.notice("Edges:");
        core.graph().describeEdges().forEach(Log::notice);
        Log.notice("End of edges.");
        Log.notice("Subnet list:");
        for (RoutingSnapshot.OwnedSubnet s : snap.subnets()) {
            Log.notice(" " + s.subnet().canonical() + " owner " + s.owner());
        }
        Log.notice("End of subnet list.");
        counters(core);
    }

    /** Every drop counter of every layer, one "name value" line each (jtinc's addition to tincd's dumps). */
    public static void counters(NodeCore core) {
        Log.notice("Counters:");
        core.counters().snapshot().forEach((k, v) -> Log.notice(" " + k + " " + v));
        core.metaCounters().snapshot().forEach((k, v) -> Log.notice(" meta_" + k + " " + v));
        Log.notice(" meta_oversized_packets " + core.metaCounters().oversizedPackets());
        Log.notice(" meta_output_overflows " + core.metaCounters().outputOverflows());
        core.transportCounters().forEach((k, v) -> Log.notice(" " + k + " " + v));
        core.router().counters().snapshot().forEach((k, v) -> Log.notice(" route_" + k + " " + v));
        core.graph().counters().snapshot().forEach((k, v) -> Log.notice(" graph_" + k + " " + v));
        Log.notice("End of counters.");
    }

    /** USR2, first block; also logged at exit. */
    public static void statistics(Device device, TrafficCounters counters) {
        Log.notice("Statistics for " + describe(device) + " " + device.devicePath() + ":");
        Log.notice(String.format(" total bytes in:  %10d", counters.bytesIn()));
        Log.notice(String.format(" total bytes out: %10d", counters.bytesOut()));
    }

    /** tincd's device_info strings. */
    public static String describe(Device device) {
        return switch (device.kind()) {
            case TAP -> "Linux tun/tap device (tap mode)";
            case TUN -> "Linux tun/tap device (tun mode)";
            case DUMMY -> "dummy device";
        };
    }

    public static void nodes(ServerConfig config) {
        String me = config.name();
        Log.notice("Nodes:");
        // options c = PMTU_DISCOVERY|CLAMP_MSS, status 0018 = active|reachable: what tincd shows for itself.
        Log.notice(" " + me + " at MYSELF cipher 0 digest 0 maclength 0 compression 0 options c status 0018"
                + " nexthop " + me + " via " + me + " pmtu 1518 (min 0 max 1518)");
        Log.notice("End of nodes.");
    }

    public static void edges() {
        Log.notice("Edges:");
        Log.notice("End of edges.");
    }

    public static void subnets(ServerConfig config) {
        Log.notice("Subnet list:");
        config.myHost().subnets().stream().sorted(SubnetSpec.TINC_ORDER)
                .forEach(s -> Log.notice(" " + s.canonical() + " owner " + config.name()));
        Log.notice("End of subnet list.");
    }
}
