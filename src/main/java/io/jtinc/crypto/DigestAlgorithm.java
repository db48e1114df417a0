package io.jtinc.crypto;

import java.util.List;
import java.util.Locale;

/**
 * A packet digest tinc peers name by OpenSSL NID and operators by OpenSSL name ({@code Digest}). Immutable and
 * shareable; {@link #newHmac} creates the thread-confined part.
 */
public final class DigestAlgorithm {
    /** {@code Digest = none}: NID 0, no MAC on packets whatever MACLength says. */
    public static final DigestAlgorithm NONE = new DigestAlgorithm(0, "none", List.of(), 0, 0, null, null);

    private final int nid;
    private final String name;
    private final List<String> aliases;
    private final int size;
    private final int blockSize;
    private final String jcaDigest;
    private final String hmacAlgorithm;

    DigestAlgorithm(int nid, String name, List<String> aliases, int size, int blockSize, String jcaDigest,
            String hmacAlgorithm) {
        this.nid = nid;
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.size = size;
        this.blockSize = blockSize;
        this.jcaDigest = jcaDigest;
        this.hmacAlgorithm = hmacAlgorithm;
    }

    /** OpenSSL NID; 0 for none. */
    public int nid() {
        return nid;
    }

    /** OpenSSL's lower-case name ({@code sha256}). */
    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** Output bytes (EVP_MD_size): the upper bound of MACLength. 0 for none. */
    public int size() {
        return size;
    }

    /** Internal block size, the HMAC pad length (64, or 128 for SHA-384/512). */
    public int blockSize() {
        return blockSize;
    }

    /** JCA MessageDigest name ({@code SHA-256}); null for none. */
    public String jcaDigest() {
        return jcaDigest;
    }

    /** JCA Mac name ({@code HmacSHA256}); null for none. */
    public String hmacAlgorithm() {
        return hmacAlgorithm;
    }

    public boolean isNone() {
        return nid == 0;
    }

    /** A new HMAC context keyed with {@code key} (tinc: the full ANS_KEY material). */
    public HmacEngine newHmac(byte[] key) {
        if (isNone()) {
            throw new IllegalStateException("digest none has no HMAC");
        }
        return new HmacEngine(this, key);
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
