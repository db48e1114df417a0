package io.jtinc.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.ConfigException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsaKeyPemTest {
    @TempDir
    Path dir;

    @Test
    void readsTheKeysTincdWrote() throws Exception {
        RSAPrivateCrtKey priv = RsaKeyPem.readPrivateKey(Fixtures.key("tincd-fixture-1024.priv.pem"));
        RSAPublicKey pub = RsaKeyPem.readPublicKey(Fixtures.key("tincd-fixture-1024.host"));
        assertEquals(priv.getModulus(), pub.getModulus());
        assertEquals(1024, pub.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), pub.getPublicExponent());
    }

    @Test
    void writesByteForByteWhatTincdWrote() throws Exception {
        Path privFile = Fixtures.key("tincd-fixture-1024.priv.pem");
        Path hostFile = Fixtures.key("tincd-fixture-1024.host");
        // tincd -K puts one empty line before the PEM; the rest must be identical.
        assertEquals(Fixtures.text(privFile), "\n" + RsaKeyPem.privateKeyPem(RsaKeyPem.readPrivateKey(privFile)));
        String host = Fixtures.text(hostFile);
        String pem = RsaKeyPem.publicKeyPem(RsaKeyPem.readPublicKey(hostFile));
        assertTrue(pem.startsWith("-----BEGIN RSA PUBLIC KEY-----\n"), pem);
        assertEquals("Address = 127.0.0.1\nSubnet = 10.0.0.1/32\n\n" + pem, host);
    }

    @Test
    void skipsKeysThatTincdDisabled() throws Exception {
        RSAPrivateCrtKey first = RsaKeyPem.readPrivateKey(Fixtures.key("tincd-fixture-1024.priv.pem"));
        RSAPrivateCrtKey priv = RsaKeyPem.readPrivateKey(Fixtures.key("tincd-fixture-rekeyed.priv.pem"));
        RSAPublicKey pub = RsaKeyPem.readPublicKey(Fixtures.key("tincd-fixture-rekeyed.host"));
        // The re-keyed files start with the first key as an OLD block: we must get the second key.
        assertNotEquals(first.getModulus(), priv.getModulus());
        assertEquals(priv.getModulus(), pub.getModulus());
    }

    @Test
    void roundTripsGeneratedKeysAndTheyStillWork() throws Exception {
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) Fixtures.smallPair().getPrivate();
        RSAPublicKey pub = (RSAPublicKey) Fixtures.smallPair().getPublic();
        Path p = Files.writeString(dir.resolve("k.priv"), RsaKeyPem.privateKeyPem(priv));
        Path h = Files.writeString(dir.resolve("host"), "Address = 10.0.0.1\n\n" + RsaKeyPem.publicKeyPem(pub));
        RSAPrivateCrtKey priv2 = RsaKeyPem.readPrivateKey(p);
        RSAPublicKey pub2 = RsaKeyPem.readPublicKey(h);
        assertEquals(priv.getPrivateExponent(), priv2.getPrivateExponent());
        assertEquals(priv.getCrtCoefficient(), priv2.getCrtCoefficient());
        assertEquals(pub.getModulus(), pub2.getModulus());
        assertEquals(pub.getPublicExponent(), pub2.getPublicExponent());
        // Raw RSA as the METAKEY uses it: what the read public key encrypts, the read private key decrypts.
        byte[] msg = new byte[128];
        msg[1] = 42;
        Cipher enc = Cipher.getInstance("RSA/ECB/NoPadding");
        enc.init(Cipher.ENCRYPT_MODE, pub2);
        Cipher dec = Cipher.getInstance("RSA/ECB/NoPadding");
        dec.init(Cipher.DECRYPT_MODE, priv2);
        assertEquals(new BigInteger(msg), new BigInteger(dec.doFinal(enc.doFinal(msg))));
    }

    @Test
    void readsPkcs8PrivateAndSpkiPublicKeys() throws Exception {
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) Fixtures.smallPair().getPrivate();
        RSAPublicKey pub = (RSAPublicKey) Fixtures.smallPair().getPublic();
        // The JDK's getEncoded() forms are PKCS#8 and SPKI, exactly what "PRIVATE KEY"/"PUBLIC KEY" hold.
        Path p = Files.writeString(dir.resolve("p8"), PemBlocks.encode("PRIVATE KEY", priv.getEncoded()));
        Path h = Files.writeString(dir.resolve("spki"), "Port = 655\n" + PemBlocks.encode("PUBLIC KEY",
                pub.getEncoded()));
        assertEquals(priv.getPrivateExponent(), RsaKeyPem.readPrivateKey(p).getPrivateExponent());
        assertEquals(pub.getModulus(), RsaKeyPem.readPublicKey(h).getModulus());
    }

    @Test
    void pkcs1PublicKeyWinsOverAnEarlierSpkiBlock() throws Exception {
        RSAPublicKey a = (RSAPublicKey) Fixtures.smallPair().getPublic();
        RSAPublicKey b = RsaKeyPem.readPublicKey(Fixtures.key("tincd-fixture-1024.host"));
        Path h = Files.writeString(dir.resolve("both"),
                PemBlocks.encode("PUBLIC KEY", a.getEncoded()) + "\n" + RsaKeyPem.publicKeyPem(b));
        assertEquals(b.getModulus(), RsaKeyPem.readPublicKey(h).getModulus());
    }

    @Test
    void errorsNameTheFileAndSayWhatIsMissing() throws Exception {
        Path onlyOld = Files.writeString(dir.resolve("old"), "Address = x\n\n-----BEGIN OLD PUBLIC KEY-----\nAAAA\n"
                + "-----END OLD PUBLIC KEY-----\n");
        ConfigException e = assertThrows(ConfigException.class, () -> RsaKeyPem.readPublicKey(onlyOld));
        assertTrue(e.getMessage().startsWith(onlyOld + ": no \"-----BEGIN RSA PUBLIC KEY-----\""), e.getMessage());
        assertTrue(e.getMessage().contains("OLD PUBLIC KEY"), e.getMessage());

        Path missing = dir.resolve("nope");
        e = assertThrows(ConfigException.class, () -> RsaKeyPem.readPrivateKey(missing));
        assertEquals(missing + ": cannot read the RSA private key: no such file", e.getMessage());

        Path truncated = Files.writeString(dir.resolve("trunc"), "-----BEGIN RSA PRIVATE KEY-----\nMIIC\n");
        e = assertThrows(ConfigException.class, () -> RsaKeyPem.readPrivateKey(truncated));
        assertTrue(e.getMessage().contains("no \"-----END RSA PRIVATE KEY-----\" line"), e.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage"), PemBlocks.encode("RSA PRIVATE KEY", new byte[] {
            0x30, 0x03, 0x02, 0x01, 0x00}));
        e = assertThrows(ConfigException.class, () -> RsaKeyPem.readPrivateKey(garbage));
        assertTrue(e.getMessage().contains("not a valid RSA private key"), e.getMessage());
    }

    @Test
    void refusesEncryptedPrivateKeys() throws Exception {
        String body = Fixtures.text(Fixtures.key("tincd-fixture-1024.priv.pem")).strip();
        Path legacy = Files.writeString(dir.resolve("enc"), body.replace("-----\n",
                "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> RsaKeyPem.readPrivateKey(legacy));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
        Path pkcs8 = Files.writeString(dir.resolve("enc8"), PemBlocks.encode("ENCRYPTED PRIVATE KEY", new byte[8]));
        e = assertThrows(ConfigException.class, () -> RsaKeyPem.readPrivateKey(pkcs8));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void hexPublicKeyUsesTincsExponentFfff() {
        RSAPublicKey k = RsaKeyPem.publicKeyFromHex(((RSAPublicKey) Fixtures.smallPair().getPublic()).getModulus()
                .toString(16).toUpperCase());
        assertEquals(BigInteger.valueOf(0xFFFF), k.getPublicExponent());
        assertEquals(((RSAPublicKey) Fixtures.smallPair().getPublic()).getModulus(), k.getModulus());
    }

    @Test
    void hexPrivateKeyDecryptsWhatTheHexPublicKeyEncrypts() throws Exception {
        // Build a genuine e = 0xFFFF key pair so the hex form is exercised end to end.
        BigInteger e = BigInteger.valueOf(0xFFFF);
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(new java.security.spec.RSAKeyGenParameterSpec(1024, e));
        RSAPrivateCrtKey full = (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
        String n = full.getModulus().toString(16);
        RSAPublicKey pub = RsaKeyPem.publicKeyFromHex(n);
        RSAPrivateKey priv = RsaKeyPem.privateKeyFromHex(full.getPrivateExponent().toString(16), n);
        assertFalse(priv instanceof RSAPrivateCrtKey);
        byte[] msg = new byte[128];
        msg[5] = 7;
        Cipher enc = Cipher.getInstance("RSA/ECB/NoPadding");
        enc.init(Cipher.ENCRYPT_MODE, pub);
        Cipher dec = Cipher.getInstance("RSA/ECB/NoPadding");
        dec.init(Cipher.DECRYPT_MODE, priv);
        assertEquals(new BigInteger(msg), new BigInteger(dec.doFinal(enc.doFinal(msg))));
    }

    @Test
    void hexFormsRejectNonHexWithoutEchoingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RsaKeyPem.privateKeyFromHex("secretXYZ", "ABCD"));
        assertFalse(e.getMessage().contains("secretXYZ"), e.getMessage());
        assertInstanceOf(IllegalArgumentException.class,
                assertThrows(IllegalArgumentException.class, () -> RsaKeyPem.publicKeyFromHex("")));
        // Fullwidth digits are digits to Java but not to tincd.
        assertThrows(IllegalArgumentException.class, () -> RsaKeyPem.publicKeyFromHex("\uFF11".repeat(300)));
    }
}
