package io.jtinc.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyGeneratorTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 512, 1023})
    void refusesTooSmallKeysSayingWhy(int bits) {
        ConfigException e = assertThrows(ConfigException.class, () -> KeyGenerator.generate(bits));
        assertEquals("invalid key size " + bits + ": RSA keys smaller than 1024 bits are too weak; use 1024..8192 "
                + "(default 2048)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {8193, 8200, 16384})
    void refusesTooLargeKeysSayingWhy(int bits) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> KeyGenerator.generateAndWrite(bits, dir.resolve("p"), dir.resolve("h"), out));
        assertEquals("invalid key size " + bits + ": RSA keys larger than 8192 bits cannot fit the protocol's "
                + "2176-byte meta lines; use 1024..8192 (default 2048)", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("p")));
    }

    @Test
    void roundsDownToAMultipleOf8AndUsesF4() throws Exception {
        RSAPublicKey pub = (RSAPublicKey) KeyGenerator.generate(1031).getPublic();
        assertEquals(1024, pub.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), pub.getPublicExponent());
        assertEquals(8192, KeyGenerator.checkBits(8192));
        assertEquals(1024, KeyGenerator.checkBits(1024));
    }

    @Test
    void writesLikeTincdKAndPrintsItsTexts() throws Exception {
        Path priv = dir.resolve("rsa_key.priv");
        Path host = Files.createDirectories(dir.resolve("hosts")).resolve("alpha");
        Files.writeString(host, "Address = 127.0.0.1\n");
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rw-r--r--"));

        KeyGenerator.generateAndWrite(1028, priv, host, out);

        assertEquals("Generating 1024 bits keys:\nDone.\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(host)));
        String p = Files.readString(priv);
        String h = Files.readString(host);
        assertTrue(p.startsWith("\n-----BEGIN RSA PRIVATE KEY-----\n"), p.substring(0, 40));
        assertTrue(h.startsWith("Address = 127.0.0.1\n\n-----BEGIN RSA PUBLIC KEY-----\n"), h);
        assertEquals(RsaKeyPem.readPrivateKey(priv).getModulus(), RsaKeyPem.readPublicKey(host).getModulus());
    }

    @Test
    void secondRunDisablesOldKeysInTincdsFormAndWarnsPerFile() throws Exception {
        Path priv = dir.resolve("rsa_key.priv");
        Path host = dir.resolve("fixture");
        Files.writeString(host, "Address = 127.0.0.1\nSubnet = 10.0.0.1/32\n");
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rw-r--r--"));
        KeyGenerator.generateAndWrite(1024, priv, host, out);
        BigInteger first = RsaKeyPem.readPrivateKey(priv).getModulus();
        bytes.reset();

        KeyGenerator.generateAndWrite(1024, priv, host, out);

        assertEquals("Generating 1024 bits keys:\nDone.\nWarning: old key(s) found and disabled.\n"
                + "Warning: old key(s) found and disabled.\n", bytes.toString(StandardCharsets.UTF_8));
        // Same layout as tincd's own files after two -K runs (only the base64 lines differ).
        assertEquals(skeleton(Fixtures.text(Fixtures.key("tincd-fixture-rekeyed.priv.pem"))),
                skeleton(Files.readString(priv)));
        assertEquals(skeleton(Fixtures.text(Fixtures.key("tincd-fixture-rekeyed.host"))),
                skeleton(Files.readString(host)));
        BigInteger second = RsaKeyPem.readPrivateKey(priv).getModulus();
        assertNotEquals(first, second);
        assertEquals(second, RsaKeyPem.readPublicKey(host).getModulus());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        // Deliberate difference: tincd leaves a rewritten host file at 0600; we keep the operator's mode.
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(host)));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("fixture", "rsa_key.priv"), left.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "no temporary files may be left behind");
        }
    }

    @Test
    void existingPrivateKeyFileIsNarrowedTo0600() throws Exception {
        Path priv = Files.writeString(dir.resolve("rsa_key.priv"), "# notes\n");
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-r--r--"));
        KeyGenerator.generateAndWrite(1024, priv, dir.resolve("rsa_key.pub"), out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertTrue(Files.readString(priv).startsWith("# notes\n\n-----BEGIN RSA PRIVATE KEY-----\n"));
    }

    @Test
    void newFilesAre0600EvenUnderUmask000() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path priv = dir.resolve("rsa_key.priv");
        Path pub = dir.resolve("rsa_key.pub");
        Process p = new ProcessBuilder("sh", "-c", "umask 000 && exec \"$0\" -cp \"$1\" io.jtinc.crypto.KeyGenProbe"
                + " 1024 \"$2\" \"$3\"", java, System.getProperty("java.class.path"), priv.toString(), pub.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        // Control: the umask really was 000 in the child (a file it would create plainly would be 0666).
        Process ctl = new ProcessBuilder("sh", "-c", "umask 000 && : > \"$0\"", dir.resolve("ctl").toString()).start();
        assertTrue(ctl.waitFor(10, TimeUnit.SECONDS));
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ctl"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
    }

    @Test
    void missingHostsDirectoryIsAConfigError() {
        Path host = dir.resolve("hosts").resolve("alpha");
        ConfigException e = assertThrows(ConfigException.class,
                () -> KeyGenerator.generateAndWrite(1024, dir.resolve("rsa_key.priv"), host, out));
        assertTrue(e.getMessage().startsWith(host + ": cannot write the key"), e.getMessage());
    }

    /** The file with base64 lines blanked: empty lines, other lines and BEGIN/END lines, in order. */
    private static String skeleton(String text) {
        StringBuilder b = new StringBuilder();
        boolean inBlock = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-----BEGIN ")) {
                inBlock = true;
                b.append(line).append('\n');
            } else if (line.startsWith("-----END ")) {
                inBlock = false;
                b.append(line).append('\n');
            } else if (!inBlock) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
