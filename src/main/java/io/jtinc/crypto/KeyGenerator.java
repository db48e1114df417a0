package io.jtinc.crypto;

import io.jtinc.config.ConfigException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;

/** RSA key generation and the {@code -K} command (spec §11.6). */
public final class KeyGenerator {
    public static final int DEFAULT_BITS = 2048;
    public static final int MIN_BITS = 1024;
    public static final int MAX_BITS = 8192;

    /** tincd's progress and warning texts (observed from tincd 1.0.36 -K; it prints them on stderr). */
    static final String OLD_KEYS_WARNING = "Warning: old key(s) found and disabled.";

    private KeyGenerator() {
    }

    /**
     * Validates and rounds the size, then generates with e = 65537 (what tincd uses).
     *
     * @throws ConfigException when bits is outside {@value #MIN_BITS}..{@value #MAX_BITS}
     */
    public static KeyPair generate(int bits) throws ConfigException {
        int size = checkBits(bits);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(size, RSAKeyGenParameterSpec.F4), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + size + "-bit RSA key", e);
        }
    }

    /**
     * The size actually generated: bits rounded down to a multiple of 8, as tincd does. Unlike tincd (which only
     * rejects &lt; 512) both ends are bounded.
     */
    static int checkBits(int bits) throws ConfigException {
        if (bits < MIN_BITS) {
            throw new ConfigException("invalid key size " + bits + ": RSA keys smaller than " + MIN_BITS
                    + " bits are too weak; use " + MIN_BITS + ".." + MAX_BITS + " (default " + DEFAULT_BITS + ")");
        }
        if (bits > MAX_BITS) {
            throw new ConfigException("invalid key size " + bits + ": RSA keys larger than " + MAX_BITS
                    + " bits cannot fit the protocol's 2176-byte meta lines; use " + MIN_BITS + ".." + MAX_BITS
                    + " (default " + DEFAULT_BITS + ")");
        }
        return bits & ~7;
    }

    /**
     * What {@code tincd -K} does, without ever prompting: generate, append the private key to privateKeyFile
     * (mode 0600) and the public key to publicKeyFile (hosts/NAME, or rsa_key.pub without a Name), each after
     * an empty line, disabling old keys in either file with one warning per file. The messages are tincd's,
     * except for its per-prime progress dots, which the JDK's generator cannot report.
     */
    public static void generateAndWrite(int bits, Path privateKeyFile, Path publicKeyFile, PrintStream out)
            throws ConfigException {
        int size = checkBits(bits);
        out.println("Generating " + size + " bits keys:");
        KeyPair pair = generate(size);
        out.println("Done.");
        if (KeyFileWriter.append(privateKeyFile, RsaKeyPem.privateKeyPem((RSAPrivateCrtKey) pair.getPrivate()),
                true)) {
            out.println(OLD_KEYS_WARNING);
        }
        if (KeyFileWriter.append(publicKeyFile, RsaKeyPem.publicKeyPem((RSAPublicKey) pair.getPublic()), false)) {
            out.println(OLD_KEYS_WARNING);
        }
        out.flush();
    }
}
