package io.jtinc.protocol.meta;

import java.util.Arrays;

/**
 * The meta-stream ciphers by OpenSSL NID (spec §3.3, Appendix B) and tincd's key/IV slicing of the RSA plaintext.
 * Only stream modes work on the meta connection (a block mode would change the length); tincd 1.0.30+ sends
 * aes-*-cfb, OFB and CTR are accepted because they cost nothing.
 */
public final class MetaCiphers {
    public static final int AES_128_CFB = 421;
    public static final int AES_192_CFB = 425;
    public static final int AES_256_CFB = 429;
    static final int IV_LENGTH = 16;

    private MetaCiphers() {
    }

    /** Key length in bytes for a supported NID, or 0 when the NID is unknown or not a stream mode. */
    static int keyLength(int nid) {
        return switch (nid) {
            case 421, 420, 904 -> 16;
            case 425, 424, 905 -> 24;
            case 429, 428, 906 -> 32;
            default -> 0;
        };
    }

    static MetaStreamCipher.Mode mode(int nid) {
        return switch (nid) {
            case 421, 425, 429 -> MetaStreamCipher.Mode.CFB;
            case 420, 424, 428 -> MetaStreamCipher.Mode.OFB;
            case 904, 905, 906 -> MetaStreamCipher.Mode.CTR;
            default -> throw new IllegalArgumentException("unsupported meta cipher " + nid);
        };
    }

    public static boolean isSupported(int nid) {
        return keyLength(nid) > 0;
    }

    /**
     * The NID tincd 1.0.36 announces (net_setup.c:setup_myself) from its UDP Cipher's key length in bytes
     * (0 for Cipher = none, which therefore gets aes-128-cfb): up to 16 → aes-128-cfb, up to 24 → aes-192-cfb,
     * else aes-256-cfb. The default UDP cipher aes-256-cbc (32) gives 429.
     */
    public static int forUdpKeyLength(int udpKeyLength) {
        if (udpKeyLength <= 16) {
            return AES_128_CFB;
        }
        return udpKeyLength <= 24 ? AES_192_CFB : AES_256_CFB;
    }

    /**
     * The stream for one direction: key = the LAST keylen bytes of the RSA plaintext, IV = the 16 bytes before it
     * (protocol_auth.c: outkey + len - keylen, and - ivlen from there).
     */
    static MetaStreamCipher create(int nid, boolean encrypt, byte[] plaintext) {
        int k = keyLength(nid);
        int len = plaintext.length;
        byte[] key = Arrays.copyOfRange(plaintext, len - k, len);
        byte[] iv = Arrays.copyOfRange(plaintext, len - k - IV_LENGTH, len - k);
        try {
            return new MetaStreamCipher(mode(nid), encrypt, key, iv);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
