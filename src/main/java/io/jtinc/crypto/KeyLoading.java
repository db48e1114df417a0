package io.jtinc.crypto;

import io.jtinc.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Which key a node uses, in tincd's order (spec §11.6). The config package supplies the variable values; this
 * class decides precedence and turns every failure into an operator message naming the file and the fix.
 */
public final class KeyLoading {
    private KeyLoading() {
    }

    /**
     * Our own private key: {@code PrivateKey} (hex d, tinc.conf) together with {@code PublicKey} (hex n, our
     * host file) when PrivateKey is set; else the PEM in privateKeyFile, which must pass
     * {@link KeyFilePermissions#checkPrivate}. Returns {@link RSAPrivateKey} rather than the CRT subtype because
     * the hex form carries no primes; keys read from PEM are {@link java.security.interfaces.RSAPrivateCrtKey}.
     */
    public static RSAPrivateKey ownPrivateKey(Optional<String> privateKeyHex, Optional<String> publicKeyHex,
            Path privateKeyFile) throws ConfigException {
        if (privateKeyHex.isPresent()) {
            if (publicKeyHex.isEmpty()) {
                throw new ConfigException("PrivateKey is set but no PublicKey is; the obsolete hex form needs "
                        + "both (PublicKey = hex modulus in our host file), or remove PrivateKey and use "
                        + "PrivateKeyFile (jtincd -n NET -K makes one)");
            }
            try {
                return RsaKeyPem.privateKeyFromHex(privateKeyHex.get(), publicKeyHex.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + "; fix PrivateKey/PublicKey or use PrivateKeyFile");
            }
        }
        if (!Files.exists(privateKeyFile)) {
            throw new ConfigException(privateKeyFile, 0, "no RSA private key; generate one with jtincd -n NET -K "
                    + "(or set PrivateKeyFile)");
        }
        KeyFilePermissions.checkPrivate(privateKeyFile);
        return RsaKeyPem.readPrivateKey(privateKeyFile);
    }

    /**
     * A node's public key, first match wins as in tincd: {@code PublicKey} hex (e = 0xFFFF), else
     * {@code PublicKeyFile} (an error there is final: tincd does not fall back to the host file), else the host
     * file itself ({@code hosts/NODE}). In each file "RSA PUBLIC KEY" beats "PUBLIC KEY".
     */
    public static RSAPublicKey peerPublicKey(Optional<String> publicKeyHex, Optional<Path> publicKeyFile,
            Path hostFile) throws ConfigException {
        String node = String.valueOf(hostFile.getFileName());
        if (publicKeyHex.isPresent()) {
            try {
                return RsaKeyPem.publicKeyFromHex(publicKeyHex.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(hostFile, 0, e.getMessage() + " (the public key of " + node + ")");
            }
        }
        if (publicKeyFile.isPresent()) {
            return RsaKeyPem.readPublicKey(publicKeyFile.get());
        }
        String advice = "; run jtincd -n NET -K on " + node + " and copy its hosts/" + node + " here";
        if (!Files.exists(hostFile)) {
            throw new ConfigException(hostFile, 0, "no host file, so no public key for " + node + advice);
        }
        String text = RsaKeyPem.readText(hostFile, "host file");
        return RsaKeyPem.findPublicKey(hostFile, text).orElseThrow(
                () -> new ConfigException(hostFile, 0, "no public key for " + node + " in hosts/" + node + advice));
    }
}
