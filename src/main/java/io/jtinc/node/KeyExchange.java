package io.jtinc.node;

import io.jtinc.graph.RoutingSnapshot.NodeRoute;
import io.jtinc.log.Log;
import io.jtinc.net.Addresses;
import io.jtinc.protocol.data.AnsKeyCheck;
import io.jtinc.protocol.data.DataKey;
import io.jtinc.protocol.data.PacketDecoder;
import io.jtinc.protocol.data.PacketEncoder;
import io.jtinc.protocol.meta.MetaRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The data-channel keys (spec §4): the receiver chooses. We generate a fresh key for a node on every REQ_KEY
 * from it and push one when a direct neighbour becomes reachable; a node's ANS_KEY gives us the key we encrypt
 * with. REQ_KEY and ANS_KEY for others are routed hop by hop along nexthop. Every KeyExpire we drop all our
 * inbound keys, flood KEY_CHANGED and hand new keys to our direct neighbours. Loop-confined.
 */
final class KeyExchange {
    /** tincd sends REQ_KEY at most once every 10 s per node (send_udppacket). */
    static final long REQ_KEY_INTERVAL_MILLIS = 10_000;

    private final NodeCore core;
    private long nextExpiryMillis;

    KeyExchange(NodeCore core, long now) {
        this.core = core;
        this.nextExpiryMillis = now + core.settings().keyExpireMillis();
    }

    /** send_ans_key: a new key for {@code to}, our decoder reset, the key sent towards it. */
    void sendAnsKey(String to) {
        NodeRoute route = core.graph().snapshot().node(to);
        if (route == null || !route.reachable()) {
            return;
        }
        PeerData peer = core.peer(to);
        CoreSettings s = core.settings();
        DataKey key = DataKey.generate(s.cipher(), s.digest(), s.macLength(), s.compression(), core.secureRandom());
        peer.replaceInbound(new PacketDecoder(key, s.replayWindowBytes(), to, peer.hostname()), graceUntil());
        MetaRequest.AnsKey line = new MetaRequest.AnsKey(s.myName(), to, key.hexMaterial(), s.cipher().nid(),
                s.digest().nid(), s.macLength(), s.compression(), null, null);
        Log.debug(Log.PROTOCOL, "Sending ANS_KEY to " + to);
        core.sendTo(route.nexthop(), line.format());
    }

    /** REQ_KEY for a node we have no valid key for, rate-limited. */
    void maybeRequestKey(String node, long now) {
        PeerData peer = core.peer(node);
        if (peer.lastReqKeyMillis + REQ_KEY_INTERVAL_MILLIS <= now) {
            peer.lastReqKeyMillis = now;
            NodeRoute route = core.graph().snapshot().node(node);
            if (route != null && route.reachable()) {
                Log.debug(Log.PROTOCOL, "Sending REQ_KEY to " + node);
                core.sendTo(route.nexthop(), new MetaRequest.ReqKey(core.settings().myName(), node).format());
            }
        }
    }

    void onReqKey(PeerConnection from, MetaRequest.ReqKey req, String rawLine) {
        if (!core.graph().snapshot().nodes().containsKey(req.from())) {
            Log.error("Got REQ_KEY from " + from + " origin " + req.from() + " which does not exist");
            core.counters().badRequests.increment();
            return;
        }
        if (req.to().equals(core.settings().myName())) {
            sendAnsKey(req.from());
            return;
        }
        if (core.settings().tunnelServer()) {
            return;
        }
        NodeRoute to = core.graph().snapshot().node(req.to());
        if (to == null || !to.reachable()) {
            core.counters().keyUnroutable.increment();
            Log.info(Log.PROTOCOL, "Got REQ_KEY from " + from + " destination " + req.to()
                    + " which is not reachable");
            return;
        }
        core.sendTo(to.nexthop(), rawLine);
    }

    void onAnsKey(PeerConnection from, MetaRequest.AnsKey ans, String rawLine) {
        String me = core.settings().myName();
        if (!core.graph().snapshot().nodes().containsKey(ans.from())) {
            Log.error("Got ANS_KEY from " + from + " origin " + ans.from() + " which does not exist");
            core.counters().badRequests.increment();
            return;
        }
        if (!ans.to().equals(me)) {
            forwardAnsKey(from, ans, rawLine);
            return;
        }
        PeerData peer = core.peer(ans.from());
        // ans_key_h clears validkey first: a rejected key leaves us without one, so traffic falls back to TCP.
        peer.dropOutboundKey();
        AnsKeyCheck.Result result = AnsKeyCheck.check(ans.keyHex(), ans.cipherNid(), ans.digestNid(),
                ans.macLength(), ans.compression());
        if (!result.accepted()) {
            core.counters().keyRejections.increment();
            Log.error(result.rejection().orElseThrow().message(ans.from(), peer.hostname()));
            return;
        }
        peer.outbound = new PacketEncoder(result.key().orElseThrow(), ans.from(), peer.hostname());
        if (ans.address() != null) {
            learnReflexiveAddress(ans.from(), ans.address(), ans.port());
        }
        core.dataPlane().onKeyAccepted(ans.from());
    }

    /**
     * A relay appends the origin's reflexive UDP address, as seen by the relay, when the line has none and the
     * relay has a working UDP path to the destination (§4.2): that is how nodes behind NAT find each other.
     */
    private void forwardAnsKey(PeerConnection from, MetaRequest.AnsKey ans, String rawLine) {
        if (core.settings().tunnelServer()) {
            return;
        }
        NodeRoute to = core.graph().snapshot().node(ans.to());
        if (to == null || !to.reachable()) {
            core.counters().keyUnroutable.increment();
            Log.info(Log.PROTOCOL, "Got ANS_KEY from " + from + " destination " + ans.to()
                    + " which is not reachable");
            return;
        }
        String line = rawLine;
        PeerData origin = core.peer(ans.from());
        if (ans.address() == null && origin.udpAddress != null && core.peer(ans.to()).minMtu() > 0) {
            line = rawLine + " " + Addresses.host(origin.udpAddress) + " " + origin.udpAddress.getPort();
        }
        core.sendTo(to.nexthop(), line);
    }

    private void learnReflexiveAddress(String node, String address, String port) {
        try {
            if (!port.matches("\\d{1,5}") || !address.matches("[0-9a-fA-F:.]+")) {
                return;
            }
            InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(address), Integer.parseInt(port));
            core.dataPlane().updateUdpAddress(node, a);
        } catch (Exception e) {
            Log.debug(Log.PROTOCOL, "Ignoring bad address in ANS_KEY for " + node);
        }
    }

    /** How long a replaced inbound key stays valid: a couple of round trips of the meta connection. */
    private long graceUntil() {
        return core.now() + 2 * core.settings().pingTimeoutMillis();
    }

    /** KEY_CHANGED from a node: its key is gone; the next packet to it asks for a new one. */
    void onKeyChanged(String node) {
        PeerData peer = core.peer(node);
        peer.dropOutboundKey();
        peer.lastReqKeyMillis = Long.MIN_VALUE / 2;
    }

    /** KeyExpire, or a received seqno past 2^30: everything we handed out is replaced (§4.4). */
    void tick(long now, boolean forced) {
        if (!forced && now < nextExpiryMillis) {
            return;
        }
        nextExpiryMillis = now + core.settings().keyExpireMillis();
        Log.info(Log.STATUS, "Expiring symmetric keys");
        long grace = graceUntil();
        core.forEachPeer(p -> p.retireInbound(grace));
        core.execute(core.graph().originateKeyChanged(), null);
        for (PeerConnection c : core.activeConnections()) {
            if (core.graph().snapshot().reachable(c.name())) {
                sendAnsKey(c.name());
            }
        }
    }
}
