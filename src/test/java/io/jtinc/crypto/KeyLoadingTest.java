package io.jtinc.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.ConfigException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLoadingTest {
    @TempDir
    Path dir;

    private final RSAPrivateCrtKey priv = (RSAPrivateCrtKey) Fixtures.smallPair().getPrivate();
    private final RSAPublicKey pub = (RSAPublicKey) Fixtures.smallPair().getPublic();

    private Path privFile(String mode) throws Exception {
        Path f = Files.writeString(dir.resolve("rsa_key.priv"), "\n" + RsaKeyPem.privateKeyPem(priv));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void ownKeyFromPemFileIsChecked() throws Exception {
        RSAPrivateKey k = KeyLoading.ownPrivateKey(Optional.empty(), Optional.empty(), privFile("rw-------"));
        assertInstanceOf(RSAPrivateCrtKey.class, k);
        assertEquals(priv.getPrivateExponent(), k.getPrivateExponent());
        Path loose = privFile("rw-r-----");
        ConfigException e = assertThrows(ConfigException.class,
                () -> KeyLoading.ownPrivateKey(Optional.empty(), Optional.empty(), loose));
        assertTrue(e.getMessage().contains("chmod 600 " + loose), e.getMessage());
    }

    @Test
    void ownKeyHexFormWinsOverTheFile() throws Exception {
        // The file is world-readable: if the hex form were not used first, the permission check would throw.
        RSAPrivateKey k = KeyLoading.ownPrivateKey(Optional.of(priv.getPrivateExponent().toString(16)),
                Optional.of(priv.getModulus().toString(16)), privFile("rw-r--r--"));
        assertEquals(priv.getPrivateExponent(), k.getPrivateExponent());
        assertEquals(priv.getModulus(), k.getModulus());
    }

    @Test
    void ownKeyErrorsSayWhatToDo() {
        ConfigException e = assertThrows(ConfigException.class, () -> KeyLoading.ownPrivateKey(
                Optional.of("abcd"), Optional.empty(), dir.resolve("rsa_key.priv")));
        assertTrue(e.getMessage().startsWith("PrivateKey is set but no PublicKey is"), e.getMessage());
        Path absent = dir.resolve("rsa_key.priv");
        e = assertThrows(ConfigException.class,
                () -> KeyLoading.ownPrivateKey(Optional.empty(), Optional.empty(), absent));
        assertEquals(absent + ": no RSA private key; generate one with jtincd -n NET -K (or set PrivateKeyFile)",
                e.getMessage());
    }

    @Test
    void peerKeyPrecedenceIsHexThenPublicKeyFileThenHostFile() throws Exception {
        RSAPublicKey other = RsaKeyPem.readPublicKey(Fixtures.key("tincd-fixture-1024.host"));
        Path host = Files.writeString(dir.resolve("beta"), "Address = 10.0.0.2\n\n" + RsaKeyPem.publicKeyPem(pub));
        Path keyFile = Files.writeString(dir.resolve("beta.pub"), RsaKeyPem.publicKeyPem(other));

        RSAPublicKey fromHost = KeyLoading.peerPublicKey(Optional.empty(), Optional.empty(), host);
        assertEquals(pub.getModulus(), fromHost.getModulus());

        RSAPublicKey fromFile = KeyLoading.peerPublicKey(Optional.empty(), Optional.of(keyFile), host);
        assertEquals(other.getModulus(), fromFile.getModulus());

        RSAPublicKey fromHex = KeyLoading.peerPublicKey(Optional.of(other.getModulus().toString(16)),
                Optional.of(dir.resolve("absent")), host);
        assertEquals(other.getModulus(), fromHex.getModulus());
        assertEquals(BigInteger.valueOf(0xFFFF), fromHex.getPublicExponent());
    }

    @Test
    void brokenPublicKeyFileDoesNotFallBackToTheHostFile() throws Exception {
        Path host = Files.writeString(dir.resolve("beta"), RsaKeyPem.publicKeyPem(pub));
        Path empty = Files.writeString(dir.resolve("beta.pub"), "");
        ConfigException e = assertThrows(ConfigException.class,
                () -> KeyLoading.peerPublicKey(Optional.empty(), Optional.of(empty), host));
        assertTrue(e.getMessage().startsWith(empty + ": no \"-----BEGIN RSA PUBLIC KEY-----\""), e.getMessage());
    }

    @Test
    void missingPeerKeySaysHowToGetOne() throws Exception {
        Path hosts = Files.createDirectories(dir.resolve("hosts"));
        Path beta = Files.writeString(hosts.resolve("beta"), "Address = 10.0.0.2\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> KeyLoading.peerPublicKey(Optional.empty(), Optional.empty(), beta));
        assertEquals(beta + ": no public key for beta in hosts/beta; run jtincd -n NET -K on beta and copy its "
                + "hosts/beta here", e.getMessage());
        Path gamma = hosts.resolve("gamma");
        e = assertThrows(ConfigException.class,
                () -> KeyLoading.peerPublicKey(Optional.empty(), Optional.empty(), gamma));
        assertTrue(e.getMessage().contains("no host file, so no public key for gamma"), e.getMessage());
    }
}
