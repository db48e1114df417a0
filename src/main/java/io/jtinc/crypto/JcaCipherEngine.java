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
    private final byte[] lastBlock;

    JcaCipherEngine(CipherAlgorithm algorithm, boolean encrypt, byte[] material) {
        this.decrypt = !encrypt;
        this.padded = algorithm.mode().padded();
        this.blockSize = algorithm.blockSize();
        this.lastBlock = new byte[blockSize];
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
            if (!padded) {
                return cipher.doFinal(in, inOff, len, out, outOff);
            }
            return decrypt ? decryptAndUnpad(in, inOff, len, out, outOff) : padAndEncrypt(in, inOff, len, out, outOff);
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

    /*
     * PKCS#7 is done here over "AES/CBC/NoPadding" because SunJCE's PKCS5Padding decryption allocates a
     * ciphertext-sized buffer per call (measured: ~2.8 KB per 1400-byte packet), while NoPadding allocates nothing.
     */
    private int padAndEncrypt(byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException {
        int full = len - len % blockSize;
        int n = full > 0 ? cipher.update(in, inOff, full, out, outOff) : 0;
        int rest = len - full;
        byte pad = (byte) (blockSize - rest);
        System.arraycopy(in, inOff + full, lastBlock, 0, rest);
        java.util.Arrays.fill(lastBlock, rest, blockSize, pad);
        return n + cipher.doFinal(lastBlock, 0, blockSize, out, outOff + n);
    }

    private int decryptAndUnpad(byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException {
        int n = cipher.doFinal(in, inOff, len, out, outOff);
        int pad = out[outOff + n - 1] & 0xff;
        if (pad < 1 || pad > blockSize) {
            return FAILED;
        }
        int bad = 0;
        for (int i = n - pad; i < n; i++) {
            bad |= (out[outOff + i] & 0xff) ^ pad;
        }
        return bad == 0 ? n - pad : FAILED;
    }

    private void reinit() throws GeneralSecurityException {
        cipher.init(decrypt ? Cipher.DECRYPT_MODE : Cipher.ENCRYPT_MODE, key, iv);
    }
}
