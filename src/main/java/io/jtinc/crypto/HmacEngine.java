package io.jtinc.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC (RFC 2104) over one reused {@link MessageDigest}, writing into a buffer it owns. Why not
 * {@code javax.crypto.Mac}: its {@code doFinal(byte[], int)} builds the result in fresh arrays on every call
 * (HmacCore.engineDoFinal), and this runs for every datagram sent and received. Same work as HmacCore
 * (inner pad, data, outer pad, inner hash), checked against {@code Mac} for every registered digest in tests.
 *
 * <p>Not thread-safe: one per encoder/decoder.
 */
public final class HmacEngine {
    private final MessageDigest md;
    private final byte[] innerPad;
    private final byte[] outerPad;
    private final byte[] result;

    HmacEngine(DigestAlgorithm algorithm, byte[] key) {
        try {
            md = MessageDigest.getInstance(algorithm.jcaDigest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaDigest() + " missing from the JDK", e);
        }
        int block = algorithm.blockSize();
        byte[] k = key.length > block ? md.digest(key) : key;
        innerPad = new byte[block];
        outerPad = new byte[block];
        for (int i = 0; i < block; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        result = new byte[algorithm.size()];
    }

    /** Full digest length. */
    public int size() {
        return result.length;
    }

    /**
     * Computes the HMAC of {@code data[off, off+len)}.
     *
     * @return the engine's own result array (valid until the next call; do not keep or modify it)
     */
    public byte[] compute(byte[] data, int off, int len) {
        try {
            md.reset();
            md.update(innerPad);
            md.update(data, off, len);
            md.digest(result, 0, result.length);
            md.update(outerPad);
            md.update(result);
            md.digest(result, 0, result.length);
            return result;
        } catch (DigestException e) {
            throw new IllegalStateException(e); // cannot happen: result is exactly the digest length
        }
    }

    /**
     * True when the first {@code macLength} bytes of the HMAC of {@code data[off, off+len)} equal
     * {@code mac[macOff, macOff+macLength)}. Constant time in the content (tincd's memcmp_constant_time): an
     * early exit would let an attacker find a valid truncated MAC byte by byte.
     */
    public boolean verify(byte[] data, int off, int len, byte[] mac, int macOff, int macLength) {
        byte[] h = compute(data, off, len);
        int diff = 0;
        for (int i = 0; i < macLength; i++) {
            diff |= h[i] ^ mac[macOff + i];
        }
        return diff == 0;
    }
}
