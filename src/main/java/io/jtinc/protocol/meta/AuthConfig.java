package io.jtinc.protocol.meta;

import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;

/**
 * Everything a meta connection needs from the daemon. Immutable; one instance may be shared by all connections.
 *
 * @param myName our Name
 * @param privateKey our RSA private key (its modulus sizes the METAKEY and CHALLENGE we accept)
 * @param udpCipherKeyLength key length in bytes of our UDP Cipher (32 for the default aes-256-cbc, 0 for none);
 *     it picks the meta cipher we announce, as tincd does
 * @param myPort the port string we announce in ACK (tincd's myport: our Port as configured, "655" by default)
 * @param myOptions our option bits, {@link ConnectionOptions#mine}
 * @param pingIntervalMillis PingInterval (60 s default)
 * @param pingTimeoutMillis PingTimeout (5 s default): the handshake deadline and the PONG deadline
 * @param peerLookup resolves a peer name to its key and host config
 * @param counters rejection counters (shared)
 * @param random source for the meta keys and challenges
 */
public record AuthConfig(String myName, RSAPrivateKey privateKey, int udpCipherKeyLength, String myPort,
        int myOptions, long pingIntervalMillis, long pingTimeoutMillis, PeerLookup peerLookup, MetaCounters counters,
        SecureRandom random) {
    public AuthConfig {
        Objects.requireNonNull(myName, "myName");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(myPort, "myPort");
        Objects.requireNonNull(peerLookup, "peerLookup");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(random, "random");
        if (pingIntervalMillis <= 0 || pingTimeoutMillis <= 0) {
            throw new IllegalArgumentException("PingInterval and PingTimeout must be positive");
        }
    }

    /** The meta cipher NID we announce in METAKEY (421/425/429). */
    public int metaCipherNid() {
        return MetaCiphers.forUdpKeyLength(udpCipherKeyLength);
    }

    /** RSA_size of our own key: incoming METAKEY and CHALLENGE hex must be exactly twice this. */
    int ownKeySize() {
        return RawRsa.size(privateKey);
    }

    @Override
    public String toString() {
        // Never print the private key (records would by default).
        return "AuthConfig[" + myName + ", key " + (privateKey instanceof RSAPrivateCrtKey ? "crt" : "plain") + "]";
    }
}
