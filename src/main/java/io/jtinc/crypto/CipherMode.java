package io.jtinc.crypto;

/**
 * Block cipher modes tinc 1.0 peers can name in ANS_KEY/METAKEY. Only CBC pads (PKCS#7); the others are stream
 * modes (OpenSSL reports block size 1 for them), so the ciphertext is exactly as long as the plaintext.
 */
public enum CipherMode {
    /** No cipher at all ({@code Cipher = none}, NID 0): the "ciphertext" is the plaintext. */
    NONE,
    CBC,
    /** CFB with full-block (128-bit for AES) feedback, OpenSSL's {@code aes-*-cfb}. */
    CFB,
    OFB,
    CTR;

    /** True when the mode pads to whole blocks (PKCS#7), as OpenSSL's EVP does by default for CBC. */
    public boolean padded() {
        return this == CBC;
    }
}
