package io.jtinc.protocol.meta;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;

/**
 * Raw RSA (RSA_NO_PADDING) for the METAKEY: tincd encrypts a random string exactly as long as the modulus whose
 * top bit is cleared. Results are always left-padded to the modulus length: a leading zero byte is part of the
 * key material (BC's RSAEngine would strip it; the JCA and this padding keep it).
 */
final class RawRsa {
    private RawRsa() {
    }

    /** RSA_size(): the modulus length in bytes. */
    static int size(RSAKey key) {
        return (key.getModulus().bitLength() + 7) / 8;
    }

    static byte[] encrypt(RSAPublicKey key, byte[] plaintext) {
        BigInteger c = new BigInteger(1, plaintext).modPow(key.getPublicExponent(), key.getModulus());
        return fixed(c.toByteArray(), size(key));
    }

    /** The plaintext, or null when the ciphertext is not below the modulus (tincd: "Error during decryption"). */
    static byte[] decrypt(RSAPrivateKey key, byte[] ciphertext) {
        if (new BigInteger(1, ciphertext).compareTo(key.getModulus()) >= 0) {
            return null;
        }
        try {
            // The JCA private-key path uses CRT and blinding, unlike a bare modPow with d.
            Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
            rsa.init(Cipher.DECRYPT_MODE, key);
            return fixed(rsa.doFinal(ciphertext), size(key));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Big-endian magnitude of exactly len bytes (drops a sign byte, pads zeros on the left). */
    static byte[] fixed(byte[] magnitude, int len) {
        byte[] out = new byte[len];
        int skip = 0;
        while (magnitude.length - skip > len && magnitude[skip] == 0) {
            skip++;
        }
        int n = magnitude.length - skip;
        if (n > len) {
            throw new IllegalArgumentException("value longer than the modulus");
        }
        System.arraycopy(magnitude, skip, out, len - n, n);
        return out;
    }
}
