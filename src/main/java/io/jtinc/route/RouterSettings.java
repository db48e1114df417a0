package io.jtinc.route;

import io.jtinc.config.Broadcast;
import io.jtinc.config.Forwarding;
import io.jtinc.config.Mode;

import java.util.Objects;

/**
 * The tinc.conf options that steer per-frame routing (spec §8, §11.3). {@code overwriteMac} is tincd's
 * overwrite_mac: router mode on a TAP device (linux/device.c), where local deliveries get the interface MAC as
 * destination and ARP/NDP are answered by us.
 */
public record RouterSettings(Mode mode, Forwarding forwarding, Broadcast broadcast, boolean tunnelServer,
        boolean decrementTtl, boolean directOnly, boolean overwriteMac) {
    public RouterSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(broadcast, "broadcast");
    }

    /** tincd's defaults for a mode: Forwarding internal, Broadcast mst, everything else off. */
    public static RouterSettings defaults(Mode mode) {
        return new RouterSettings(mode, Forwarding.INTERNAL, Broadcast.MST, false, false, false, false);
    }

    public RouterSettings withForwarding(Forwarding f) {
        return new RouterSettings(mode, f, broadcast, tunnelServer, decrementTtl, directOnly, overwriteMac);
    }

    public RouterSettings withBroadcast(Broadcast b) {
        return new RouterSettings(mode, forwarding, b, tunnelServer, decrementTtl, directOnly, overwriteMac);
    }

    public RouterSettings withTunnelServer(boolean on) {
        return new RouterSettings(mode, forwarding, broadcast, on, decrementTtl, directOnly, overwriteMac);
    }

    public RouterSettings withDecrementTtl(boolean on) {
        return new RouterSettings(mode, forwarding, broadcast, tunnelServer, on, directOnly, overwriteMac);
    }

    public RouterSettings withDirectOnly(boolean on) {
        return new RouterSettings(mode, forwarding, broadcast, tunnelServer, decrementTtl, on, overwriteMac);
    }

    public RouterSettings withOverwriteMac(boolean on) {
        return new RouterSettings(mode, forwarding, broadcast, tunnelServer, decrementTtl, directOnly, on);
    }
}
