package io.jtinc.protocol.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.crypto.Algorithms;
import io.jtinc.crypto.CipherAlgorithm;
import io.jtinc.crypto.DigestAlgorithm;
import io.jtinc.protocol.data.AnsKeyCheck.Rejection;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AnsKeyCheckTest {
    static String hex(int bytes) {
        return "AB".repeat(bytes);
    }

    static Rejection rejected(String hex, int c, int d, int mac, int comp) {
        AnsKeyCheck.Result r = AnsKeyCheck.check(hex, c, d, mac, comp);
        assertFalse(r.accepted());
        return r.rejection().orElseThrow();
    }

    @Test
    void acceptsTincdDefaults() {
        AnsKeyCheck.Result r = AnsKeyCheck.check(hex(48).toLowerCase(), 427, 672, 4, 0);
        assertTrue(r.accepted());
        DataKey k = r.key().orElseThrow();
        assertEquals(Algorithms.AES_256_CBC, k.cipher());
        assertEquals(Algorithms.SHA256, k.digest());
        assertEquals(4, k.effectiveMacLength());
        assertEquals(hex(48), k.hexMaterial());
        assertFalse(k.toString().contains("AB"), "toString never shows key material");
    }

    @Test
    void acceptsBlowfishSha1AndCompression() {
        assertTrue(AnsKeyCheck.check(hex(24), 91, 64, 20, 9).accepted());
    }

    @Test
    void wrongKeylength() {
        assertEquals(Rejection.WRONG_KEYLENGTH, rejected(hex(47), 427, 672, 4, 0));
        assertEquals(Rejection.WRONG_KEYLENGTH, rejected(hex(48), 91, 672, 4, 0), "bf-cbc is 16 + 8");
        assertTrue(AnsKeyCheck.check(hex(32), 419, 672, 4, 0).accepted(), "aes-128-cbc is 16 + 16");
    }

    @Test
    void nullCipherNeedsExactlyOneByte() {
        // CVE-2018-16758: a flipped cipher field with the real 96-char key must not downgrade to plaintext.
        assertEquals(Rejection.WRONG_KEYLENGTH, rejected(hex(48), 0, 672, 4, 0));
        AnsKeyCheck.Result r = AnsKeyCheck.check("7F", 0, 672, 4, 0);
        assertTrue(r.accepted());
        assertTrue(r.key().orElseThrow().cipher().isNone());
    }

    @Test
    void unknownAlgorithms() {
        assertEquals(Rejection.UNKNOWN_CIPHER, rejected(hex(48), 999, 672, 4, 0));
        assertEquals(Rejection.UNKNOWN_DIGEST, rejected(hex(48), 427, 1234, 4, 0));
    }

    @Test
    void macLengthBounds() {
        assertEquals(Rejection.BOGUS_MAC_LENGTH, rejected(hex(48), 427, 672, 33, 0));
        assertEquals(Rejection.BOGUS_MAC_LENGTH, rejected(hex(48), 427, 672, -1, 0));
        assertTrue(AnsKeyCheck.check(hex(48), 427, 672, 32, 0).accepted());
        assertTrue(AnsKeyCheck.check(hex(48), 427, 672, 0, 0).accepted());
        assertEquals(Rejection.BOGUS_MAC_LENGTH, rejected(hex(48), 427, 4, 17, 0), "md5 is 16 bytes");
    }

    @Test
    void digestNoneIgnoresTheAnnouncedMacLength() {
        // tincd with Digest = none still sends its MACLength (default 4): "… 427 0 4 0".
        DataKey k = AnsKeyCheck.check(hex(48), 427, 0, 4, 0).key().orElseThrow();
        assertEquals(4, k.macLength());
        assertEquals(0, k.effectiveMacLength());
    }

    @Test
    void compressionBoundsAndLzo() {
        assertEquals(Rejection.BOGUS_COMPRESSION, rejected(hex(48), 427, 672, 4, 12));
        assertEquals(Rejection.BOGUS_COMPRESSION, rejected(hex(48), 427, 672, 4, -1));
        assertEquals(Rejection.LZO_UNSUPPORTED, rejected(hex(48), 427, 672, 4, 10));
        assertEquals(Rejection.LZO_UNSUPPORTED, rejected(hex(48), 427, 672, 4, 11));
        assertTrue(Rejection.LZO_UNSUPPORTED.message("alpha", "10.0.0.1 port 655").contains("LZO"));
    }

    @Test
    void invalidHex() {
        assertEquals(Rejection.INVALID_KEY, rejected("", 427, 672, 4, 0));
        assertEquals(Rejection.INVALID_KEY, rejected(hex(48).substring(1), 427, 672, 4, 0));
        assertEquals(Rejection.INVALID_KEY, rejected("G" + hex(48).substring(1), 427, 672, 4, 0));
        assertEquals(Rejection.INVALID_KEY, rejected("AB".repeat(1025), 427, 672, 4, 0));
    }

    @Test
    void tincdLogWording() {
        assertEquals("Node alpha (10.0.0.1 port 655) uses wrong keylength!",
                Rejection.WRONG_KEYLENGTH.message("alpha", "10.0.0.1 port 655"));
        assertEquals("Node a (h) uses bogus MAC length!", Rejection.BOGUS_MAC_LENGTH.message("a", "h"));
    }

    @Test
    void generatedKeysHaveTheRightShapeAndRoundTripThroughTheCheck() {
        SecureRandom rnd = new SecureRandom();
        for (CipherAlgorithm c : Algorithms.ciphers()) {
            for (DigestAlgorithm d : Algorithms.digests()) {
                DataKey k = DataKey.generate(c, d, d.isNone() ? 4 : Math.min(4, d.size()), 0, rnd);
                String hex = k.hexMaterial();
                assertEquals(2 * c.keyMaterialLength(), hex.length());
                assertEquals(hex.toUpperCase(), hex);
                assertTrue(AnsKeyCheck.check(hex, c.nid(), d.nid(), k.macLength(), 0).accepted(), c + " " + d);
            }
        }
        assertEquals(2, DataKey.generate(CipherAlgorithm.NONE, Algorithms.SHA256, 4, 0, rnd).hexMaterial().length());
        assertThrows(IllegalArgumentException.class,
                () -> DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 10, rnd));
        assertThrows(IllegalArgumentException.class,
                () -> DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 33, 0, rnd));
    }

    @Test
    void generationUsesFreshRandomness() {
        SecureRandom rnd = new SecureRandom();
        assertFalse(DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, rnd).hexMaterial()
                .equals(DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, rnd).hexMaterial()));
    }
}
