package io.jtinc.protocol.meta;

import io.jtinc.config.HostConfig;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * What the peer lookup returns for a name: its RSA public key, its host config (passed through to
 * {@link PeerInfo}; may be null in tests) and the overrides taken from it.
 */
public record PeerCredentials(RSAPublicKey publicKey, HostConfig host, PeerOverrides overrides) {
    public PeerCredentials {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(overrides, "overrides");
    }

    public static PeerCredentials of(RSAPublicKey publicKey, HostConfig host) {
        return new PeerCredentials(publicKey, host, PeerOverrides.of(host));
    }
}
