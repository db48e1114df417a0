package io.jtinc.crypto;

import java.util.List;
import java.util.Optional;

/**
 * The cipher and digest registry: tinc's {@code Cipher}/{@code Digest} values are OpenSSL names, the wire carries
 * OpenSSL NIDs (numbers from OpenSSL's obj_mac.h; spec Appendix B). Names are matched case-insensitively, like
 * OpenSSL 3's name map, including OpenSSL's aliases ({@code aes256}, {@code bf}, {@code blowfish}, {@code sha-256}).
 * Stateless and thread-safe.
 */
public final class Algorithms {
    public static final CipherAlgorithm AES_128_CBC = aes(419, 128, CipherMode.CBC, "aes128");
    public static final CipherAlgorithm AES_192_CBC = aes(423, 192, CipherMode.CBC, "aes192");
    /** tinc 1.0.30+ default packet cipher. */
    public static final CipherAlgorithm AES_256_CBC = aes(427, 256, CipherMode.CBC, "aes256");
    public static final CipherAlgorithm AES_128_CFB = aes(421, 128, CipherMode.CFB);
    public static final CipherAlgorithm AES_192_CFB = aes(425, 192, CipherMode.CFB);
    /** The meta stream cipher of tinc 1.0.30+ with the default Cipher. */
    public static final CipherAlgorithm AES_256_CFB = aes(429, 256, CipherMode.CFB);
    public static final CipherAlgorithm AES_128_OFB = aes(420, 128, CipherMode.OFB);
    public static final CipherAlgorithm AES_192_OFB = aes(424, 192, CipherMode.OFB);
    public static final CipherAlgorithm AES_256_OFB = aes(428, 256, CipherMode.OFB);
    public static final CipherAlgorithm AES_128_CTR = aes(904, 128, CipherMode.CTR);
    public static final CipherAlgorithm AES_192_CTR = aes(905, 192, CipherMode.CTR);
    public static final CipherAlgorithm AES_256_CTR = aes(906, 256, CipherMode.CTR);
    /** tinc ≤ 1.0.29 default: 128-bit key (OpenSSL's bf-cbc default key length), 8-byte IV and blocks. */
    public static final CipherAlgorithm BF_CBC = new CipherAlgorithm(91, "bf-cbc", List.of("bf", "blowfish"), 16, 8,
            8, CipherMode.CBC, "Blowfish", null);

    public static final DigestAlgorithm MD5 = new DigestAlgorithm(4, "md5", List.of(), 16, 64, "MD5", "HmacMD5");
    public static final DigestAlgorithm SHA1 = new DigestAlgorithm(64, "sha1", List.of("sha-1"), 20, 64, "SHA-1",
            "HmacSHA1");
    public static final DigestAlgorithm SHA224 = new DigestAlgorithm(675, "sha224", List.of("sha-224", "sha2-224"),
            28, 64, "SHA-224", "HmacSHA224");
    /** tinc 1.0.30+ default packet digest (and the meta/CHAL_REPLY digest). */
    public static final DigestAlgorithm SHA256 = new DigestAlgorithm(672, "sha256", List.of("sha-256", "sha2-256"),
            32, 64, "SHA-256", "HmacSHA256");
    public static final DigestAlgorithm SHA384 = new DigestAlgorithm(673, "sha384", List.of("sha-384", "sha2-384"),
            48, 128, "SHA-384", "HmacSHA384");
    public static final DigestAlgorithm SHA512 = new DigestAlgorithm(674, "sha512", List.of("sha-512", "sha2-512"),
            64, 128, "SHA-512", "HmacSHA512");

    private static final List<CipherAlgorithm> CIPHERS = List.of(CipherAlgorithm.NONE, AES_128_CBC, AES_192_CBC,
            AES_256_CBC, AES_128_CFB, AES_192_CFB, AES_256_CFB, AES_128_OFB, AES_192_OFB, AES_256_OFB, AES_128_CTR,
            AES_192_CTR, AES_256_CTR, BF_CBC);
    private static final List<DigestAlgorithm> DIGESTS = List.of(DigestAlgorithm.NONE, MD5, SHA1, SHA224, SHA256,
            SHA384, SHA512);

    private Algorithms() {
    }

    private static CipherAlgorithm aes(int nid, int bits, CipherMode mode, String... aliases) {
        String name = "aes-" + bits + "-" + mode.name().toLowerCase(java.util.Locale.ROOT);
        // No JCA padding even for CBC: JcaCipherEngine does PKCS#7 itself (see there why).
        String transformation = "AES/" + mode.name() + "/NoPadding";
        return new CipherAlgorithm(nid, name, List.of(aliases), bits / 8, 16, mode.padded() ? 16 : 1, mode, "AES",
                transformation);
    }

    /** Every registered cipher, {@link CipherAlgorithm#NONE} first. */
    public static List<CipherAlgorithm> ciphers() {
        return CIPHERS;
    }

    /** Every registered digest, {@link DigestAlgorithm#NONE} first. */
    public static List<DigestAlgorithm> digests() {
        return DIGESTS;
    }

    /** The cipher with this NID; NID 0 gives {@link CipherAlgorithm#NONE}. Empty when unknown. */
    public static Optional<CipherAlgorithm> cipherByNid(int nid) {
        for (CipherAlgorithm c : CIPHERS) {
            if (c.nid() == nid) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The cipher for a {@code Cipher} config value; "none" (any case) gives {@link CipherAlgorithm#NONE}. */
    public static Optional<CipherAlgorithm> cipherByName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (CipherAlgorithm c : CIPHERS) {
            if (c.hasName(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The digest with this NID; NID 0 gives {@link DigestAlgorithm#NONE}. Empty when unknown. */
    public static Optional<DigestAlgorithm> digestByNid(int nid) {
        for (DigestAlgorithm d : DIGESTS) {
            if (d.nid() == nid) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The digest for a {@code Digest} config value; "none" (any case) gives {@link DigestAlgorithm#NONE}. */
    public static Optional<DigestAlgorithm> digestByName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (DigestAlgorithm d : DIGESTS) {
            if (d.hasName(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
