package io.jtinc.node;

import io.jtinc.log.Log;
import io.jtinc.protocol.data.HolePunch;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Drives each peer's {@link HolePunch} (HolePunch = yes, a jtinc extension): picks the TTL of every datagram the
 * data plane sends, confirms a peer's address on authenticated UDP, and runs the punch timer for the peers with
 * an open window. Off when the transport cannot set a per-datagram TTL (NIO). Loop-confined.
 */
final class HolePunching {
    private final NodeCore core;
    private final boolean supported;
    /** Peers with an open punch window (usually none). */
    private final Set<PeerData> punching = new LinkedHashSet<>();

    HolePunching(NodeCore core, boolean lowTtlSupported) {
        this.core = core;
        this.supported = lowTtlSupported;
        if (!supported && core.settings().holePunchTtl() > 0) {
            Log.debug(Log.TRAFFIC, "No per-datagram IP TTL on this transport: UDP hole punching is off");
        }
    }

    /** The TTL of punches. */
    int ttl() {
        return core.settings().holePunchTtl();
    }

    /** Whether the next datagram to the peer goes with the punch TTL; may open a punch window. */
    boolean lowTtl(PeerData peer) {
        if (!supported || ttl() == 0 || peer.punch.confirmed(peer.udpAddress)) {
            return false;
        }
        int windows = peer.punch.windows();
        boolean low = peer.punch.lowTtl(peer.udpAddress, core.now());
        if (peer.punch.windows() != windows) {
            core.counters().udpPunchWindows.increment();
            Log.debug(Log.TRAFFIC, "Punching a hole to " + peer.name + " (" + peer.hostname() + ") with TTL "
                    + ttl());
            punching.add(peer);
        }
        return low;
    }

    /** A datagram from the peer passed its MAC (and replay check). */
    void onAuthenticated(PeerData peer, InetSocketAddress from) {
        if (from.equals(peer.udpAddress) && !peer.punch.confirmed(from)) {
            peer.punch.onAuthenticated(from);
            core.counters().udpPunchConfirmed.increment();
            Log.debug(Log.TRAFFIC, "UDP path to " + peer.name + " (" + peer.hostname() + ") works");
        }
    }

    /**
     * The punch timer: {@code sendProbe} sends a small MTU probe request to the peer, which {@link #lowTtl} then
     * sends as a punch inside the window, or with the normal TTL as the follow-up when it ended unconfirmed.
     */
    void tick(long now, Consumer<PeerData> sendProbe) {
        if (punching.isEmpty()) {
            return;
        }
        for (PeerData peer : List.copyOf(punching)) {
            HolePunch.Action action = peer.punch.tick(now);
            if (action != HolePunch.Action.NONE && peer.validKey() && peer.udpAddress != null
                    && core.graph().snapshot().reachable(peer.name)) {
                sendProbe.accept(peer);
            }
            if (!peer.punch.windowOpen()) {
                punching.remove(peer);
            }
        }
    }
}
