package io.jtinc.node;

import io.jtinc.config.ConfigLoader;
import io.jtinc.config.HostConfig;
import io.jtinc.config.Mode;
import io.jtinc.crypto.KeyLoading;
import io.jtinc.graph.Graph;
import io.jtinc.graph.GraphEffect;
import io.jtinc.log.Log;
import io.jtinc.net.MetaLink;
import io.jtinc.net.MetaSession;
import io.jtinc.net.Outgoing;
import io.jtinc.protocol.meta.AuthConfig;
import io.jtinc.protocol.meta.MetaConnection;
import io.jtinc.protocol.meta.MetaCounters;
import io.jtinc.protocol.meta.MetaRequest;
import io.jtinc.protocol.meta.PeerCredentials;
import io.jtinc.protocol.meta.PeerInfo;
import io.jtinc.protocol.meta.PeerLookup;
import io.jtinc.protocol.meta.RequestType;
import io.jtinc.route.MacLearner;
import io.jtinc.route.Router;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One node's control plane. Every method runs on the single event loop that owns this object: it holds the
 * connections, the graph, the keys and the per-peer data state, and republishes the immutable routing snapshot
 * the data path reads. Transport-free: events come in through {@link #accepted}, {@link #connected},
 * {@link #onDeviceFrame}, {@link #onDatagram} and {@link #tick}; output leaves through {@link Outputs} and each
 * connection's {@link MetaLink}.
 */
public final class NodeCore {
    private final CoreSettings settings;
    private final LongSupplier clock;
    private final SecureRandom secureRandom = new SecureRandom();
    private final SplittableRandom random = new SplittableRandom();
    private final NodeCounters counters = new NodeCounters();
    private final MetaCounters metaCounters = new MetaCounters();
    private final Graph graph;
    private final Router router;
    private final MacLearner learner;
    private final NodeScripts scripts;
    private final AuthConfig auth;
    private final DataPlane dataPlane;
    private final KeyExchange keys;
    private final RouteTables routeTables;
    private final Map<String, PeerData> peers = new TreeMap<>();
    private final Map<String, PeerConnection> active = new LinkedHashMap<>();
    private final java.util.Set<PeerConnection> all = new HashSet<>();
    /** Counters of the transport (accept throttle, tarpit), which lives outside the core; read on the loop. */
    private java.util.function.Supplier<Map<String, Long>> transportCounters = Map::of;

    /** Makes the hub's side of an invitation exchange (jtinc extension); null when invitations are off. */
    private java.util.function.LongFunction<io.jtinc.invite.HubHandshake> invitations;

    /** Enables enrolment by invitation on this node's meta port (set once, before connections arrive). */
    public void setInvitations(java.util.function.LongFunction<io.jtinc.invite.HubHandshake> factory) {
        this.invitations = factory;
    }

    InvitationSession openInvitation(MetaLink link) {
        io.jtinc.invite.HubHandshake hs = invitations == null ? null : invitations.apply(now());
        return hs == null ? null : new InvitationSession(link, hs);
    }

    public NodeCore(CoreSettings settings, Outputs outputs, NodeScripts scripts, LongSupplier clockMillis) {
        this.settings = settings;
        this.clock = clockMillis;
        this.scripts = scripts;
        long now = clockMillis.getAsLong();
        this.graph = new Graph(settings.myName(), settings.myHost().subnets(),
                new Graph.Settings(settings.tunnelServer(), settings.strictSubnets(), settings.pingIntervalMillis()));
        this.router = new Router(settings.router());
        this.learner = settings.router().mode() == Mode.SWITCH
                ? new MacLearner(settings.macExpireMillis(), MacLearner.DEFAULT_CAPACITY, java.util.Set.of()) : null;
        this.auth = new AuthConfig(settings.myName(), settings.privateKey(), settings.cipher().keyLength(),
                settings.myPort(), settings.myOptions(), settings.pingIntervalMillis(), settings.pingTimeoutMillis(),
                peerLookup(), metaCounters, secureRandom);
        this.dataPlane = new DataPlane(this, outputs);
        this.keys = new KeyExchange(this, now);
        this.routeTables = new RouteTables(this);
        if (settings.strictSubnets()) {
            // At startup the effects are ignored: nobody is connected yet, and our own subnet-up already ran.
            graph.reloadHostSubnets(HostSubnets.load(settings.directory(), settings.options()));
        }
        routeTables.rebuild();
    }

    /** hosts/NAME and its key, read when the peer identifies itself (tincd reads them at ID time too). */
    private PeerLookup peerLookup() {
        return name -> {
            try {
                HostConfig host = ConfigLoader.loadHost(settings.directory(), name, settings.options());
                return PeerCredentials.of(KeyLoading.peerPublicKey(host.publicKeyHex(), host.publicKeyFile(),
                        host.file()), host);
            } catch (io.jtinc.config.ConfigException e) {
                throw new PeerLookup.UnknownPeerException(e.getMessage());
            }
        };
    }

    // ---- events from the transport ----

    public MetaSession accepted(MetaLink link) {
        PeerConnection c = new PeerConnection(this, link,
                MetaConnection.responder(auth, describe(link.remoteAddress()), now()), null);
        Log.info(Log.CONNECTIONS, "Connection from " + describe(link.remoteAddress()));
        all.add(c);
        c.start(now());
        return c;
    }

    public MetaSession connected(String peer, MetaLink link, Outgoing outgoing) {
        PeerConnection c = new PeerConnection(this, link,
                MetaConnection.initiator(auth, peer, describe(link.remoteAddress()), now()), outgoing);
        Log.info(Log.CONNECTIONS, "Connected to " + peer + " (" + describe(link.remoteAddress()) + ")");
        all.add(c);
        c.start(now());
        return c;
    }

    public void onDeviceFrame(ByteBuffer frame) {
        dataPlane.onDeviceFrame(frame);
        afterBatch();
    }

    public void onDatagram(ByteBuffer datagram, InetSocketAddress from) {
        dataPlane.onDatagram(datagram, from);
        afterBatch();
    }

    /** Housekeeping, once a second: liveness, duplicate-cache and MAC aging, PMTU probes, key expiry. */
    public void tick() {
        long now = now();
        for (PeerConnection c : new ArrayList<>(all)) {
            c.tick(now);
        }
        graph.ageSeenRequests(now);
        if (learner != null) {
            for (io.jtinc.config.SubnetSpec expired : learner.expire(now)) {
                execute(graph.withdrawOwnSubnet(expired), null);
                routeTables.markDirty();
            }
        }
        dataPlane.tickProbes(now);
        forEachPeer(p -> p.expirePreviousInbound(now));
        keys.tick(now, false);
        afterBatch();
    }

    /** The hole-punch timer, every {@link io.jtinc.protocol.data.HolePunch#PUNCH_INTERVAL_MILLIS}. */
    public void tickPunches() {
        dataPlane.tickPunches(now());
        afterBatch();
    }

    /** SIGTERM: close every connection without announcing anything (tincd does not send DEL_EDGE either). */
    public void shutdown() {
        for (PeerConnection c : new ArrayList<>(all)) {
            c.terminate(false);
        }
    }

    /** SIGWINCH. */
    public void purge() {
        Log.notice("Purging unreachable nodes");
        execute(graph.purge(now()), null);
        afterBatch();
    }

    /**
     * SIGHUP, after the daemon re-read tinc.conf: like tincd, close every connection whose hosts/NAME was deleted
     * or changed since the connection came up (its key or addresses may be different now), and with StrictSubnets
     * re-read every host file's subnets, announcing what was added or removed. Connections whose host file did
     * not change stay up.
     */
    public void reloadHosts() {
        for (PeerConnection c : activeConnections()) {
            java.nio.file.Path file = settings.directory().hostFile(c.name());
            long mtime = HostFileStamp.of(file);
            if (mtime < 0 || mtime != c.hostFileStamp) {
                Log.info(Log.CONNECTIONS, "Host file of " + c.name() + (mtime < 0 ? " was removed" : " changed")
                        + ", closing connection " + c);
                c.terminate(true);
            }
        }
        if (settings.strictSubnets()) {
            execute(graph.reloadHostSubnets(HostSubnets.load(settings.directory(), settings.options())), null);
        }
        afterBatch();
    }

    /** SIGALRM: PING every active connection now (tincd fires all timers). */
    public void pingAll() {
        for (PeerConnection c : active.values()) {
            c.sendLine("8");
        }
    }

    // ---- called by the connections ----

    void onActivated(PeerConnection c, PeerInfo info) {
        PeerConnection old = active.get(info.name());
        if (old != null && old != c) {
            Log.info(Log.CONNECTIONS, "Established a second connection with " + old + ", closing old connection");
            old.terminate(false);
        }
        active.put(info.name(), c);
        c.hostFileStamp = HostFileStamp.of(settings.directory().hostFile(info.name()));
        InetSocketAddress remote = c.link.remoteAddress();
        int port = atoi(info.ackPort());
        execute(graph.connectionActivated(c, info.name(), remote.getAddress(), port == 0 ? remote.getPort() : port,
                info.options(), info.edgeWeight(), now()), c);
    }

    void onRequest(PeerConnection c, RequestType type, String raw, MetaRequest r) {
        long now = now();
        List<GraphEffect> effects;
        if (r instanceof MetaRequest.AddEdge e) {
            effects = graph.handleAddEdge(raw, c, e.nonce(), e.from(), e.to(), e.address(), e.port(), e.options(),
                    e.weight(), now);
        } else if (r instanceof MetaRequest.DelEdge e) {
            effects = graph.handleDelEdge(raw, c, e.nonce(), e.from(), e.to(), now);
        } else if (r instanceof MetaRequest.AddSubnet s) {
            effects = graph.handleAddSubnet(raw, c, s.nonce(), s.owner(), s.subnet(), now);
        } else if (r instanceof MetaRequest.DelSubnet s) {
            effects = graph.handleDelSubnet(raw, c, s.nonce(), s.owner(), s.subnet(), now);
        } else if (r instanceof MetaRequest.KeyChanged k) {
            effects = graph.handleKeyChanged(raw, c, k.nonce(), k.origin(), now);
        } else if (r instanceof MetaRequest.ReqKey k) {
            keys.onReqKey(c, k, raw);
            return;
        } else if (r instanceof MetaRequest.AnsKey k) {
            keys.onAnsKey(c, k, raw);
            return;
        } else {
            return;
        }
        execute(effects, c);
    }

    void connectionGone(PeerConnection c, boolean report) {
        all.remove(c);
        if (active.get(c.name()) == c) {
            active.remove(c.name());
        }
        execute(graph.connectionClosed(c, report, now()), c);
        if (c.outgoing != null) {
            c.outgoing.onConnectionClosed();
        }
        if (report && active.isEmpty()) {
            // tincd purges when the last connection is gone (spec §9.9).
            execute(graph.purge(now()), null);
        }
    }

    /** Where {@link #afterReceive} defers the graph flush to; null: flush at once (tests, tincd's own order). */
    private java.util.concurrent.Executor flushLater;
    private boolean flushPending;

    /**
     * Lets the meta reads of one event-loop wake-up share one graph flush: {@code later} runs a task on the loop
     * after the I/O it is processing. tincd recomputes after every edge change; with a hub that 1000 Pis join at
     * once, a recompute (SSSP, MST, routing snapshot) per read was most of its CPU. Gossip is forwarded at once
     * either way, only the recompute waits (microseconds). Set once, on the loop, before connections arrive.
     */
    public void setDeferredFlush(java.util.concurrent.Executor later) {
        this.flushLater = later;
    }

    /** After one read of a meta connection: flush now, or once for the whole wake-up (see setDeferredFlush). */
    void afterReceive() {
        if (flushLater == null) {
            afterBatch();
        } else if (!flushPending) {
            flushPending = true;
            flushLater.execute(() -> {
                flushPending = false;
                afterBatch();
            });
        }
    }

    /** Runs the graph's recomputation for everything received since the last call, then republishes routes. */
    void afterBatch() {
        execute(graph.flush(now()), null);
        routeTables.rebuildIfDirty();
        dataPlane.afterGraphChange();
    }

    void execute(List<GraphEffect> effects, PeerConnection origin) {
        GraphEffects.apply(this, effects);
    }

    void learnMac(ByteBuffer frame) {
        if (learner == null) {
            return;
        }
        io.jtinc.config.SubnetSpec learned = learner.learn(frame, now());
        if (learned != null) {
            execute(graph.announceOwnSubnet(learned, true), null);
            routeTables.markDirty();
        }
    }

    /** A line to a direct neighbour (REQ_KEY/ANS_KEY routing). */
    void sendTo(String neighbour, String line) {
        PeerConnection c = active.get(neighbour);
        if (c != null) {
            c.sendLine(line);
        }
    }

    // ---- accessors for the collaborators ----

    public CoreSettings settings() {
        return settings;
    }

    public NodeCounters counters() {
        return counters;
    }

    public void transportCounters(java.util.function.Supplier<Map<String, Long>> source) {
        this.transportCounters = source;
    }

    public Map<String, Long> transportCounters() {
        return transportCounters.get();
    }

    public MetaCounters metaCounters() {
        return metaCounters;
    }

    public Graph graph() {
        return graph;
    }

    public Router router() {
        return router;
    }

    io.jtinc.route.RoutingSnapshot routes() {
        return routeTables.current();
    }

    void routesChanged() {
        routeTables.markDirty();
    }

    MacLearner learner() {
        return learner;
    }

    NodeScripts scripts() {
        return scripts;
    }

    DataPlane dataPlane() {
        return dataPlane;
    }

    KeyExchange keys() {
        return keys;
    }

    long now() {
        return clock.getAsLong();
    }

    SecureRandom secureRandom() {
        return secureRandom;
    }

    SplittableRandom random() {
        return random;
    }

    PeerData peer(String name) {
        return peers.computeIfAbsent(name, PeerData::new);
    }

    PeerData existingPeer(String name) {
        return peers.get(name);
    }

    void forEachPeer(Consumer<PeerData> action) {
        peers.values().forEach(action);
    }

    Collection<PeerData> peersWithInboundKeys() {
        List<PeerData> out = new ArrayList<>();
        for (PeerData p : peers.values()) {
            if (p.inbound != null && graph.snapshot().reachable(p.name)) {
                out.add(p);
            }
        }
        return out;
    }

    PeerConnection connection(String name) {
        return active.get(name);
    }

    public Collection<PeerConnection> activeConnections() {
        return new ArrayList<>(active.values());
    }

    /**
     * Closes every connection whose local address is no longer assigned to this host (see
     * {@link io.jtinc.net.LocalAddresses}): it can carry nothing any more. Returns the peers of the outgoing ones,
     * which the caller redials at once instead of after the back-off.
     */
    public List<String> closeConnectionsWithVanishedAddress(java.util.Set<java.net.InetAddress> assigned) {
        List<String> redial = new ArrayList<>();
        for (PeerConnection c : new ArrayList<>(all)) {
            InetSocketAddress local = c.link.localAddress();
            if (local == null || !io.jtinc.net.LocalAddresses.vanished(local.getAddress(), assigned)) {
                continue;
            }
            Log.notice("Local address " + io.jtinc.net.Addresses.host(local) + " of the connection with "
                    + c.name() + " is gone; closing it");
            if (c.link.outgoing() && c.name() != null) {
                redial.add(c.name());
            }
            c.link.close();
        }
        return redial;
    }

    /** One meta connection, for the control socket's {@code dump connections}. */
    public record ConnectionView(String name, String address, boolean active, boolean outgoing) {
    }

    /** The data-channel state of one peer, for {@code dump nodes} and {@code info}. */
    public record PeerView(String udpAddress, int pmtu, int minMtu, int maxMtu, boolean validKey) {
    }

    /** Every meta connection, authenticated or not. Loop thread. */
    public List<ConnectionView> connectionViews() {
        List<ConnectionView> out = new ArrayList<>();
        for (PeerConnection c : all) {
            out.add(new ConnectionView(String.valueOf(c.name()), String.valueOf(c.link), c.active(), c.link.outgoing()));
        }
        return out;
    }

    /** A peer's UDP address and PMTU state; null for a node we hold no data-channel state for. Loop thread. */
    public PeerView peerView(String name) {
        PeerData p = peers.get(name);
        if (p == null) {
            return null;
        }
        return new PeerView(p.hostname(), p.mtu(), p.prober == null ? 0 : p.prober.minMtu(),
                p.prober == null ? 1518 : p.prober.maxMtu(), p.validKey());
    }

    /** A node's traffic counters (zeros for a node we never exchanged data with). Loop thread. */
    public NodeTraffic traffic(String name) {
        PeerData p = peers.get(name);
        return p == null ? NodeTraffic.none(name) : new NodeTraffic(name, p.inPackets, p.inBytes, p.outPackets,
                p.outBytes);
    }

    /** For USR1: every connection, authenticated or not. */
    public List<String> describeConnections() {
        List<String> out = new ArrayList<>();
        for (PeerConnection c : all) {
            out.add(" " + c.name() + " at " + c.link + (c.active() ? " active" : " authenticating"));
        }
        return out;
    }

    /**
     * USR2: the data-channel part of tincd's node line, "HOST port P ... pmtu M (min a max b)" pieces, so an
     * operator (and the NAT tests) can see which UDP address a node behind NAT was learned at and what PMTU
     * discovery settled on. Loop-confined, as signals are handled on the loop.
     */
    public String describeNodeAddress(String name) {
        PeerData p = peers.get(name);
        return p == null ? "unknown" : p.hostname();
    }

    /** USR2: tincd's "pmtu M (min a max b)" for a node (1518, 0, 1518 before any discovery). */
    public String describeNodePmtu(String name) {
        PeerData p = peers.get(name);
        int min = p == null || p.prober == null ? 0 : p.prober.minMtu();
        int max = p == null || p.prober == null ? 1518 : p.prober.maxMtu();
        return "pmtu " + (p == null ? 1518 : p.mtu()) + " (min " + min + " max " + max + ")";
    }

    static String describe(InetSocketAddress a) {
        return a == null ? "unknown" : io.jtinc.net.Addresses.host(a) + " port " + a.getPort();
    }

    /** sockaddr_setport(atoi(port)): tincd's lenient number parse, 0 when not a number. */
    static int atoi(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && n < 65536; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n > 65535 ? 0 : n;
    }
}
