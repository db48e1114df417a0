package io.jtinc.protocol.meta;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction of the meta stream: AES in CFB128 (what tincd 1.0.30+ sends), OFB or CTR, as one continuous
 * keystream for the whole connection, processed in place byte by byte.
 * <p>
 * Built on single-block AES/ECB rather than JCA's "AES/CFB/NoPadding" because SunJCE buffers CFB128 input until a
 * full 16-byte block is available; tincd's lines are rarely block-aligned and each must go out (and be read)
 * at once, exactly as OpenSSL's EVP_EncryptUpdate does with num-tracking.
 */
final class MetaStreamCipher {
    enum Mode { CFB, OFB, CTR }

    private static final int BLOCK = 16;

    private final Cipher aes;
    private final Mode mode;
    private final boolean encrypt;
    /** CFB: the last ciphertext block; OFB: the last keystream block; CTR: the next counter. */
    private final byte[] register = new byte[BLOCK];
    private final byte[] keystream = new byte[BLOCK];
    private int used = BLOCK;

    MetaStreamCipher(Mode mode, boolean encrypt, byte[] key, byte[] iv) {
        if (iv.length != BLOCK) {
            throw new IllegalArgumentException("AES needs a 16-byte IV");
        }
        this.mode = mode;
        this.encrypt = encrypt;
        System.arraycopy(iv, 0, register, 0, BLOCK);
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/ECB", e);
        }
    }

    /** Encrypts or decrypts buf[off, off+len) in place, continuing the stream. */
    void update(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (used == BLOCK) {
                nextKeystream();
            }
            byte in = buf[i];
            byte out = (byte) (in ^ keystream[used]);
            buf[i] = out;
            if (mode == Mode.CFB) {
                // The feedback is always the ciphertext byte: our output when encrypting, our input when decrypting.
                register[used] = encrypt ? out : in;
            }
            used++;
        }
    }

    private void nextKeystream() {
        try {
            aes.update(register, 0, BLOCK, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block encryption failed", e);
        }
        if (mode == Mode.OFB) {
            System.arraycopy(keystream, 0, register, 0, BLOCK);
        } else if (mode == Mode.CTR) {
            // OpenSSL increments the whole 128-bit IV as a big-endian counter.
            for (int i = BLOCK - 1; i >= 0; i--) {
                if (++register[i] != 0) {
                    break;
                }
            }
        }
        used = 0;
    }
}
