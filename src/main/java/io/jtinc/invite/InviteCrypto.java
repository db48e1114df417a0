package io.jtinc.invite;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The primitives of the invitation exchange. Everything derived from the secret goes through a labelled SHA-256,
 * so the file name (sent in the clear as the invitation id) and the key salt (kept in the hub's file) are
 * independent: knowing the id, as an eavesdropper does, gives nothing towards the keys.
 */
public final class InviteCrypto {
    static final int X25519_BYTES = 32;
    static final int GCM_TAG_BITS = 128;

    private InviteCrypto() {
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** base64url without padding; null for anything else (never throws on peer input). */
    public static byte[] unb64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return null;
            }
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] labelled(String label, byte[] secret) {
        return sha256((label + "\0").getBytes(StandardCharsets.US_ASCII), secret);
    }

    /** The invitation's id: its file name on the hub and what the joiner names in its first line. */
    public static String invitationId(byte[] secret) {
        return b64(labelled("jtinc invitation id", secret));
    }

    /** The HKDF salt of the session keys; the hub keeps this in the invitation file instead of the secret. */
    public static byte[] keySalt(byte[] secret) {
        return labelled("jtinc invitation key", secret);
    }

    /** X.509 DER of the key rebuilt from modulus and exponent, so every RSAPublicKey implementation agrees. */
    public static byte[] publicDer(RSAPublicKey key) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(RSAPublicKey key) {
        return b64(sha256(publicDer(key)));
    }

    /** An RSA public key from X.509 DER, or null when the bytes are not one. */
    static RSAPublicKey rsaFromDer(byte[] der) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            return null;
        }
    }

    static int bits(RSAPublicKey key) {
        BigInteger n = key.getModulus();
        return n.bitLength();
    }

    /** A fresh X25519 private key (clamped by the RFC 7748 functions). */
    static byte[] x25519Private(SecureRandom random) {
        byte[] k = new byte[X25519_BYTES];
        X25519.generatePrivateKey(random, k);
        return k;
    }

    static byte[] x25519Public(byte[] privateKey) {
        byte[] p = new byte[X25519_BYTES];
        X25519.generatePublicKey(privateKey, 0, p, 0);
        return p;
    }

    /** The shared secret, or null for a low-order peer key (an all-zero result). */
    static byte[] x25519Agree(byte[] privateKey, byte[] peerPublic) {
        if (peerPublic == null || peerPublic.length != X25519_BYTES) {
            return null;
        }
        byte[] shared = new byte[X25519_BYTES];
        return X25519.calculateAgreement(privateKey, 0, peerPublic, 0, shared, 0) ? shared : null;
    }

    /** RFC 5869 HKDF-SHA256, extract then expand. */
    static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            int done = 0;
            for (int i = 1; done < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, out, done, n);
                done += n;
            }
            Arrays.fill(prk, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AES-256-GCM; each key seals exactly one message per direction, so a fixed nonce is safe. */
    static byte[] seal(byte[] key, byte[] aad, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BITS, new byte[12]));
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plaintext, or null when the tag does not verify (wrong key or tampered bytes). */
    static byte[] open(byte[] key, byte[] aad, byte[] ciphertext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BITS, new byte[12]));
            c.updateAAD(aad);
            return c.doFinal(ciphertext);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the hub's RSA key: " + e.getMessage(), e);
        }
    }

    static boolean verify(RSAPublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
