package io.jtinc.crypto;

/**
 * One keyed cipher context for tinc's UDP packets, in one direction. Every call to {@link #process} starts again
 * from the key's original IV: tincd calls {@code EVP_EncryptInit_ex(ctx, NULL, ...)} before each packet, which
 * restores the IV, so all packets under one key share it (spec §5.1). The seqno in the first block is the only
 * per-packet variation.
 *
 * <p>Not thread-safe: owned by one encoder or decoder, used by one thread. Creating one is costly (key schedule);
 * processing a packet allocates nothing in the BC engine and little or nothing in the JCA one.
 */
public interface CipherEngine {
    /** Result of {@link #process} when the input is not a valid ciphertext (length or padding). */
    int FAILED = -1;

    /**
     * Encrypts or decrypts {@code in[inOff, inOff+len)} into {@code out[outOff, ...)}; the arrays must not overlap.
     * The caller guarantees room for {@code len + blockSize} bytes at {@code outOff}.
     *
     * @return the number of bytes written, or {@link #FAILED} (decryption only: bad length or bad padding). Never
     *     throws for bad input.
     */
    int process(byte[] in, int inOff, int len, byte[] out, int outOff);
}
