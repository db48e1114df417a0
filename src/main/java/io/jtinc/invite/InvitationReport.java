package io.jtinc.invite;

import io.jtinc.config.NetDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dump invitations}, read from the files (no daemon needed): one line per invitation with its node, state
 * (pending, used, expired), expiry and the assigned /64 and transfer address; with --json one JSON object per line.
 */
public final class InvitationReport {
    private InvitationReport() {
    }

    public static List<String> lines(NetDirectory directory, long nowMillis, boolean json) {
        List<String> out = new ArrayList<>();
        for (InvitationStore.Entry e : new InvitationStore(directory).list(nowMillis)) {
            Invitation inv = e.invitation();
            String state = e.state().name().toLowerCase(java.util.Locale.ROOT);
            String expires = Instant.ofEpochMilli(inv.expiresMillis()).toString();
            String subnet = inv.delegation().map(Delegation::subnet).orElse(null);
            String address = inv.delegation().map(Delegation::transferAddress).orElse(null);
            if (json) {
                out.add("{\"node\":\"" + inv.node() + "\",\"state\":\"" + state + "\",\"expires\":\"" + expires
                        + "\",\"subnet\":" + quoted(subnet) + ",\"address\":" + quoted(address) + "}");
            } else {
                out.add(inv.node() + " " + state + " expires " + expires
                        + (subnet == null ? "" : " subnet " + subnet + " address " + address));
            }
        }
        return out;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
