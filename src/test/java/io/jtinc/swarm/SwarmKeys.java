package io.jtinc.swarm;

import io.jtinc.crypto.KeyGenerator;
import io.jtinc.crypto.RsaKeyPem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Keys of the simulated nodes, generated once and kept in a cache directory: RSA-1024 (tinc's minimum) because
 * a thousand 2048-bit keys take minutes to generate on two cores and the key size only changes the handshake's
 * CPU, which the hub pays per node either way. The hub's hosts/ gets each public key, as an operator would add it.
 */
final class SwarmKeys {
    static final int BITS = 1024;

    private SwarmKeys() {
    }

    static String name(int i) {
        return String.format("swarm%04d", i);
    }

    /** Makes sure keys 0..n-1 exist in {@code cache}, and writes hosts/NAME for each into {@code hubHosts}. */
    static void prepare(Path cache, int n, Path hubHosts) throws Exception {
        Files.createDirectories(cache);
        Files.createDirectories(hubHosts);
        for (int i = 0; i < n; i++) {
            Path key = cache.resolve(name(i) + ".priv");
            if (!Files.exists(key)) {
                KeyPair pair = KeyGenerator.generate(BITS);
                Files.writeString(key, RsaKeyPem.privateKeyPem((RSAPrivateCrtKey) pair.getPrivate()));
            }
            RSAPrivateCrtKey priv = RsaKeyPem.readPrivateKey(key);
            RSAPublicKey pub = (RSAPublicKey) java.security.KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            Files.writeString(hubHosts.resolve(name(i)), RsaKeyPem.publicKeyPem(pub));
        }
    }
}
