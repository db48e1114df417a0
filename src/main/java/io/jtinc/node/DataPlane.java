package io.jtinc.node;

import io.jtinc.graph.RoutingSnapshot;
import io.jtinc.graph.RoutingSnapshot.NodeRoute;
import io.jtinc.log.Log;
import io.jtinc.protocol.data.DataSizes;
import io.jtinc.protocol.data.DropReason;
import io.jtinc.protocol.data.MtuProbes;
import io.jtinc.protocol.data.PacketDecoder;
import io.jtinc.protocol.data.PmtuProber;
import io.jtinc.protocol.meta.ConnectionOptions;
import io.jtinc.route.RouteDecision;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The packet path of one node (tincd's net_packet.c and route.c dispatch), on the event loop.
 *
 * <pre>
 * device frame ──► learn MAC (switch) ──► Router.route(frame, myself) ──► decision
 *   Local      → device
 *   Unicast    → sendPacket(owner): via = node.via (or nexthop when via is us, or for frames that came over TCP)
 *                  TCPONLY on us or via, or a TCP-borne frame → PACKET on the meta connection to via
 *                  else sendUdp(via):
 *                    no key yet            → REQ_KEY (≤ 1/10 s) and PACKET via nexthop   (§4.5: no queue in 1.0.36)
 *                    PMTU on, len > minmtu → via nexthop (TCP when it is the neighbour) (§5.2 step 2)
 *                    else encode(seqno ‖ frame → cipher → MAC) → UDP to the node's address
 *   Broadcast  → device (if local) + sendPacket to each MST peer except towards the source
 *   Reply      → ICMP/ARP/NDP we generated, back to the source or the device
 * UDP datagram ──► node by source address, else try_harder (trial MAC with every inbound key; a success moves
 *                  the node's address: NAT traversal, §5.8) ──► decode (MAC first, decrypt, replay, inflate)
 *   probe request → echo (byte 0 = 1) over UDP, forever  · probe reply → PMTU prober
 *   frame         → Router.route(frame, source node) → decision as above
 * PACKET on a meta connection ──► Router.route(frame, that peer) with TCP priority
 * </pre>
 *
 * Start-up: device broadcasts that reach nobody before the first node is reachable wait in a small
 * {@link StartupHold} and go out when one is (the kernel's first neighbour solicitation, see there).
 *
 * Buffers: one scratch buffer for encoded datagrams and one for decoded frames, reused (the loop owns them).
 */
final class DataPlane {
    /** try_harder is expensive (a trial MAC per candidate): at most this many trials per second. */
    static final int TRY_HARDER_TRIALS_PER_SECOND = 200;

    private final NodeCore core;
    private final Outputs out;
    private final ByteBuffer encoded = ByteBuffer.allocateDirect(DataSizes.MAX_DATAGRAM + 64);
    private final ByteBuffer decoded = ByteBuffer.allocateDirect(DataSizes.MAXSIZE + 64);
    /** A second view of {@link #decoded} that carries each frame's bounds, made once: no buffer per packet. */
    private final ByteBuffer decodedFrame = decoded.duplicate();
    private final ByteBuffer probe = ByteBuffer.allocate(DataSizes.MTU + 64);
    private final Map<InetSocketAddress, String> byAddress = new HashMap<>();
    private final HolePunching punching;
    private final StartupHold startupHold;
    private long trialSecond = Long.MIN_VALUE;
    private int trialsThisSecond;

    DataPlane(NodeCore core, Outputs out) {
        this.core = core;
        this.out = out;
        this.punching = new HolePunching(core, out.lowTtlSupported());
        this.startupHold = new StartupHold(core.now());
    }

    // ---- frames from the local device ----

    void onDeviceFrame(ByteBuffer frame) {
        core.counters().deviceIn.add(frame.remaining());
        core.learnMac(frame);
        route(frame, core.settings().myName(), false);
    }

    void onTcpPacket(PeerConnection from, ByteBuffer frame) {
        core.counters().tcpPacketsIn.increment();
        if (MtuProbes.isProbe(frame, frame.position(), frame.remaining())) {
            // tincd routes TCP-borne probe echoes like frames (switch mode would broadcast them, §6.1); they carry
            // no data, so we drop them.
            core.counters().tcpProbesDropped.increment();
            return;
        }
        PeerData source = core.peer(from.name());
        source.inPackets++;
        source.inBytes += frame.remaining();
        route(frame, from.name(), true);
    }

    private void route(ByteBuffer frame, String source, boolean cameOverTcp) {
        RouteDecision d = core.router().route(frame, source, core.routes(), core.now());
        if (d instanceof RouteDecision.Local) {
            toDevice(frame);
        } else if (d instanceof RouteDecision.Unicast u) {
            sendPacket(u.owner(), frame, cameOverTcp);
        } else if (d instanceof RouteDecision.Broadcast b) {
            if (b.local()) {
                toDevice(frame.duplicate());
            }
            for (String peer : b.peers()) {
                sendPacket(peer, frame.duplicate(), cameOverTcp);
            }
        } else if (d instanceof RouteDecision.Reply r) {
            if (r.toLocalDevice()) {
                toDevice(r.frame());
            } else {
                sendPacket(r.to(), r.frame(), false);
            }
        } else if (d instanceof RouteDecision.Fragments f) {
            for (ByteBuffer fragment : f.frames()) {
                sendPacket(f.to(), fragment, cameOverTcp);
            }
        } else if (d instanceof RouteDecision.Drop drop
                && drop.reason() == io.jtinc.route.DropReason.BROADCAST_NOWHERE && !cameOverTcp && startupHold.isOpen() && source.equals(core.settings().myName())
                && !anyOtherNodeReachable()) {
            startupHold.offer(frame, core.now());
        }
    }

    /** After a graph recomputation: once a node is reachable, what the start-up hold kept goes out. */
    void afterGraphChange() {
        if (!startupHold.isEmpty() && anyOtherNodeReachable()) {
            String me = core.settings().myName();
            for (ByteBuffer frame : startupHold.release(core.now())) {
                route(frame, me, false);
            }
        }
    }

    private boolean anyOtherNodeReachable() {
        RoutingSnapshot snap = core.graph().snapshot();
        for (NodeRoute n : snap.nodes().values()) {
            if (n.reachable() && !n.name().equals(snap.myName())) {
                return true;
            }
        }
        return false;
    }

    private void toDevice(ByteBuffer frame) {
        core.router().prepareForDevice(frame);
        core.counters().deviceOut.add(frame.remaining());
        out.writeDevice(frame);
    }

    // ---- sending ----

    /** net_packet.c send_packet. */
    void sendPacket(String node, ByteBuffer frame, boolean tcpPriority) {
        if (node.equals(core.settings().myName())) {
            toDevice(frame);
            return;
        }
        RoutingSnapshot snap = core.graph().snapshot();
        NodeRoute n = snap.node(node);
        if (n == null || !n.reachable()) {
            core.counters().unreachableDrops.increment();
            return;
        }
        PeerData destination = core.peer(node);
        destination.outPackets++;
        destination.outBytes += frame.remaining();
        forward(snap, n, frame, tcpPriority);
    }

    /** The transport half of send_packet: to a reachable node, over TCP or UDP, counted already. */
    private void forward(RoutingSnapshot snap, NodeRoute n, ByteBuffer frame, boolean tcpPriority) {
        String via = tcpPriority || core.settings().myName().equals(n.via()) ? n.nexthop() : n.via();
        NodeRoute v = snap.node(via);
        int options = core.settings().myOptions() | (v == null ? 0 : v.options());
        if (tcpPriority || (options & ConnectionOptions.TCPONLY) != 0) {
            sendTcp(via, frame);
        } else {
            sendUdp(via, frame);
        }
    }

    private void sendTcp(String neighbour, ByteBuffer frame) {
        PeerConnection c = core.connection(neighbour);
        if (c == null || !c.sendPacket(frame)) {
            core.counters().noConnectionDrops.increment();
            return;
        }
        core.counters().tcpPacketsOut.increment();
    }

    /** net_packet.c send_udppacket. */
    private void sendUdp(String node, ByteBuffer frame) {
        NodeRoute n = core.graph().snapshot().node(node);
        if (n == null || !n.reachable()) {
            core.counters().unreachableDrops.increment();
            return;
        }
        PeerData peer = core.peer(node);
        if (!peer.validKey()) {
            Log.debug(Log.TRAFFIC, "No valid key known yet for " + node + " (" + peer.hostname()
                    + "), forwarding via TCP");
            core.keys().maybeRequestKey(node, core.now());
            sendTcp(n.nexthop(), frame);
            return;
        }
        boolean isProbe = MtuProbes.isProbe(frame, frame.position(), frame.remaining());
        if ((n.options() & ConnectionOptions.PMTU_DISCOVERY) != 0 && frame.remaining() > peer.minMtu() && !isProbe) {
            relay(n, frame);
            return;
        }
        if (peer.udpAddress == null) {
            sendTcp(n.nexthop(), frame);
            return;
        }
        if (!isProbe && punching.lowTtl(peer)) {
            // Data sent with the punch TTL would die on the way: it takes the relay until the window is over.
            relay(n, frame);
            return;
        }
        encodeAndSend(peer, frame, null);
    }

    private void relay(NodeRoute n, ByteBuffer frame) {
        if (n.name().equals(n.nexthop())) {
            sendTcp(n.name(), frame);
            return;
        }
        // Towards the next hop without counting it as that node's traffic: the frame is n's.
        RoutingSnapshot snap = core.graph().snapshot();
        NodeRoute hop = snap.node(n.nexthop());
        if (hop == null || !hop.reachable()) {
            core.counters().unreachableDrops.increment();
            return;
        }
        forward(snap, hop, frame, false);
    }

    private void encodeAndSend(PeerData peer, ByteBuffer frame, PmtuProber prober) {
        encoded.clear();
        int len = peer.outbound.encode(frame, frame.position(), frame.remaining(), encoded, 0);
        if (len < 0) {
            core.counters().udpOtherDrops.increment();
            return;
        }
        encoded.position(0).limit(len);
        core.counters().udpOut.increment();
        int frameLength = frame.remaining();
        IntConsumer onTooBig = prober == null ? null : ignored -> onEmsgsize(peer, prober, frameLength);
        if (punching.lowTtl(peer)) {
            core.counters().udpPunches.increment();
            out.sendUdpWithTtl(encoded, peer.udpAddress, punching.ttl(), onTooBig);
            return;
        }
        out.sendUdp(encoded, peer.udpAddress, onTooBig);
    }

    // ---- hole punching (HolePunch: a jtinc extension; punches are MTU probe requests) ----

    /** The punch timer; a punch (or the follow-up) is a minimal MTU probe request. */
    void tickPunches(long now) {
        punching.tick(now, peer -> {
            probe.clear();
            MtuProbes.writeRequest(probe, 0, MtuProbes.MIN_LENGTH, core.random());
            probe.position(0).limit(MtuProbes.MIN_LENGTH);
            encodeAndSend(peer, probe, peer.prober);
        });
    }

    // ---- receiving ----

    void onDatagram(ByteBuffer data, InetSocketAddress rawFrom) {
        InetSocketAddress from = unmapped(rawFrom);
        String node = byAddress.get(from);
        int n;
        PeerData peer;
        if (node != null) {
            peer = core.peer(node);
            // The previous key's clock is read only when the current key cannot decode: the tick drops it once
            // its grace is over (see PeerData.expirePreviousInbound).
            if (peer.inbound == null && peer.previousInbound(core.now()) == null) {
                core.counters().udpNoKey.increment();
                Log.debug(Log.TRAFFIC, "Got packet from " + node + " (" + peer.hostname()
                        + ") but he hasn't got our key yet");
                return;
            }
            n = peer.inbound == null ? DropReason.BAD_MAC.code()
                    : peer.inbound.decode(data, data.position(), data.remaining(), decoded, 0);
            PacketDecoder previous = n == DropReason.BAD_MAC.code() ? peer.previousInbound(core.now()) : null;
            if (previous != null) {
                n = previous.decode(data, data.position(), data.remaining(), decoded, 0);
                decoderUsed = previous;
            } else {
                decoderUsed = peer.inbound;
            }
        } else {
            peer = tryHarder(data, from);
            if (peer == null) {
                return;
            }
            n = lastTrialResult;
            decoderUsed = peer.inbound;
        }
        if (n < 0) {
            countDrop(n, peer);
            return;
        }
        core.counters().udpIn.increment();
        punching.onAuthenticated(peer, from);
        if (decoderUsed.keyRenewalDue()) {
            core.keys().tick(core.now(), true);
        }
        ByteBuffer frame = decodedFrame.clear().limit(n);
        if (MtuProbes.isProbe(frame, 0, n)) {
            onProbe(peer, frame);
            return;
        }
        peer.inPackets++;
        peer.inBytes += n;
        route(frame, peer.name, false);
    }

    private int lastTrialResult;
    /** The decoder that accepted the current datagram (the current key, or the previous one in its grace time). */
    private PacketDecoder decoderUsed;

    /** §5.8: find the sender among the nodes we gave a key to by trying their MACs; budgeted per second. */
    private PeerData tryHarder(ByteBuffer data, InetSocketAddress from) {
        long second = core.now() / 1000;
        if (second != trialSecond) {
            trialSecond = second;
            trialsThisSecond = 0;
        }
        for (PeerData candidate : core.peersWithInboundKeys()) {
            if (trialsThisSecond++ >= TRY_HARDER_TRIALS_PER_SECOND) {
                core.counters().udpTryHarderBudget.increment();
                return null;
            }
            int n = candidate.inbound.decode(data, data.position(), data.remaining(), decoded, 0);
            if (n != DropReason.BAD_MAC.code() && n != DropReason.TOO_SHORT.code()) {
                lastTrialResult = n;
                if (n >= 0) {
                    updateUdpAddress(candidate.name, from);
                }
                return candidate;
            }
        }
        core.counters().udpUnknownSource.increment();
        Log.debug(Log.TRAFFIC, "Received UDP packet from unknown source " + from);
        return null;
    }

    private void countDrop(int code, PeerData peer) {
        if (code == DropReason.BAD_MAC.code()) {
            core.counters().udpBadMac.increment();
            Log.debug(Log.TRAFFIC, "Got unauthenticated packet from " + peer.name + " (" + peer.hostname() + ")");
        } else if (code == DropReason.REPLAYED.code()) {
            core.counters().udpReplayed.increment();
            Log.debug(Log.TRAFFIC, "Got replayed packet from " + peer.name + " (" + peer.hostname() + ")");
        } else {
            core.counters().udpOtherDrops.increment();
        }
    }

    private void onProbe(PeerData peer, ByteBuffer frame) {
        if (MtuProbes.isRequest(frame, 0)) {
            Log.debug(Log.TRAFFIC, "Got MTU probe length " + frame.remaining() + " from " + peer.name + " ("
                    + peer.hostname() + ")");
            MtuProbes.turnIntoReply(frame, 0);
            if (peer.validKey() && peer.udpAddress != null) {
                encodeAndSend(peer, frame, null);
            } else {
                NodeRoute n = core.graph().snapshot().node(peer.name);
                if (n != null && n.reachable()) {
                    sendTcp(n.nexthop(), frame);
                }
            }
            if (peer.prober != null && peer.validKey()) {
                sendProbes(peer, peer.prober.onProbeRequest(core.now()));
            }
        } else if (peer.prober != null) {
            int before = peer.prober.mtu();
            peer.prober.onProbeReply(decoderUsed.lastPayloadLength(), decoderUsed.compressed());
            if (peer.prober.mtu() != before) {
                core.routesChanged();
            }
        }
    }

    // ---- PMTU ----

    void onKeyAccepted(String node) {
        NodeRoute n = core.graph().snapshot().node(node);
        PeerData peer = core.peer(node);
        if (n == null || (n.options() & ConnectionOptions.PMTU_DISCOVERY) == 0 || !core.settings().pmtuDiscovery()) {
            return;
        }
        if (peer.prober == null) {
            CoreSettings s = core.settings();
            peer.prober = new PmtuProber(node, peer.hostname(), s.myHost().pmtu(), (int) (s.pingIntervalMillis() / 1000),
                    (int) (s.pingTimeoutMillis() / 1000), s.localDiscovery(), core.random());
        }
        sendProbes(peer, peer.prober.onKeyAccepted(core.now(), likelyFrame(peer)));
    }

    /** The largest frame a 1500-byte Ethernet underlay carries to this peer (PmtuProber's first guess). */
    private static int likelyFrame(PeerData peer) {
        if (peer.outbound == null || peer.udpAddress == null || peer.outbound.key().compression() > 0) {
            return 0; // compressed probes shrink unpredictably: leave it to tincd's schedule
        }
        boolean ipv6 = peer.udpAddress.getAddress() instanceof Inet6Address;
        return DataSizes.largestFrame(1500, ipv6, peer.outbound.key().cipher(), peer.outbound.key().effectiveMacLength());
    }

    void tickProbes(long now) {
        core.forEachPeer(peer -> {
            if (peer.prober != null && peer.validKey() && core.graph().snapshot().reachable(peer.name)) {
                sendProbes(peer, peer.prober.tick(now));
                // Compared with what the router uses, not with the value before this tick: the mtu may have been
                // lowered by an EMSGSIZE in between, and a snapshot that still said 1518 sent every full-size frame
                // over TCP (no Packet Too Big, and bigger than minmtu) until something else rebuilt it.
                int published = core.routes().mtuOf(peer.name);
                if (published > 0 && published != peer.prober.mtu()) {
                    core.routesChanged();
                }
            }
        });
    }

    /** The kernel refused a probe as too big for the interface: lower maxmtu/mtu and republish the routes. */
    private void onEmsgsize(PeerData peer, PmtuProber prober, int frameLength) {
        int before = prober.mtu();
        prober.onEmsgsize(frameLength);
        if (prober.mtu() != before && peer.prober == prober) {
            core.routesChanged();
        }
    }

    private void sendProbes(PeerData peer, List<PmtuProber.Probe> probes) {
        for (PmtuProber.Probe p : probes) {
            if (!peer.validKey() || peer.udpAddress == null) {
                return;
            }
            probe.clear();
            MtuProbes.writeRequest(probe, 0, p.length(), core.random());
            probe.position(0).limit(p.length());
            encodeAndSend(peer, probe, peer.prober);
        }
    }

    // ---- addresses ----

    void updateUdpAddress(String node, InetSocketAddress address) {
        PeerData peer = core.peer(node);
        InetSocketAddress a = address == null ? null : unmapped(address);
        if (peer.udpAddress != null) {
            byAddress.remove(peer.udpAddress, node);
        }
        peer.udpAddress = a;
        if (a != null) {
            String previous = byAddress.put(a, node);
            if (previous != null && !previous.equals(node)) {
                core.peer(previous).udpAddress = null;
            }
            Log.debug(Log.TRAFFIC, "UDP address of " + node + " set to " + peer.hostname());
        }
        core.graph().updateNodeUdp(node, a);
    }

    private static InetSocketAddress unmapped(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (ip instanceof Inet6Address) {
            byte[] b = ip.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return new InetSocketAddress(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}),
                            a.getPort());
                } catch (java.net.UnknownHostException e) {
                    return a;
                }
            }
        }
        return a;
    }
}
