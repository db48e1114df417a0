package io.jtinc.invite;

import java.util.Optional;

/**
 * One invitation as the hub keeps it: the node it is for, its expiry (epoch milliseconds), the HKDF salt derived
 * from the secret (never the secret), whether it may replace an existing hosts/NODE, and the delegation assigned
 * when it was issued (empty when the hub has no DelegationPrefix).
 */
public record Invitation(String id, String node, long expiresMillis, byte[] keySalt, boolean force,
        Optional<Delegation> delegation) {

    public Invitation {
        keySalt = keySalt.clone();
    }

    @Override
    public byte[] keySalt() {
        return keySalt.clone();
    }

    public boolean expired(long nowMillis) {
        return nowMillis >= expiresMillis;
    }
}
