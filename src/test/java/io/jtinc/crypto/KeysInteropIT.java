package io.jtinc.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jtinc.testsupport.Netns;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.Sh;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real tincd 1.0.36 judges our keys, and we read its keys (spec §11.6, success strings from §15.2). */
@Tag("interop")
class KeysInteropIT {
    @TempDir
    Path tmp;

    @Test
    void twoRealTincdsAuthenticateWithKeysJtincGenerated() throws Exception {
        Requirements.requireNetns();
        Path tincd = Requirements.requireTincd();
        Path alpha = node("alpha", 6551, null);
        Path beta = node("beta", 6552, "alpha");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        KeyGenerator.generateAndWrite(2048, alpha.resolve("rsa_key.priv"), alpha.resolve("hosts/alpha"), out);
        KeyGenerator.generateAndWrite(2048, beta.resolve("rsa_key.priv"), beta.resolve("hosts/beta"), out);
        assertEquals("Generating 2048 bits keys:\nDone.\n".repeat(2), printed.toString(StandardCharsets.UTF_8));
        Files.copy(alpha.resolve("hosts/alpha"), beta.resolve("hosts/alpha"));
        Files.copy(beta.resolve("hosts/beta"), alpha.resolve("hosts/beta"));

        Path alphaLog = tmp.resolve("alpha.log");
        Path betaLog = tmp.resolve("beta.log");
        // One namespace of our own: both daemons use its loopback, so no host port is ever touched.
        try (Netns ns = Netns.create("keys")) {
            ns.start(daemon(tincd, alpha), alphaLog);
            ns.start(daemon(tincd, beta), betaLog);
            Pattern alphaSawBeta = Pattern.compile("Connection with beta \\(127\\.0\\.0\\.1 port \\d+\\) activated");
            Pattern betaSawAlpha = Pattern.compile("Connection with alpha \\(127\\.0\\.0\\.1 port 6551\\) activated");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (alphaSawBeta.matcher(read(alphaLog)).find() && betaSawAlpha.matcher(read(betaLog)).find()) {
                    return;
                }
                Thread.sleep(200);
            }
            fail("the two tincd did not activate the connection within 20 s\n--- alpha.log ---\n" + read(alphaLog)
                    + "\n--- beta.log ---\n" + read(betaLog));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 4096})
    void jtincLoadsKeysTincdGenerated(int bits) throws Exception {
        Path tincd = Requirements.requireTincd();
        Path dir = Files.createDirectories(tmp.resolve("t" + bits).resolve("hosts"));
        Path conf = dir.getParent();
        Files.writeString(conf.resolve("tinc.conf"), "Name = gamma\n");
        Files.writeString(dir.resolve("gamma"), "Address = 10.0.0.3\nSubnet = 10.1.0.0/16\n");
        Sh.Result r = Sh.run(List.of(tincd.toString(), "-c", conf.toString(), "-K" + bits), 300);
        assertEquals(0, r.status(), r.output());

        Path priv = conf.resolve("rsa_key.priv");
        KeyFilePermissions.checkPrivate(priv); // tincd writes 0600, which our stricter rule must accept
        RSAPrivateCrtKey k = RsaKeyPem.readPrivateKey(priv);
        RSAPublicKey p = RsaKeyPem.readPublicKey(dir.resolve("gamma"));
        assertEquals(k.getModulus(), p.getModulus());
        assertEquals(bits, p.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), p.getPublicExponent());
        assertEquals(k.getModulus(), KeyLoading.ownPrivateKey(Optional.empty(), Optional.empty(), priv).getModulus());
        assertEquals(k.getModulus(),
                KeyLoading.peerPublicKey(Optional.empty(), Optional.empty(), dir.resolve("gamma")).getModulus());
    }

    @Test
    void opensslAcceptsOurKeyFiles() throws Exception {
        Path openssl = Sh.which("openssl");
        assumeTrue(openssl != null, "openssl is not installed; this mixed check is optional");
        Path priv = tmp.resolve("rsa_key.priv");
        Path host = tmp.resolve("delta");
        Files.writeString(host, "Address = 10.0.0.4\n");
        KeyGenerator.generateAndWrite(2048, priv, host, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        Sh.Result check = Sh.run(openssl.toString(), "rsa", "-check", "-noout", "-in", priv.toString());
        assertEquals(0, check.status(), check.output());
        assertTrue(check.output().contains("RSA key ok"), check.output());
        Sh.Result mod = Sh.run(openssl.toString(), "rsa", "-RSAPublicKey_in", "-in", host.toString(), "-noout",
                "-modulus");
        assertEquals(0, mod.status(), mod.output());
        BigInteger n = RsaKeyPem.readPrivateKey(priv).getModulus();
        assertEquals("Modulus=" + n.toString(16).toUpperCase(), mod.output().strip());
    }

    /** A tincd config dir for one node on the namespace's loopback; the dummy device needs no TAP. */
    private Path node(String name, int port, String connectTo) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("hosts")).getParent();
        Files.writeString(dir.resolve("tinc.conf"), "Name = " + name + "\nDeviceType = dummy\nMode = switch\n"
                + (connectTo == null ? "" : "ConnectTo = " + connectTo + "\n"));
        Path host = Files.writeString(dir.resolve("hosts").resolve(name),
                "Address = 127.0.0.1\nPort = " + port + "\n");
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rw-r--r--"));
        return dir;
    }

    private static List<String> daemon(Path tincd, Path dir) {
        return List.of(tincd.toString(), "-c", dir.toString(), "-D", "-d5", "--pidfile=" + dir.resolve("pid"));
    }

    private static String read(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }
}
