package io.jtinc.protocol.meta;

import io.jtinc.config.HostConfig;

/**
 * What the peer's host file (hosts/PEER) changes about our side of the handshake: only values explicitly set
 * count, as tincd's get_config_bool leaves the choice alone when a variable is absent. clampMss and weight are
 * null when not set.
 */
public record PeerOverrides(boolean indirectData, boolean tcpOnly, Boolean clampMss, Integer weight) {
    public static final PeerOverrides NONE = new PeerOverrides(false, false, null, null);

    public static PeerOverrides of(HostConfig peerHost) {
        Boolean clamp = peerHost.tree().lookup("ClampMSS").isPresent() ? peerHost.clampMss() : null;
        return new PeerOverrides(peerHost.indirectData(), peerHost.tcpOnly(), clamp, peerHost.weight().orElse(null));
    }
}
