package io.jtinc.crypto;

import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * bf-cbc (NID 91), the packet cipher of tinc ≤ 1.0.29, for legacy peers. Bouncy Castle's lightweight API (never
 * registered as a JCA provider) rather than SunJCE's "Blowfish": the IV can be restored per packet with
 * {@code ParametersWithIV(null, iv)}, which keeps the key schedule. SunJCE has no such path, its re-init would
 * redo Blowfish's expensive key setup (521 block encryptions) for every packet, and JDK builds are free to drop
 * Blowfish. Note that Debian's tincd 1.0.36 (OpenSSL 3 without the legacy provider) cannot use Blowfish at all.
 */
final class BcBlowfishCbcEngine implements CipherEngine {
    private final BufferedBlockCipher cipher;
    private final boolean encrypt;
    private final ParametersWithIV ivOnly;

    BcBlowfishCbcEngine(CipherAlgorithm algorithm, boolean encrypt, byte[] material) {
        this.encrypt = encrypt;
        this.cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(new BlowfishEngine()),
                new PKCS7Padding());
        byte[] iv = java.util.Arrays.copyOfRange(material, algorithm.keyLength(),
                algorithm.keyLength() + algorithm.ivLength());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(material, 0, algorithm.keyLength()), iv));
        // A null key parameter makes CBCBlockCipher reload the IV and keep the expanded key.
        this.ivOnly = new ParametersWithIV(null, iv);
    }

    @Override
    public int process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (!encrypt && (len % 8 != 0 || len == 0)) {
            return FAILED;
        }
        try {
            cipher.init(encrypt, ivOnly);
            int n = cipher.processBytes(in, inOff, len, out, outOff);
            return n + cipher.doFinal(out, outOff + n);
        } catch (CryptoException | DataLengthException | IllegalStateException e) {
            return FAILED;
        }
    }
}
