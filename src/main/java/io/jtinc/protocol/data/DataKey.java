package io.jtinc.protocol.data;

import io.jtinc.crypto.CipherAlgorithm;
import io.jtinc.crypto.DigestAlgorithm;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One direction's UDP key as carried by ANS_KEY: the key material (cipher key first, then IV; spec §4.2) and the
 * algorithms the receiving node chose. Immutable and safe to share between threads; the material never leaves
 * except as ANS_KEY hex ({@link #hexMaterial()}) and into cipher/HMAC contexts. {@link #toString()} omits it.
 */
public final class DataKey {
    private final CipherAlgorithm cipher;
    private final DigestAlgorithm digest;
    private final int macLength;
    private final int compression;
    private final byte[] material;

    DataKey(CipherAlgorithm cipher, DigestAlgorithm digest, int macLength, int compression, byte[] material) {
        this.cipher = Objects.requireNonNull(cipher);
        this.digest = Objects.requireNonNull(digest);
        this.macLength = macLength;
        this.compression = compression;
        this.material = material.clone();
    }

    /**
     * A fresh inbound key for one peer (tincd's send_ans_key): {@code cipher.keyMaterialLength()} bytes from
     * {@code random}, key first then IV. Every REQ_KEY gets a new one. The parameters are the local node's own
     * configuration, checked the way tincd checks it at startup.
     *
     * @param macLength announced MACLength; ignored on the wire when {@code digest} is none (tincd still sends it)
     * @param compression 0..9 (zlib); 10/11 (LZO) are not implemented by jtinc
     * @throws IllegalArgumentException for a configuration tincd would refuse, or LZO
     */
    public static DataKey generate(CipherAlgorithm cipher, DigestAlgorithm digest, int macLength, int compression,
            SecureRandom random) {
        if (!digest.isNone() && (macLength < 0 || macLength > digest.size())) {
            throw new IllegalArgumentException("MAC length exceeds size of digest!");
        }
        if (compression < 0 || compression > 11) {
            throw new IllegalArgumentException("Bogus compression level!");
        }
        if (compression > 9) {
            throw new IllegalArgumentException("Compression " + compression + " is LZO, which jtinc does not implement");
        }
        byte[] m = new byte[cipher.keyMaterialLength()];
        random.nextBytes(m);
        DataKey key = new DataKey(cipher, digest, macLength, compression, m);
        java.util.Arrays.fill(m, (byte) 0);
        return key;
    }

    public CipherAlgorithm cipher() {
        return cipher;
    }

    public DigestAlgorithm digest() {
        return digest;
    }

    /** The MACLength field as announced in ANS_KEY. */
    public int macLength() {
        return macLength;
    }

    /** MAC bytes actually on each datagram: 0 when the digest is none, else {@link #macLength()}. */
    public int effectiveMacLength() {
        return digest.isNone() ? 0 : macLength;
    }

    /** Compression level the receiver asked for: 0 none, 1..9 zlib. */
    public int compression() {
        return compression;
    }

    public int materialLength() {
        return material.length;
    }

    /** The material as ANS_KEY's HEXKEY field: uppercase, like tincd's bin2hex. Never log it. */
    public String hexMaterial() {
        return HexFormat.of().withUpperCase().formatHex(material);
    }

    /** The raw material for cipher and HMAC contexts in this package; callers must not modify it. */
    byte[] material() {
        return material;
    }

    @Override
    public String toString() {
        return "DataKey[" + cipher + ", " + digest + ", maclen " + macLength + ", compression " + compression + "]";
    }
}
