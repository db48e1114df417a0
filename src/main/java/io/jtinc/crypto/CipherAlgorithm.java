package io.jtinc.crypto;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A packet cipher tinc peers name by OpenSSL NID (ANS_KEY, METAKEY) and operators by OpenSSL name ({@code Cipher}
 * in tinc.conf). Immutable and shareable between threads; {@link #newEngine} creates the thread-confined part.
 */
public final class CipherAlgorithm {
    /**
     * {@code Cipher = none}: NID 0 and a key material of exactly one byte. tincd 1.0.35+ rejects an ANS_KEY with
     * cipher 0 and any other key length (CVE-2018-16758: a bit-flipped cipher field could otherwise switch a peer
     * to plaintext; a flip cannot shorten the hex key).
     */
    public static final CipherAlgorithm NONE = new CipherAlgorithm(0, "none", List.of(), 0, 0, 1, CipherMode.NONE,
            null, null);

    private final int nid;
    private final String name;
    private final List<String> aliases;
    private final int keyLength;
    private final int ivLength;
    private final int blockSize;
    private final CipherMode mode;
    private final String jcaAlgorithm;
    private final String jcaTransformation;

    CipherAlgorithm(int nid, String name, List<String> aliases, int keyLength, int ivLength, int blockSize,
            CipherMode mode, String jcaAlgorithm, String jcaTransformation) {
        this.nid = nid;
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.blockSize = blockSize;
        this.mode = mode;
        this.jcaAlgorithm = jcaAlgorithm;
        this.jcaTransformation = jcaTransformation;
    }

    /** OpenSSL NID as sent in ANS_KEY/METAKEY; 0 for none. */
    public int nid() {
        return nid;
    }

    /** OpenSSL's lower-case long name ({@code aes-256-cbc}, {@code bf-cbc}, {@code none}). */
    public String name() {
        return name;
    }

    /** Other names OpenSSL accepts for it (lower case), e.g. {@code aes256}, {@code blowfish}. */
    public List<String> aliases() {
        return aliases;
    }

    /** Cipher key bytes (EVP_CIPHER_key_length); 0 for none. */
    public int keyLength() {
        return keyLength;
    }

    /** IV bytes (EVP_CIPHER_iv_length); 0 for none. */
    public int ivLength() {
        return ivLength;
    }

    /**
     * Bytes of key material in ANS_KEY: key then IV (the opposite of the meta key layout), 48 for aes-256-cbc,
     * 24 for bf-cbc, and 1 for none (tincd's {@code inkeylength = 1}).
     */
    public int keyMaterialLength() {
        return mode == CipherMode.NONE ? 1 : keyLength + ivLength;
    }

    /** Cipher block size; 1 for stream modes and none, as OpenSSL reports. */
    public int blockSize() {
        return blockSize;
    }

    public CipherMode mode() {
        return mode;
    }

    public boolean isNone() {
        return mode == CipherMode.NONE;
    }

    /** Ciphertext length for a plaintext length: PKCS#7 always adds 1..blockSize bytes in CBC. */
    public int ciphertextLength(int plaintextLength) {
        return mode.padded() ? (plaintextLength / blockSize + 1) * blockSize : plaintextLength;
    }

    String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    String jcaTransformation() {
        return jcaTransformation;
    }

    /**
     * A new keyed context. {@code material} is the ANS_KEY material (key first, then IV), at least
     * {@link #keyMaterialLength()} bytes; it is copied, the caller may wipe its array afterwards.
     */
    public CipherEngine newEngine(boolean encrypt, byte[] material) {
        Objects.requireNonNull(material, "material");
        if (material.length < keyMaterialLength()) {
            throw new IllegalArgumentException(name + " needs " + keyMaterialLength() + " bytes of key material");
        }
        if (mode == CipherMode.NONE) {
            return NullCipherEngine.INSTANCE;
        }
        if (jcaAlgorithm.equals("Blowfish")) {
            return new BcBlowfishCbcEngine(this, encrypt, material);
        }
        return new JcaCipherEngine(this, encrypt, material);
    }

    boolean hasName(String candidate) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        return name.equals(lower) || aliases.contains(lower);
    }

    @Override
    public String toString() {
        return name + " (" + nid + ")";
    }
}
