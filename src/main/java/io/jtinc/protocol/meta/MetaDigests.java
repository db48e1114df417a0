package io.jtinc.protocol.meta;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Digests a METAKEY may announce for the CHAL_REPLY (spec §3.6, Appendix B). tincd 1.0.30+ announces sha256
 * (672); sha1 (64) is what 1.0.29 and older sent.
 */
public final class MetaDigests {
    public static final int SHA256 = 672;
    public static final int SHA1 = 64;

    private MetaDigests() {
    }

    /** JCA name for a NID, or null when unknown. */
    static String jcaName(int nid) {
        return switch (nid) {
            case 672 -> "SHA-256";
            case 64 -> "SHA-1";
            case 673 -> "SHA-384";
            case 674 -> "SHA-512";
            case 675 -> "SHA-224";
            case 4 -> "MD5";
            default -> null;
        };
    }

    /** Output size in bytes, or 0 when unknown (the bound for maclen and the CHAL_REPLY length). */
    static int size(int nid) {
        return switch (nid) {
            case 672 -> 32;
            case 64 -> 20;
            case 673 -> 48;
            case 674 -> 64;
            case 675 -> 28;
            case 4 -> 16;
            default -> 0;
        };
    }

    /** The CHAL_REPLY value: digest(nid) of the raw challenge bytes. */
    static byte[] challengeReply(int nid, byte[] challenge) {
        try {
            return MessageDigest.getInstance(jcaName(nid)).digest(challenge);
        } catch (NoSuchAlgorithmException | NullPointerException e) {
            throw new IllegalArgumentException("unsupported digest " + nid, e);
        }
    }
}
