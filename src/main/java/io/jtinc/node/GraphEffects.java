package io.jtinc.node;

import io.jtinc.graph.GraphEffect;
import io.jtinc.log.Log;
import io.jtinc.route.MacLearner;
import java.util.List;
import java.util.Optional;

/** Carries out what the graph asks for after a topology change, in its order (see {@link GraphEffect}). */
final class GraphEffects {
    private GraphEffects() {
    }

    static void apply(NodeCore core, List<GraphEffect> effects) {
        String me = core.settings().myName();
        // A node that became unreachable keeps its UDP address until its subnet-down scripts have run: tincd's
        // graph.c runs them with REMOTEADDRESS/REMOTEPORT and only then calls update_node_udp(n, NULL).
        String forgetAfterSubnets = null;
        for (GraphEffect effect : effects) {
            if (forgetAfterSubnets != null
                    && !(effect instanceof GraphEffect.SubnetDown d && d.owner().equals(forgetAfterSubnets))) {
                forget(core, forgetAfterSubnets);
                forgetAfterSubnets = null;
            }
            if (effect instanceof GraphEffect.Broadcast b) {
                for (PeerConnection c : core.activeConnections()) {
                    if (c != b.except()) {
                        c.sendLine(b.line());
                    }
                }
            } else if (effect instanceof GraphEffect.Send s) {
                ((PeerConnection) s.connection()).sendLine(s.line());
            } else if (effect instanceof GraphEffect.Fatal f) {
                PeerConnection c = (PeerConnection) f.connection();
                core.counters().badRequests.increment();
                Log.error("Got bad request from " + c + ": " + f.reason());
                c.fail();
            } else if (effect instanceof GraphEffect.SubnetUp s) {
                core.routesChanged();
                core.scripts().subnetUp(s.owner(), s.subnet(), address(core, s.owner()), port(core, s.owner()));
            } else if (effect instanceof GraphEffect.SubnetDown s) {
                core.routesChanged();
                core.scripts().subnetDown(s.owner(), s.subnet(), address(core, s.owner()), port(core, s.owner()));
            } else if (effect instanceof GraphEffect.ReachabilityChanged r) {
                reachability(core, r);
                if (!r.reachable()) {
                    forgetAfterSubnets = r.node();
                }
            } else if (effect instanceof GraphEffect.UdpAddressLearned u) {
                if (core.peer(u.node()).udpAddress == null) {
                    core.dataPlane().updateUdpAddress(u.node(), u.address());
                }
            } else if (effect instanceof GraphEffect.KeyChanged k) {
                if (!k.node().equals(me)) {
                    core.keys().onKeyChanged(k.node());
                }
            } else if (effect instanceof GraphEffect.ExpireLearnedMac m && core.learner() != null) {
                core.learner().expireNow(MacLearner.macOf(m.subnet()), core.now());
            }
        }
        if (forgetAfterSubnets != null) {
            forget(core, forgetAfterSubnets);
        }
    }

    private static void reachability(NodeCore core, GraphEffect.ReachabilityChanged r) {
        PeerData peer = core.peer(r.node());
        String host = peer.udpAddress == null ? "unknown" : io.jtinc.net.Addresses.host(peer.udpAddress);
        String port = peer.udpAddress == null ? "unknown" : Integer.toString(peer.udpAddress.getPort());
        Log.info(Log.TRAFFIC, "Node " + r.node() + " (" + peer.hostname() + ") became "
                + (r.reachable() ? "reachable" : "unreachable"));
        peer.resetOnReachabilityChange();
        core.routesChanged();
        if (r.reachable()) {
            core.scripts().hostUp(r.node(), host, port);
            if (r.connection() != null) {
                core.keys().sendAnsKey(r.node());
            }
        } else {
            core.scripts().hostDown(r.node(), host, port);
        }
    }

    /** The end of an unreachable node's block, after its SubnetDown effects. */
    private static void forget(NodeCore core, String node) {
        core.dataPlane().updateUdpAddress(node, null);
        core.peer(node).dropInboundKey();
    }

    private static Optional<String> address(NodeCore core, String owner) {
        PeerData p = core.existingPeer(owner);
        return owner.equals(core.settings().myName()) || p == null || p.udpAddress == null ? Optional.empty()
                : Optional.of(io.jtinc.net.Addresses.host(p.udpAddress));
    }

    private static Optional<String> port(NodeCore core, String owner) {
        PeerData p = core.existingPeer(owner);
        return owner.equals(core.settings().myName()) || p == null || p.udpAddress == null ? Optional.empty()
                : Optional.of(Integer.toString(p.udpAddress.getPort()));
    }
}
