package io.jtinc.graph;

import io.jtinc.config.SubnetSpec;
import io.jtinc.log.Log;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The topology core of tincd 1.0.36 (graph.c, protocol_edge.c, protocol_subnet.c, key_changed_h, purge), sans-IO.
 * Every call returns the {@link GraphEffect}s the caller must execute, in order.
 *
 * <p><b>Threading:</b> all methods except {@link #snapshot()} and {@link #counters()} must be called from one
 * thread (the lead's event loop). Snapshots are immutable and published through a volatile field.
 *
 * <p><b>Time:</b> every {@code nowMillis} must come from a monotonic clock (e.g. {@code System.nanoTime() / 1_000_000});
 * the duplicate cache ages entries in insertion order.
 *
 * <p><b>Recompute contract:</b> the gossip handlers never recompute; they mark the graph dirty. The caller must call
 * {@link #flush(long)} after each batch of received requests (for example at the end of a channelRead batch, and at
 * the latest before the event loop goes idle) and execute its effects: reachability changes, subnet-up/down of
 * nodes whose reachability changed, the reverse-edge cleanup after DEL_EDGE, and a new {@link RoutingSnapshot}.
 * Within one batch, "is the owner reachable" (for subnet-up/down of ADD/DEL_SUBNET) uses the last flushed state;
 * the scripts that run are the same set as tincd's, possibly in a different order. The lifecycle calls
 * ({@link #connectionActivated}, {@link #connectionClosed}, {@link #purge}) flush themselves, as tincd runs graph()
 * inside them.
 */
public final class Graph {
    /**
     * @param tunnelServer       TunnelServer = yes (implies strictSubnets, as net_setup.c does)
     * @param strictSubnets      StrictSubnets = yes
     * @param pingIntervalMillis PingInterval: lifetime of the duplicate-suppression cache
     */
    public record Settings(boolean tunnelServer, boolean strictSubnets, long pingIntervalMillis) {
        public Settings {
            strictSubnets |= tunnelServer;
        }

        public static Settings defaults() {
            return new Settings(false, false, 60_000);
        }
    }

    final Settings settings;
    final Topology topo;
    final SeenRequests seen;
    final Lines lines;
    final GraphCounters counters = new GraphCounters();
    /** Active connections (after ACK) and their peers. */
    final Map<ConnectionRef, Node> connections = new IdentityHashMap<>();
    /** Own subnets learned from frames (switch mode), which expire; configured ones do not. */
    final Set<SubnetSpec> learnedOwn = new java.util.HashSet<>();
    /** Targets of accepted DEL_EDGEs: after the next recompute, drop their edge to us if they became unreachable. */
    final LinkedHashSet<Node> reverseCleanup = new LinkedHashSet<>();
    boolean dirty;
    boolean stale = true;
    boolean subnetsChanged = true;
    private final Gossip gossip = new Gossip(this);
    private Set<ConnectionRef> mst = Set.of();
    private List<RoutingSnapshot.OwnedSubnet> subnetList = List.of();
    private long generation;
    private volatile RoutingSnapshot snapshot;

    /**
     * @param myName     our Name (valid per check_id)
     * @param ownSubnets the Subnet lines of hosts/myName (configured, never expire); no effects are produced, the
     *                   daemon runs their subnet-up itself at startup
     */
    public Graph(String myName, Collection<SubnetSpec> ownSubnets, Settings settings, GraphLimits limits,
            Lines lines) {
        this.settings = settings;
        this.topo = new Topology(myName, limits, counters);
        this.seen = new SeenRequests(limits.maxSeenLines(), limits.maxSeenBytes(), settings.pingIntervalMillis(),
                counters);
        this.lines = lines;
        for (SubnetSpec s : ownSubnets) {
            topo.addSubnet(topo.myself, s);
        }
        publish();
    }

    public Graph(String myName, Collection<SubnetSpec> ownSubnets, Settings settings) {
        this(myName, ownSubnets, settings, GraphLimits.defaults(), Lines.withRandomNonces());
    }

    public String myName() {
        return topo.myself.name;
    }

    public GraphCounters counters() {
        return counters;
    }

    /** The latest published snapshot; any thread. */
    public RoutingSnapshot snapshot() {
        return snapshot;
    }

    /** True when received requests changed edges and {@link #flush} has not run yet. */
    public boolean isDirty() {
        return dirty || stale || !reverseCleanup.isEmpty();
    }

    // ---- received gossip (see Gossip for the step-by-step rules); the nonce is unused: dedup is by raw line ----

    public List<GraphEffect> handleAddEdge(String rawLine, ConnectionRef from, long nonce, String fromName,
            String toName, String address, String port, int options, int weight, long nowMillis) {
        return gossip.addEdge(rawLine, from, fromName, toName, address, port, options, weight, nowMillis);
    }

    public List<GraphEffect> handleDelEdge(String rawLine, ConnectionRef from, long nonce, String fromName,
            String toName, long nowMillis) {
        return gossip.delEdge(rawLine, from, fromName, toName, nowMillis);
    }

    /** @param subnet the subnet token as received (parsed here with str2net rules, no host-bits check) */
    public List<GraphEffect> handleAddSubnet(String rawLine, ConnectionRef from, long nonce, String owner,
            String subnet, long nowMillis) {
        return gossip.addSubnet(rawLine, from, owner, subnet, nowMillis);
    }

    public List<GraphEffect> handleDelSubnet(String rawLine, ConnectionRef from, long nonce, String owner,
            String subnet, long nowMillis) {
        return gossip.delSubnet(rawLine, from, owner, subnet, nowMillis);
    }

    public List<GraphEffect> handleKeyChanged(String rawLine, ConnectionRef from, long nonce, String origin,
            long nowMillis) {
        return gossip.keyChanged(rawLine, from, origin, nowMillis);
    }

    /** age_past_requests; call every PingTimeout (entries also age lazily on each lookup). */
    public void ageSeenRequests(long nowMillis) {
        seen.age(nowMillis);
    }

    /** PingInterval changed (SIGHUP). */
    public void setPingInterval(long millis) {
        seen.setLifetime(millis);
    }

    // ---- our own announcements ----

    /** send_key_changed's first half: broadcast KEY_CHANGED. The caller then sends ANS_KEY to direct peers. */
    public List<GraphEffect> originateKeyChanged() {
        return List.of(new GraphEffect.Broadcast(lines.keyChanged(myName()), null));
    }

    /**
     * learn_mac (switch mode) or any new own subnet: store, subnet-up, ADD_SUBNET to all active connections.
     * Nothing happens if we already have it. Capped like any node's subnets (counted).
     *
     * @param learned true for a MAC learned from a frame (it expires; fast roaming applies to it)
     */
    public List<GraphEffect> announceOwnSubnet(SubnetSpec subnet, boolean learned) {
        Node me = topo.myself;
        if (me.subnets.contains(subnet) || !topo.roomForSubnet(me)) {
            return List.of();
        }
        topo.addSubnet(me, subnet);
        if (learned) {
            learnedOwn.add(subnet);
        }
        subnetsChanged = stale = true;
        return List.of(new GraphEffect.SubnetUp(me.name, subnet),
                new GraphEffect.Broadcast(lines.addSubnet(me.name, subnet), null));
    }

    /** age_subnets: DEL_SUBNET to all active connections, subnet-down, delete. Nothing if we do not have it. */
    public List<GraphEffect> withdrawOwnSubnet(SubnetSpec subnet) {
        Node me = topo.myself;
        if (!me.subnets.contains(subnet)) {
            return List.of();
        }
        topo.deleteSubnet(me, subnet);
        learnedOwn.remove(subnet);
        subnetsChanged = stale = true;
        return List.of(new GraphEffect.Broadcast(lines.delSubnet(me.name, subnet), null),
                new GraphEffect.SubnetDown(me.name, subnet));
    }

    // ---- connections ----

    /**
     * ack_h after the ACK was accepted (spec §3.8): the connection becomes active, we send it everything we know,
     * create the edge myself→peer and announce it, then recompute.
     *
     * @param address the TCP peer's IP (IPv4-mapped addresses unmapped, as tincd's accept does)
     * @param port    the port from the peer's ACK (sockaddr_setport: atoi; if that is 0, the TCP source port)
     * @param options the connection options after ack_h's merge (PMTU only if both set it, ClampMSS override)
     * @param weight  (peer's ACK weight + own estimate) / 2
     */
    public List<GraphEffect> connectionActivated(ConnectionRef c, String peer, InetAddress address, int port,
            int options, int weight, long nowMillis) {
        List<GraphEffect> out = new ArrayList<>();
        Node n = topo.getOrCreateTrusted(peer);
        if (n == topo.myself) {
            throw new IllegalArgumentException("a connection cannot be with ourselves");
        }
        if (n.connection != null && n.connection != c) {
            // ack_h: "Established a second connection with X, closing old connection" (terminate without report)
            out.addAll(connectionClosed(n.connection, false, nowMillis));
        }
        n.connection = c;
        connections.put(c, n);
        stale = true;
        sendEverything(c, out);
        Edge e = topo.addEdge(topo.myself, n, EdgeAddress.of(address, port), options, weight, c);
        String line = lines.addEdge(e);
        out.add(settings.tunnelServer() ? new GraphEffect.Send(c, line) : new GraphEffect.Broadcast(line, null));
        dirty = true;
        out.addAll(flush(nowMillis));
        return out;
    }

    /**
     * terminate_connection. {@code report} is tincd's: true when an active connection failed or closed (EOF, ping
     * timeout, read error, changed host file on HUP), false on our own shutdown and for the old connection replaced
     * by a second one. Announces DEL_EDGE for our edge (if report), recomputes, and if the peer became unreachable
     * removes and announces its edge back to us. Unknown or never-activated connections: no effects.
     */
    public List<GraphEffect> connectionClosed(ConnectionRef c, boolean report, long nowMillis) {
        Node n = connections.remove(c);
        if (n == null) {
            return List.of();
        }
        List<GraphEffect> out = new ArrayList<>();
        if (n.connection == c) {
            n.connection = null;
        }
        stale = true;
        Edge e = topo.myself.edges.get(n.name);
        if (e == null || e.connection != c) {
            out.addAll(flush(nowMillis));
            return out;
        }
        if (report && !settings.tunnelServer()) {
            out.add(new GraphEffect.Broadcast(lines.delEdge(e), c));
        }
        topo.deleteEdge(e);
        dirty = true;
        out.addAll(flush(nowMillis));
        if (report && !n.reachable) {
            Edge back = n.edges.get(topo.myself.name);
            if (back != null) {
                if (!settings.tunnelServer()) {
                    out.add(new GraphEffect.Broadcast(lines.delEdge(back), c));
                }
                topo.deleteEdge(back);
                stale = true;
                publish();
            }
        }
        return out;
    }

    /** send_everything: every node in name order, its subnets then its edges; TunnelServer: only our subnets. */
    private void sendEverything(ConnectionRef c, List<GraphEffect> out) {
        if (settings.tunnelServer()) {
            for (SubnetSpec s : topo.myself.subnets) {
                out.add(new GraphEffect.Send(c, lines.addSubnet(topo.myself.name, s)));
            }
            return;
        }
        for (Node n : topo.nodes.values()) {
            for (SubnetSpec s : n.subnets) {
                out.add(new GraphEffect.Send(c, lines.addSubnet(n.name, s)));
            }
            for (Edge e : n.edges.values()) {
                out.add(new GraphEffect.Send(c, lines.addEdge(e)));
            }
        }
    }

    /** Tells the graph a node's UDP address learned elsewhere (UDP try_harder, ANS_KEY); null forgets it. */
    public void updateNodeUdp(String node, InetSocketAddress address) {
        Node n = topo.lookup(node);
        if (n != null) {
            n.udpAddress = address;
        }
    }

    // ---- recompute ----

    /**
     * graph(): if anything changed since the last flush, run sssp_bfs and mst_kruskal, apply the reachability
     * changes, do the pending DEL_EDGE reverse-edge cleanup and publish a new snapshot. Cheap when nothing changed.
     *
     * @return the effects to apply; immutable (empty and shared when nothing changed, as after most packet batches)
     */
    public List<GraphEffect> flush(long nowMillis) {
        if (!isDirty()) {
            return List.of(); // the common case, after every batch of packets: nothing to allocate
        }
        List<GraphEffect> out = new ArrayList<>();
        if (dirty) {
            recompute(out);
        }
        if (!reverseCleanup.isEmpty()) {
            // del_edge_h: "If the node is not reachable anymore but we remember it had an edge to us, clean it up"
            for (Node to : reverseCleanup) {
                Edge back = to.edges.get(topo.myself.name);
                if (!to.reachable && back != null && topo.lookup(to.name) == to) {
                    if (!settings.tunnelServer()) {
                        out.add(new GraphEffect.Broadcast(lines.delEdge(back), null));
                    }
                    topo.deleteEdge(back);
                    stale = true;
                }
            }
            reverseCleanup.clear();
        }
        if (stale) {
            publish();
        }
        return out;
    }

    private void recompute(List<GraphEffect> out) {
        dirty = false;
        counters.recomputations.incrementAndGet();
        for (GraphAlgorithms.Learned l : GraphAlgorithms.shortestPaths(topo.myself, topo.nodes.values())) {
            out.add(new GraphEffect.UdpAddressLearned(l.node().name, l.address()));
        }
        for (Node n : topo.nodes.values()) {
            if (n.visited == n.reachable) {
                continue;
            }
            n.reachable = !n.reachable;
            out.add(new GraphEffect.ReachabilityChanged(n.name, n.reachable, n.reachable ? n.connection : null));
            for (SubnetSpec s : n.subnets) {
                out.add(n.reachable ? new GraphEffect.SubnetUp(n.name, s) : new GraphEffect.SubnetDown(n.name, s));
            }
            if (!n.reachable) {
                n.udpAddress = null;
                n.options = 0;
                n.indirect = false;
            }
        }
        mst = GraphAlgorithms.minimumSpanningTree(topo.nodes.values(), topo.edgesByWeight());
        stale = true;
    }

    // ---- purge and StrictSubnets ----

    /**
     * net.c purge (SIGWINCH, and when the last connection is gone): for each unreachable node, DEL_SUBNET for each
     * subnet (deleted unless StrictSubnets) and DEL_EDGE for each edge (not sent with TunnelServer), edges deleted;
     * then unreachable nodes nobody points to are deleted (with StrictSubnets only if they own no subnets).
     */
    public List<GraphEffect> purge(long nowMillis) {
        List<GraphEffect> out = new ArrayList<>(flush(nowMillis));
        Log.debug(Log.PROTOCOL, "Purging unreachable nodes");
        for (Node n : topo.nodes.values()) {
            if (n.reachable) {
                continue;
            }
            for (SubnetSpec s : List.copyOf(n.subnets)) {
                out.add(new GraphEffect.Broadcast(lines.delSubnet(n.name, s), null));
                if (!settings.strictSubnets()) {
                    topo.deleteSubnet(n, s);
                    subnetsChanged = true;
                }
            }
            for (Edge e : List.copyOf(n.edges.values())) {
                if (!settings.tunnelServer()) {
                    out.add(new GraphEffect.Broadcast(lines.delEdge(e), null));
                }
                topo.deleteEdge(e);
            }
        }
        Set<Node> pointedTo = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : topo.nodes.values()) {
            for (Edge e : n.edges.values()) {
                pointedTo.add(e.to);
            }
        }
        for (Node n : List.copyOf(topo.nodes.values())) {
            if (!n.reachable && !pointedTo.contains(n) && n.connection == null
                    && (!settings.strictSubnets() || n.subnets.isEmpty())) {
                topo.deleteNode(n);
            }
        }
        stale = true;
        publish();
        return out;
    }

    /**
     * StrictSubnets: the Subnet lines of every hosts/ file (load_all_subnets; names failing check_id are skipped),
     * including our own. At startup call it once and ignore the effects. On SIGHUP (net.c reload_configuration),
     * in global subnet order: a subnet no longer in the files gets DEL_SUBNET to everyone, subnet-down if its owner
     * is reachable, and is deleted; a new one gets ADD_SUBNET to everyone and subnet-up if its owner is reachable.
     * Like tincd, this also withdraws our learned MACs (they are in no file). No effect without StrictSubnets.
     */
    public List<GraphEffect> reloadHostSubnets(Map<String, ? extends Collection<SubnetSpec>> hostSubnets) {
        List<GraphEffect> out = new ArrayList<>();
        if (!settings.strictSubnets()) {
            return out;
        }
        Map<Node, Set<SubnetSpec>> added = new IdentityHashMap<>();
        Map<Node, Set<SubnetSpec>> kept = new IdentityHashMap<>();
        for (Map.Entry<String, ? extends Collection<SubnetSpec>> h : new TreeMap<>(hostSubnets).entrySet()) {
            if (!io.jtinc.config.NodeNames.isValid(h.getKey())) {
                continue;
            }
            Node n = topo.getOrCreateTrusted(h.getKey());
            for (SubnetSpec s : h.getValue()) {
                boolean had = n.subnets.contains(s);
                (had ? kept : added).computeIfAbsent(n, k -> new java.util.HashSet<>()).add(s);
                topo.addSubnet(n, s);
            }
        }
        for (RoutingSnapshot.OwnedSubnet os : allSubnets()) {
            Node n = topo.lookup(os.owner());
            SubnetSpec s = os.subnet();
            if (kept.getOrDefault(n, Set.of()).contains(s)) {
                // tincd quirk kept: a subnet listed twice in one file is marked "kept" by its second line and so
                // is never announced
                continue;
            }
            if (added.getOrDefault(n, Set.of()).contains(s)) {
                out.add(new GraphEffect.Broadcast(lines.addSubnet(n.name, s), null));
                if (n.reachable) {
                    out.add(new GraphEffect.SubnetUp(n.name, s));
                }
            } else {
                out.add(new GraphEffect.Broadcast(lines.delSubnet(n.name, s), null));
                if (n.reachable) {
                    out.add(new GraphEffect.SubnetDown(n.name, s));
                }
                topo.deleteSubnet(n, s);
                learnedOwn.remove(s);
            }
        }
        subnetsChanged = stale = true;
        publish();
        return out;
    }

    // ---- snapshot ----

    private static final Comparator<RoutingSnapshot.OwnedSubnet> GLOBAL_SUBNET_ORDER = Comparator
            .comparing(RoutingSnapshot.OwnedSubnet::subnet, SubnetSpec.TINC_ORDER)
            .thenComparing(RoutingSnapshot.OwnedSubnet::owner);

    private List<RoutingSnapshot.OwnedSubnet> allSubnets() {
        List<RoutingSnapshot.OwnedSubnet> all = new ArrayList<>(topo.subnetCount());
        for (Node n : topo.nodes.values()) {
            for (SubnetSpec s : n.subnets) {
                all.add(new RoutingSnapshot.OwnedSubnet(s, n.name));
            }
        }
        all.sort(GLOBAL_SUBNET_ORDER);
        return all;
    }

    private void publish() {
        if (subnetsChanged) {
            subnetList = List.copyOf(allSubnets());
            subnetsChanged = false;
        }
        Map<String, RoutingSnapshot.NodeRoute> routes = new LinkedHashMap<>();
        for (Node n : topo.nodes.values()) {
            boolean r = n.reachable;
            routes.put(n.name, new RoutingSnapshot.NodeRoute(n.name, r, r ? n.nexthop.name : null,
                    r ? n.via.name : null, r && n.prevedge != null ? n.prevedge.from.name : null, r ? n.options : 0,
                    r && n.indirect, n.connection != null));
        }
        Set<String> mstPeers = new java.util.TreeSet<>();
        for (ConnectionRef c : mst) {
            Node n = connections.get(c);
            if (n != null) {
                mstPeers.add(n.name);
            }
        }
        snapshot = new RoutingSnapshot(++generation, topo.myself.name, routes, mstPeers, subnetList);
        stale = false;
    }

    /** Counts for dumps and tests. */
    /** One edge, for the control socket's {@code dump edges} and {@code dump graph}. */
    public record EdgeView(String from, String to, String address, int options, int weight) {
    }

    /** Every edge of the graph. Loop thread. */
    public List<EdgeView> edgeViews() {
        List<EdgeView> out = new ArrayList<>();
        for (Node n : topo.nodes.values()) {
            for (Edge e : n.edges.values()) {
                out.add(new EdgeView(e.from.name, e.to.name, String.valueOf(e.address), e.options, e.weight));
            }
        }
        return out;
    }

    /** USR2's edge lines, tincd's layout: " FROM to TO at ADDRESS port PORT options X weight W". Loop thread. */
    public List<String> describeEdges() {
        List<String> out = new ArrayList<>();
        for (Node n : topo.nodes.values()) {
            for (Edge e : n.edges.values()) {
                out.add(" " + e.from.name + " to " + e.to.name + " at " + e.address + " options "
                        + Integer.toHexString(e.options) + " weight " + e.weight);
            }
        }
        return out;
    }

    public int nodeCount() {
        return topo.nodes.size();
    }

    public int edgeCount() {
        return topo.edgeCount();
    }

    public int subnetCount() {
        return topo.subnetCount();
    }

    /** Our own subnets now, configured and learned, in tincd's order (for subnet-down at exit). Loop thread. */
    public List<SubnetSpec> ownSubnets() {
        return List.copyOf(topo.myself.subnets);
    }

    public int seenCacheSize() {
        return seen.size();
    }
}
