package io.jtinc.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES through the JDK provider, which uses the AES-NI/ARMv8 intrinsics (several times faster than Bouncy Castle's
 * Java AES). The object is initialised once: JCA's {@code doFinal} resets a CBC/CFB/OFB/CTR cipher to the IV it
 * was initialised with (documented Cipher behaviour, checked by the Appendix A vectors whose second packet only
 * decodes if the IV was restored), which is exactly tincd's per-packet IV restore, without re-running init per
 * packet (init clones key and IV, i.e. allocates).
 */
final class JcaCipherEngine implements CipherEngine {
    private final Cipher cipher;
    private final boolean padded;
    private final int blockSize;
    private final boolean decrypt;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    JcaCipherEngine(CipherAlgorithm algorithm, boolean encrypt, byte[] material) {
        this.decrypt = !encrypt;
        this.padded = algorithm.mode().padded();
        this.blockSize = algorithm.blockSize();
        try {
            key = new SecretKeySpec(material, 0, algorithm.keyLength(), algorithm.jcaAlgorithm());
            iv = new IvParameterSpec(material, algorithm.keyLength(), algorithm.ivLength());
            cipher = Cipher.getInstance(algorithm.jcaTransformation());
            reinit();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise " + algorithm.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        // A padded decryption of a non-block-multiple would throw; reject it without building an exception.
        if (decrypt && padded && (len % blockSize != 0 || len == 0)) {
            return FAILED;
        }
        try {
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException | IllegalStateException e) {
            // BadPaddingException etc., only after a valid MAC (or with MACs disabled). SunJCE does not restore
            // the IV when unpadding fails (seen in tests: the next good packet decrypted wrongly), so re-init.
            try {
                reinit();
            } catch (GeneralSecurityException again) {
                throw new IllegalStateException(again);
            }
            return FAILED;
        }
    }

    private void reinit() throws GeneralSecurityException {
        cipher.init(decrypt ? Cipher.DECRYPT_MODE : Cipher.ENCRYPT_MODE, key, iv);
    }
}
