package io.jtinc.invite;

import io.jtinc.config.ConfigException;
import io.jtinc.config.NetDirectory;
import io.jtinc.log.Log;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The daemon's entry point: makes a {@link HubHandshake} for each invitation connection. The hub's settings are
 * read again for every connection (a few small files), so invite/DelegationPrefix changes need no reload.
 */
public final class HubInvitations {
    private HubInvitations() {
    }

    public static LongFunction<HubHandshake> factory(NetDirectory directory, PrivateKey privateKey,
                                                     Consumer<List<String>> runCommand, InviteCounters counters) {
        SecureRandom random = new SecureRandom();
        return now -> {
            HubSettings hub;
            try {
                hub = HubSettings.load(directory);
            } catch (ConfigException e) {
                Log.error("Cannot answer an invitation: " + e.getMessage());
                return null;
            }
            HubEnrolment enrolment = new HubEnrolment(hub, System::currentTimeMillis, runCommand);
            return new HubHandshake(new HubHandshake.Identity(hub.name(), privateKey, hub.publicKey()), enrolment,
                    counters, random, now);
        };
    }
}
