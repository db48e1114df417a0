package io.jtinc.protocol.meta;

import io.jtinc.crypto.Hex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jtinc.crypto.KeyGenerator;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Appendix A vectors and cross-checks of the meta crypto against the JCA. */
class MetaCryptoTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] appendixAMaterial() {
        byte[] m = new byte[256];
        for (int i = 0; i < 256; i++) {
            m[i] = (byte) ((7 * i + 3) % 256);
        }
        m[0] &= 0x7F;
        return m;
    }

    @Test
    void appendixAKeyIvSlicingAndCfbStream() {
        byte[] m = appendixAMaterial();
        assertEquals("232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9e0e7eef5fc",
                HEX.formatHex(Arrays.copyOfRange(m, 224, 256)));
        assertEquals("b3bac1c8cfd6dde4ebf2f900070e151c", HEX.formatHex(Arrays.copyOfRange(m, 208, 224)));
        MetaStreamCipher enc = MetaCiphers.create(429, true, m);
        byte[] a = "2 00112233\n".getBytes(StandardCharsets.US_ASCII);
        enc.update(a, 0, a.length);
        assertEquals("c99859d8cff9124108fff3", HEX.formatHex(a));
        byte[] b = "8\n".getBytes(StandardCharsets.US_ASCII);
        enc.update(b, 0, b.length);
        assertEquals("1455", HEX.formatHex(b));

        MetaStreamCipher dec = MetaCiphers.create(429, false, m);
        byte[] both = HEX.parseHex("c99859d8cff9124108fff31455");
        dec.update(both, 0, 5);
        dec.update(both, 5, both.length - 5);
        assertEquals("2 00112233\n8\n", new String(both, StandardCharsets.US_ASCII));
    }

    @Test
    void challengeReplyVector() {
        byte[] ch = new byte[256];
        for (int i = 0; i < 256; i++) {
            ch[i] = (byte) i;
        }
        assertEquals("40AFF2E9D2D8922E47AFD4648E6967497158785FBD1DA870E7110266BF944880",
                Hex.upper(MetaDigests.challengeReply(672, ch)));
    }

    /** Any split of the stream gives what one JCA doFinal gives, for every supported NID and both directions. */
    @Test
    void allModesMatchJcaInArbitraryPieces() throws Exception {
        Random rnd = new Random(42);
        int[][] nids = {{421, 16}, {425, 24}, {429, 32}, {420, 16}, {424, 24}, {428, 32}, {904, 16}, {905, 24},
                {906, 32}};
        for (int[] n : nids) {
            byte[] m = new byte[128];
            rnd.nextBytes(m);
            byte[] plain = new byte[1000];
            rnd.nextBytes(plain);
            String jcaMode = switch (MetaCiphers.mode(n[0])) {
                case CFB -> "CFB";
                case OFB -> "OFB";
                case CTR -> "CTR";
            };
            Cipher jca = Cipher.getInstance("AES/" + jcaMode + "/NoPadding");
            jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(m, 128 - n[1], 128), "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(m, 128 - n[1] - 16, 128 - n[1])));
            byte[] expected = jca.doFinal(plain);
            byte[] ours = plain.clone();
            MetaStreamCipher enc = MetaCiphers.create(n[0], true, m);
            for (int off = 0; off < ours.length; ) {
                int len = Math.min(ours.length - off, rnd.nextInt(40));
                enc.update(ours, off, len);
                off += len;
            }
            assertArrayEquals(expected, ours, "nid " + n[0]);
            MetaStreamCipher dec = MetaCiphers.create(n[0], false, m);
            dec.update(ours, 0, 7);
            dec.update(ours, 7, ours.length - 7);
            assertArrayEquals(plain, ours, "nid " + n[0] + " decrypt");
        }
    }

    @Test
    void outboundCipherFollowsUdpKeyLengthLikeTincd() {
        assertEquals(421, MetaCiphers.forUdpKeyLength(0));
        assertEquals(421, MetaCiphers.forUdpKeyLength(16));
        assertEquals(425, MetaCiphers.forUdpKeyLength(24));
        assertEquals(429, MetaCiphers.forUdpKeyLength(32));
        assertEquals(false, MetaCiphers.isSupported(0));
        assertEquals(false, MetaCiphers.isSupported(427));
        assertEquals(false, MetaCiphers.isSupported(94));
    }

    @Test
    void rawRsaKeepsLeadingZerosAndRefusesValuesAboveTheModulus() throws Exception {
        KeyPair kp = KeyGenerator.generate(1024);
        RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
        RSAPrivateKey priv = (RSAPrivateKey) kp.getPrivate();
        assertEquals(128, RawRsa.size(pub));
        byte[] s = new byte[128];
        new Random(1).nextBytes(s);
        s[0] = 0;
        s[1] = 0;
        byte[] c = RawRsa.encrypt(pub, s);
        assertEquals(128, c.length);
        assertArrayEquals(s, RawRsa.decrypt(priv, c));
        // Raw RSA is textbook RSA: the JCA NoPadding encryption agrees.
        Cipher jca = Cipher.getInstance("RSA/ECB/NoPadding");
        jca.init(Cipher.ENCRYPT_MODE, pub);
        assertArrayEquals(c, RawRsa.fixed(jca.doFinal(s), 128));
        byte[] tooBig = new byte[128];
        Arrays.fill(tooBig, (byte) 0xFF);
        assertNull(RawRsa.decrypt(priv, tooBig));
    }
}
