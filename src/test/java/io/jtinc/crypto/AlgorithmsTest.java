package io.jtinc.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AlgorithmsTest {
    @Test
    void openSslNamesAndNids() {
        assertEquals(427, Algorithms.cipherByName("aes-256-cbc").orElseThrow().nid());
        assertEquals(427, Algorithms.cipherByName("AES256").orElseThrow().nid());
        assertEquals(419, Algorithms.cipherByName("aes-128-cbc").orElseThrow().nid());
        assertEquals(423, Algorithms.cipherByName("AES-192-CBC").orElseThrow().nid());
        assertEquals(429, Algorithms.cipherByName("aes-256-cfb").orElseThrow().nid());
        assertEquals(906, Algorithms.cipherByName("aes-256-ctr").orElseThrow().nid());
        assertEquals(424, Algorithms.cipherByName("aes-192-ofb").orElseThrow().nid());
        assertEquals(91, Algorithms.cipherByName("blowfish").orElseThrow().nid());
        assertEquals(91, Algorithms.cipherByName("bf-cbc").orElseThrow().nid());
        assertEquals(CipherAlgorithm.NONE, Algorithms.cipherByName("None").orElseThrow());
        assertTrue(Algorithms.cipherByName("rc4").isEmpty());
        assertEquals(Algorithms.AES_256_CBC, Algorithms.cipherByNid(427).orElseThrow());
        assertEquals(CipherAlgorithm.NONE, Algorithms.cipherByNid(0).orElseThrow());
        assertTrue(Algorithms.cipherByNid(92).isEmpty(), "bf-ecb is not offered");

        assertEquals(672, Algorithms.digestByName("sha256").orElseThrow().nid());
        assertEquals(672, Algorithms.digestByName("SHA-256").orElseThrow().nid());
        assertEquals(64, Algorithms.digestByName("sha1").orElseThrow().nid());
        assertEquals(673, Algorithms.digestByName("sha384").orElseThrow().nid());
        assertEquals(674, Algorithms.digestByName("sha512").orElseThrow().nid());
        assertEquals(675, Algorithms.digestByName("sha224").orElseThrow().nid());
        assertEquals(4, Algorithms.digestByName("MD5").orElseThrow().nid());
        assertEquals(DigestAlgorithm.NONE, Algorithms.digestByName("none").orElseThrow());
        assertEquals(DigestAlgorithm.NONE, Algorithms.digestByNid(0).orElseThrow());
        assertTrue(Algorithms.digestByNid(5).isEmpty());
    }

    @Test
    void sizesMatchOpenSsl() {
        assertEquals(48, Algorithms.AES_256_CBC.keyMaterialLength());
        assertEquals(32, Algorithms.AES_128_CBC.keyMaterialLength());
        assertEquals(40, Algorithms.AES_192_CBC.keyMaterialLength());
        assertEquals(24, Algorithms.BF_CBC.keyMaterialLength());
        assertEquals(1, CipherAlgorithm.NONE.keyMaterialLength());
        assertEquals(1, Algorithms.AES_256_CFB.blockSize());
        assertEquals(32, Algorithms.SHA256.size());
        assertEquals(20, Algorithms.SHA1.size());
        assertEquals(64, Algorithms.SHA512.size());
        assertEquals("HmacSHA256", Algorithms.SHA256.hmacAlgorithm());
        assertEquals(1332, Algorithms.AES_256_CBC.ciphertextLength(4 + 1314) + 4);
    }

    @Test
    void hmacEngineMatchesJcaMacForEveryDigestAndKeySize() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        for (DigestAlgorithm d : Algorithms.digests()) {
            if (d.isNone()) {
                continue;
            }
            for (int keyLen : new int[] {1, 24, 48, 64, 128, 200}) {
                byte[] key = new byte[keyLen];
                r.nextBytes(key);
                HmacEngine h = d.newHmac(key);
                Mac mac = Mac.getInstance(d.hmacAlgorithm());
                mac.init(new SecretKeySpec(key, d.hmacAlgorithm()));
                for (int len : new int[] {0, 1, 63, 64, 65, 1500}) {
                    byte[] data = new byte[len + 3];
                    r.nextBytes(data);
                    mac.update(data, 3, len);
                    byte[] want = mac.doFinal();
                    assertArrayEquals(want, h.compute(data, 3, len), d + " key " + keyLen + " len " + len);
                    byte[] tail = Arrays.copyOf(want, 4);
                    assertTrue(h.verify(data, 3, len, tail, 0, 4));
                    tail[3] ^= 1;
                    assertFalse(h.verify(data, 3, len, tail, 0, 4));
                }
            }
        }
    }

    @Test
    void aesEnginesMatchJcaAndRestoreTheIvEveryPacket() throws Exception {
        SplittableRandom r = new SplittableRandom(2);
        for (CipherAlgorithm c : Algorithms.ciphers()) {
            if (c.isNone() || c == Algorithms.BF_CBC) {
                continue;
            }
            byte[] m = new byte[c.keyMaterialLength()];
            r.nextBytes(m);
            CipherEngine e = c.newEngine(true, m);
            Cipher ref = Cipher.getInstance("AES/" + c.mode() + (c.mode().padded() ? "/PKCS5Padding" : "/NoPadding"));
            byte[] in = new byte[100];
            r.nextBytes(in);
            byte[] out = new byte[200];
            for (int round = 0; round < 3; round++) {
                ref.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(m, 0, c.keyLength(), "AES"),
                        new IvParameterSpec(m, c.keyLength(), 16));
                byte[] want = ref.doFinal(in);
                int n = e.process(in, 0, in.length, out, 0);
                assertArrayEquals(want, Arrays.copyOf(out, n), c + " round " + round);
            }
        }
    }

    @Test
    void blowfishEngineMatchesSunJceAndRestoresTheIv() throws Exception {
        byte[] m = new byte[24];
        new SplittableRandom(3).nextBytes(m);
        CipherEngine enc = Algorithms.BF_CBC.newEngine(true, m);
        CipherEngine dec = Algorithms.BF_CBC.newEngine(false, m);
        Cipher ref = Cipher.getInstance("Blowfish/CBC/PKCS5Padding");
        byte[] in = "sixteen bytes!!!and some more".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[64];
        byte[] back = new byte[64];
        for (int round = 0; round < 3; round++) {
            ref.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(m, 0, 16, "Blowfish"), new IvParameterSpec(m, 16, 8));
            byte[] want = ref.doFinal(in);
            int n = enc.process(in, 0, in.length, out, 0);
            assertArrayEquals(want, Arrays.copyOf(out, n));
            assertEquals(in.length, dec.process(out, 0, n, back, 0));
            assertArrayEquals(in, Arrays.copyOf(back, in.length));
        }
        assertEquals(CipherEngine.FAILED, dec.process(out, 0, 7, back, 0));
    }
}
