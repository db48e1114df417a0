package io.jtinc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtincd's command line end to end, in-process: every start-up problem is one line on stderr, exit status 1,
 * no stack trace; key generation writes tincd's files.
 */
class JtincdMainTest {
    @TempDir
    Path net;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return JtincdMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void write(String name, String text) throws Exception {
        Path p = net.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void brokenConfigurationIsOneLineAndExitOne() throws Exception {
        write("tinc.conf", "Name = alpha\nDeviceType = dummy\nMode = bridge\n");
        assertEquals(1, run("-c", net.toString(), "-D"));
        assertEquals(net.resolve("tinc.conf") + " line 3: Mode = bridge is not valid; expected router, switch or hub\n",
                err());
    }

    @Test
    void missingTincConfNamesTheFile() {
        assertEquals(1, run("-c", net.toString(), "-D"));
        assertTrue(err().startsWith(net.resolve("tinc.conf").toString()), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void unsupportedDeviceTypeIsRefusedWithTheLine() throws Exception {
        write("tinc.conf", "Name = alpha\nDeviceType = multicast\nDevice = 224.1.2.3 655\n");
        assertEquals(0, run("-c", net.toString(), "-K1024"));
        err.reset();
        // Refused when the device is opened; with -D the message goes to the log (stderr).
        PrintStream saved = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            io.jtinc.log.Log.setSink(io.jtinc.log.LogSink.stderr());
            assertEquals(1, run("-c", net.toString(), "-D", "--pidfile=" + net.resolve("pid")));
        } finally {
            System.setErr(saved);
            io.jtinc.log.Log.setSink(io.jtinc.log.LogSink.stderr());
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(net.resolve("tinc.conf")
                + " line 2: DeviceType = multicast is not supported by jtinc yet; expected tap, tun or dummy"), log::toString);
        assertTrue(!Files.exists(net.resolve("pid")), "the pid file is removed again");
    }

    @Test
    void privateKeyReadableByOthersIsRefusedWithTheFix() throws Exception {
        write("tinc.conf", "Name = alpha\nDeviceType = dummy\n");
        assertEquals(0, run("-c", net.toString(), "-K1024"));
        Path key = net.resolve("rsa_key.priv");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        err.reset();
        assertEquals(1, run("-c", net.toString(), "-D"));
        assertTrue(err().contains(key.toString()), err());
        assertTrue(err().contains("chmod 600 " + key), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void keygenWritesPrivateKeyAndAppendsToHostFile() throws Exception {
        write("tinc.conf", "Name = alpha\n");
        write("hosts/alpha", "Subnet = 10.0.0.1/32\n");
        assertEquals(0, run("-n", "ignored-because-c-wins", "-c", net.toString(), "-K", "1024"));
        String host = Files.readString(net.resolve("hosts/alpha"));
        assertTrue(host.startsWith("Subnet = 10.0.0.1/32\n"), host);
        assertTrue(host.contains("-----BEGIN RSA PUBLIC KEY-----"), host);
        assertTrue(Files.readString(net.resolve("rsa_key.priv")).contains("-----BEGIN RSA PRIVATE KEY-----"));
        assertTrue(err().contains("Generating 1024 bits keys:"), err());
    }

    @Test
    void keygenWithoutNameWritesRsaKeyPub() throws Exception {
        assertEquals(0, run("-c", net.toString(), "-K1024"));
        assertTrue(Files.readString(net.resolve("rsa_key.pub")).contains("-----BEGIN RSA PUBLIC KEY-----"));
    }

    @Test
    void keySizesOutsideTheProtocolLimitsAreRefused() {
        assertEquals(1, run("-c", net.toString(), "-K16384"));
        assertTrue(err().contains("8192"), err());
        assertTrue(!Files.exists(net.resolve("rsa_key.priv")));
    }

    @Test
    void usageErrorsHelpVersionAndUnsupportedOptions() {
        assertEquals(1, run("--bogus"));
        assertEquals("jtincd: unrecognized option '--bogus'\nTry `jtincd --help' for more information.\n", err());
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--generate-keys[=BITS]"));
        out.reset();
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("jtincd "));
        err.reset();
        assertEquals(1, run("-c", net.toString(), "-R"));
        assertTrue(err().contains("not implemented yet"), err());
    }
}
