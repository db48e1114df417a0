package io.jtinc.graph;

import io.jtinc.config.NodeNames;
import io.jtinc.config.SubnetSpec;
import io.jtinc.log.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * The five flooded request handlers, step by step as add_edge_h, del_edge_h, add_subnet_h, del_subnet_h and
 * key_changed_h of tincd 1.0.36 (spec §9.2–9.4, §4.4). They change the store and return effects; they never
 * recompute (see {@link Graph}'s recompute contract).
 */
final class Gossip {
    private final Graph g;

    Gossip(Graph g) {
        this.g = g;
    }

    private List<GraphEffect> fatal(ConnectionRef c, String request, String reason) {
        g.counters.fatal.incrementAndGet();
        Log.error("Got bad " + request + " from " + c + ": " + reason);
        return List.of(new GraphEffect.Fatal(c, reason));
    }

    private static void warn(String message) {
        Log.log(Log.PROTOCOL, io.jtinc.log.Priority.WARNING, message);
    }

    /** TunnelServer accepts only requests that involve us or the peer of this very connection. */
    private boolean indirectForTunnelServer(ConnectionRef c, Node a, Node b) {
        Node peer = g.connections.get(c);
        Node me = g.topo.myself;
        return g.settings.tunnelServer() && a != me && a != peer && b != me && b != peer;
    }

    List<GraphEffect> addEdge(String raw, ConnectionRef c, String fromName, String toName, String address,
            String port, int options, int weight, long now) {
        if (!NodeNames.isValid(fromName) || !NodeNames.isValid(toName) || fromName.equals(toName)) {
            return fatal(c, "ADD_EDGE", "invalid name");
        }
        if (g.seen.seen(raw, now)) {
            return List.of();
        }
        Topology t = g.topo;
        Node from = t.lookup(fromName);
        Node to = t.lookup(toName);
        if (indirectForTunnelServer(c, from, to)) {
            warn("Ignoring indirect ADD_EDGE from " + c);
            return List.of();
        }
        if (!t.roomForNodes(fromName, toName)) {
            return List.of();
        }
        from = t.getOrCreate(fromName);
        to = t.getOrCreate(toName);
        EdgeAddress addr = EdgeAddress.parse(address, port);
        Edge e = from.edges.get(toName);
        if (e != null) {
            if (e.weight == weight && e.options == options && e.address.equals(addr)) {
                return List.of(); // known and identical: not forwarded, which is what ends the flood
            }
            if (from == t.myself) {
                warn("Got ADD_EDGE from " + c + " for ourself which does not match existing entry");
                return List.of(new GraphEffect.Send(c, g.lines.addEdge(e)));
            }
            warn("Got ADD_EDGE from " + c + " which does not match existing entry");
            e.options = options;
            e.address = addr;
            e.weight = weight;
        } else if (from == t.myself) {
            warn("Got ADD_EDGE from " + c + " for ourself which does not exist");
            g.counters.contradictingAddEdge.incrementAndGet();
            return List.of(new GraphEffect.Send(c, g.lines.delEdge(fromName, toName)));
        } else {
            if (!t.roomForEdge()) {
                return List.of();
            }
            t.addEdge(from, to, addr, options, weight, null);
        }
        g.dirty = true;
        return g.settings.tunnelServer() ? List.of() : List.of(new GraphEffect.Broadcast(raw, c));
    }

    List<GraphEffect> delEdge(String raw, ConnectionRef c, String fromName, String toName, long now) {
        if (!NodeNames.isValid(fromName) || !NodeNames.isValid(toName) || fromName.equals(toName)) {
            return fatal(c, "DEL_EDGE", "invalid name");
        }
        if (g.seen.seen(raw, now)) {
            return List.of();
        }
        Topology t = g.topo;
        Node from = t.lookup(fromName);
        Node to = t.lookup(toName);
        if (indirectForTunnelServer(c, from, to)) {
            warn("Ignoring indirect DEL_EDGE from " + c);
            return List.of();
        }
        Edge e = from == null || to == null ? null : from.edges.get(toName);
        if (e == null) {
            g.counters.unknownDelEdge.incrementAndGet();
            warn("Got DEL_EDGE from " + c + " which does not appear in the edge tree");
            return List.of();
        }
        if (from == t.myself) {
            warn("Got DEL_EDGE from " + c + " for ourself");
            g.counters.contradictingDelEdge.incrementAndGet();
            return List.of(new GraphEffect.Send(c, g.lines.addEdge(e)));
        }
        List<GraphEffect> out = g.settings.tunnelServer() ? List.of() : List.of(new GraphEffect.Broadcast(raw, c));
        t.deleteEdge(e);
        g.dirty = true;
        g.reverseCleanup.add(to);
        return out;
    }

    List<GraphEffect> addSubnet(String raw, ConnectionRef c, String ownerName, String subnetText, long now) {
        if (!NodeNames.isValid(ownerName)) {
            return fatal(c, "ADD_SUBNET", "invalid name");
        }
        SubnetSpec s;
        try {
            s = SubnetSpec.parseNetwork(subnetText);
        } catch (SubnetSpec.FormatException e) {
            return fatal(c, "ADD_SUBNET", "invalid subnet string");
        }
        if (g.seen.seen(raw, now)) {
            return List.of();
        }
        Topology t = g.topo;
        Node owner = t.lookup(ownerName);
        if (g.settings.tunnelServer() && owner != t.myself && owner != g.connections.get(c)) {
            warn("Ignoring indirect ADD_SUBNET from " + c + " for " + subnetText);
            return List.of();
        }
        if (owner == null && (owner = t.getOrCreate(ownerName)) == null) {
            return List.of();
        }
        if (owner.subnets.contains(s)) {
            return List.of(); // known: not forwarded
        }
        if (owner == t.myself) {
            // "retaliate": someone thinks we have a subnet we do not have
            warn("Got ADD_SUBNET from " + c + " for ourself");
            return List.of(new GraphEffect.Send(c, g.lines.delSubnet(ownerName, s)));
        }
        if (g.settings.tunnelServer()) {
            Log.warning("Ignoring unauthorized ADD_SUBNET from " + c + ": " + subnetText);
            return List.of();
        }
        if (g.settings.strictSubnets()) {
            // only hosts/ files define subnets, but the others may not be strict: relay it
            Log.warning("Ignoring unauthorized ADD_SUBNET from " + c + ": " + subnetText);
            return List.of(new GraphEffect.Broadcast(raw, c));
        }
        if (!t.roomForSubnet(owner)) {
            return List.of();
        }
        t.addSubnet(owner, s);
        g.subnetsChanged = g.stale = true;
        List<GraphEffect> out = new ArrayList<>(3);
        if (owner.reachable) {
            out.add(new GraphEffect.SubnetUp(ownerName, s));
        }
        out.add(new GraphEffect.Broadcast(raw, c));
        // fast handoff of roaming MACs: our learned copy of this MAC expires now
        if (s.type() == SubnetSpec.Type.MAC && t.myself.subnets.contains(s) && g.learnedOwn.contains(s)) {
            out.add(new GraphEffect.ExpireLearnedMac(s));
        }
        return out;
    }

    List<GraphEffect> delSubnet(String raw, ConnectionRef c, String ownerName, String subnetText, long now) {
        if (!NodeNames.isValid(ownerName)) {
            return fatal(c, "DEL_SUBNET", "invalid name");
        }
        SubnetSpec s;
        try {
            s = SubnetSpec.parseNetwork(subnetText);
        } catch (SubnetSpec.FormatException e) {
            return fatal(c, "DEL_SUBNET", "invalid subnet string");
        }
        if (g.seen.seen(raw, now)) {
            return List.of();
        }
        Topology t = g.topo;
        Node owner = t.lookup(ownerName);
        if (g.settings.tunnelServer() && owner != t.myself && owner != g.connections.get(c)) {
            warn("Ignoring indirect DEL_SUBNET from " + c + " for " + subnetText);
            return List.of();
        }
        if (owner == null) {
            g.counters.unknownDelSubnet.incrementAndGet();
            warn("Got DEL_SUBNET from " + c + " for " + ownerName + " which is not in our node tree");
            return List.of();
        }
        if (!owner.subnets.contains(s)) {
            g.counters.unknownDelSubnet.incrementAndGet();
            warn("Got DEL_SUBNET from " + c + " for " + ownerName + " which does not appear in his subnet tree");
            return g.settings.strictSubnets() ? List.of(new GraphEffect.Broadcast(raw, c)) : List.of();
        }
        if (owner == t.myself) {
            warn("Got DEL_SUBNET from " + c + " for ourself");
            return List.of(new GraphEffect.Send(c, g.lines.addSubnet(ownerName, s)));
        }
        if (g.settings.tunnelServer()) {
            return List.of();
        }
        List<GraphEffect> out = new ArrayList<>(2);
        out.add(new GraphEffect.Broadcast(raw, c));
        if (g.settings.strictSubnets()) {
            return out; // hosts/ files own the subnet: keep it
        }
        if (owner.reachable) {
            out.add(new GraphEffect.SubnetDown(ownerName, s));
        }
        t.deleteSubnet(owner, s);
        g.subnetsChanged = g.stale = true;
        return out;
    }

    List<GraphEffect> keyChanged(String raw, ConnectionRef c, String origin, long now) {
        if (!NodeNames.isValid(origin)) {
            return fatal(c, "KEY_CHANGED", "invalid name");
        }
        if (g.seen.seen(raw, now)) {
            return List.of();
        }
        if (g.topo.lookup(origin) == null) {
            g.counters.unknownKeyChanged.incrementAndGet();
            Log.error("Got KEY_CHANGED from " + c + " origin " + origin + " which does not exist");
            return List.of();
        }
        List<GraphEffect> out = new ArrayList<>(2);
        out.add(new GraphEffect.KeyChanged(origin));
        if (!g.settings.tunnelServer()) {
            out.add(new GraphEffect.Broadcast(raw, c));
        }
        return out;
    }
}
