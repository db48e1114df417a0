package io.jtinc.protocol.meta;

import io.jtinc.config.HostConfig;

/**
 * The ACK option bits (connection.h) and tincd's rules for them (protocol_auth.c:send_ack/ack_h, spec §3.7).
 */
public final class ConnectionOptions {
    public static final int INDIRECT = 0x1;
    public static final int TCPONLY = 0x2;
    public static final int PMTU_DISCOVERY = 0x4;
    public static final int CLAMP_MSS = 0x8;

    private ConnectionOptions() {
    }

    /**
     * myself->options from our own merged config (net_setup.c:setup_myself): IndirectData, TCPOnly (implies
     * INDIRECT), PMTUDiscovery (default on unless TCPOnly), ClampMSS (default on).
     */
    public static int mine(HostConfig me) {
        int o = 0;
        if (me.indirectData()) {
            o |= INDIRECT;
        }
        if (me.tcpOnly()) {
            o |= TCPONLY | INDIRECT;
        }
        if (me.pmtuDiscovery()) {
            o |= PMTU_DISCOVERY;
        }
        if (me.clampMss()) {
            o |= CLAMP_MSS;
        }
        return o;
    }

    /** The options we put in our ACK: our own bits plus the peer host file's IndirectData/TCPOnly/ClampMSS. */
    static int forAck(int mine, PeerOverrides peer) {
        int o = 0;
        if (peer.indirectData() || (mine & INDIRECT) != 0) {
            o |= INDIRECT;
        }
        if (peer.tcpOnly() || (mine & TCPONLY) != 0) {
            o |= TCPONLY | INDIRECT;
        }
        if ((mine & PMTU_DISCOVERY) != 0 && (o & TCPONLY) == 0) {
            o |= PMTU_DISCOVERY;
        }
        boolean clamp = peer.clampMss() != null ? peer.clampMss() : (mine & CLAMP_MSS) != 0;
        if (clamp) {
            o |= CLAMP_MSS;
        }
        return o;
    }

    /**
     * The connection's options once the peer's ACK arrived (ack_h): PMTU discovery only if both sides set it,
     * every other received bit ORed in (a 1.1 peer's top byte included), then the peer host file's ClampMSS wins.
     */
    static int afterAck(int sent, int received, PeerOverrides peer) {
        int o = sent;
        int his = received;
        if ((o & his & PMTU_DISCOVERY) == 0) {
            o &= ~PMTU_DISCOVERY;
            his &= ~PMTU_DISCOVERY;
        }
        o |= his;
        if (peer.clampMss() != null) {
            o = peer.clampMss() ? o | CLAMP_MSS : o & ~CLAMP_MSS;
        }
        return o;
    }
}
