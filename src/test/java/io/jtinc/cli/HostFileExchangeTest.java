package io.jtinc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.crypto.KeyGenerator;
import io.jtinc.crypto.RsaKeyPem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** jtinc export, export-all, import and exchange, run through the real command line on temporary net dirs. */
class HostFileExchangeTest {
    private static String keyA;
    private static String keyB;

    @TempDir
    Path root;

    /** What one jtinc invocation printed and returned. */
    record Run(int rc, String out, String err) {
    }

    @BeforeAll
    static void keys() throws Exception {
        keyA = RsaKeyPem.publicKeyPem((RSAPublicKey) KeyGenerator.generate(1024).getPublic());
        keyB = RsaKeyPem.publicKeyPem((RSAPublicKey) KeyGenerator.generate(1024).getPublic());
    }

    private Path net(String dir, String name, String hostText) throws Exception {
        Path d = root.resolve(dir);
        Files.createDirectories(d.resolve("hosts"));
        Files.writeString(d.resolve("tinc.conf"), "Name = " + name + "\nMode = switch\n");
        Files.writeString(d.resolve("hosts").resolve(name), hostText);
        return d;
    }

    private static Run jtinc(Path dir, String stdin, String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        InputStream savedIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            String[] all = Stream.concat(Stream.of("-c", dir.toString()), Stream.of(args)).toArray(String[]::new);
            int rc = new CommandLine(new JtincMain()).execute(all);
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
    }

    @Test
    void exportPrefixesTheNameAndImportWritesTheSameFileOnTheOtherNode() throws Exception {
        String hostA = "Address = 192.0.2.1\nSubnet = 10.1.0.0/16\n\n" + keyA;
        Path a = net("a", "alpha", hostA);
        Path b = net("b", "beta", keyB);

        Run export = jtinc(a, "", "export");
        assertEquals(0, export.rc());
        assertEquals("Name = alpha\n" + hostA, export.out());

        Run imp = jtinc(b, export.out(), "import");
        assertEquals(0, imp.rc(), imp.err());
        assertTrue(imp.err().contains("Imported 1 host configuration file."), imp.err());
        assertEquals(hostA, Files.readString(b.resolve("hosts/alpha")));
        // Only the file itself: no temporary file is left behind in hosts/.
        try (Stream<Path> files = Files.list(b.resolve("hosts"))) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void exportAllRoundTripsEveryHostFileAndDropsNameLinesInsideThem() throws Exception {
        Path a = net("a", "alpha", "Port = 656\n" + keyA);
        Files.writeString(a.resolve("hosts/beta"), "# a stray Name line, as some old host files have\n"
                + "Name = beta\n" + keyB);
        Files.writeString(a.resolve("hosts/not-a-node"), "ignored: not a valid node name");
        Path c = root.resolve("c");

        Run all = jtinc(a, "", "export-all");
        assertEquals(0, all.rc(), all.err());
        assertTrue(all.out().contains("\n" + HostFileExchange.SEPARATOR + "\nName = beta\n"), all.out());
        assertFalse(all.out().contains("not-a-node"), all.out());

        Run imp = jtinc(c, all.out(), "import");
        assertEquals(0, imp.rc(), imp.err());
        assertTrue(imp.err().contains("Imported 2 host configuration files."), imp.err());
        assertEquals("Port = 656\n" + keyA, Files.readString(c.resolve("hosts/alpha")));
        assertEquals("# a stray Name line, as some old host files have\n" + keyB,
                Files.readString(c.resolve("hosts/beta")));
    }

    @Test
    void importRefusesToOverwriteWithoutForce() throws Exception {
        Path b = net("b", "beta", keyB);
        Files.writeString(b.resolve("hosts/alpha"), "Address = 198.51.100.7\n" + keyB);
        String input = "Name = alpha\nAddress = 192.0.2.1\n" + keyA;

        Run refused = jtinc(b, input, "import");
        assertEquals(1, refused.rc());
        assertTrue(refused.err().contains("Host configuration file " + b.resolve("hosts/alpha")
                + " already exists, skipping."), refused.err());
        assertTrue(refused.err().contains("No host configuration files imported."), refused.err());
        assertEquals("Address = 198.51.100.7\n" + keyB, Files.readString(b.resolve("hosts/alpha")));

        Run forced = jtinc(b, input, "import", "--force");
        assertEquals(0, forced.rc(), forced.err());
        assertEquals("Address = 192.0.2.1\n" + keyA, Files.readString(b.resolve("hosts/alpha")));
    }

    @Test
    void malformedBlocksAreRejectedWithTheReasonAndGoodOnesStillImported() throws Exception {
        Path b = net("b", "beta", keyB);
        String input = "some mail header\n"
                + "Name = node-one\n" + keyA
                + "Name = ../../etc\n" + keyA
                + "Name = nokey\nAddress = 192.0.2.9\n"
                + "Name = badkey\n-----BEGIN RSA PUBLIC KEY-----\nnot base64 at all!\n-----END RSA PUBLIC KEY-----\n"
                + "Name = badhex\nPublicKey = xyz\n"
                + "Name = good\n" + keyA;

        Run r = jtinc(b, input, "import");
        // One good file is written, but a rejected block makes the exit status say something was wrong.
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("Junk at the beginning of the input, ignoring."), r.err());
        assertTrue(r.err().contains("Invalid Name in input: \"node-one\""), r.err());
        assertTrue(r.err().contains("Invalid Name in input: \"../../etc\""), r.err());
        assertTrue(r.err().contains("Host configuration file for nokey in the input is not valid"), r.err());
        assertTrue(r.err().contains("Host configuration file for badkey in the input is not valid"), r.err());
        assertTrue(r.err().contains("Host configuration file for badhex in the input is not valid"), r.err());
        assertTrue(r.err().contains("Imported 1 host configuration file."), r.err());
        assertEquals(keyA, Files.readString(b.resolve("hosts/good")));
        try (Stream<Path> files = Files.list(b.resolve("hosts"))) {
            assertEquals(2, files.count(), "only beta and good");
        }
        assertFalse(Files.exists(root.resolve("etc")));
    }

    @Test
    void inputWithoutNameOrTooLargeImportsNothing() throws Exception {
        Path b = net("b", "beta", keyB);
        Run none = jtinc(b, keyA, "import");
        assertEquals(1, none.rc());
        assertTrue(none.err().contains("No host configuration files imported."), none.err());

        String huge = "Name = big\n" + "#".repeat(HostFileExchange.MAX_INPUT_BYTES) + "\n" + keyA;
        Run big = jtinc(b, huge, "import");
        assertEquals(1, big.rc());
        assertTrue(big.err().contains("Input is larger than 1048576 bytes; nothing imported"), big.err());
        assertFalse(Files.exists(b.resolve("hosts/big")));

        String fat = "Name = fat\n" + "# padding\n".repeat(7000) + keyA;
        Run oneTooBig = jtinc(b, fat, "import");
        assertEquals(1, oneTooBig.rc());
        assertTrue(oneTooBig.err().contains("Host configuration file for fat is larger than 65536 bytes"),
                oneTooBig.err());
        assertFalse(Files.exists(b.resolve("hosts/fat")));
    }

    @Test
    void exchangeExportsFirstThenImportsSoTwoNodesSwapInOnePipeline() throws Exception {
        Path a = net("a", "alpha", keyA);
        Path b = net("b", "beta", keyB);
        // jtinc -n NET export | ssh b jtinc -n NET exchange | jtinc -n NET import
        Run export = jtinc(a, "", "export");
        Run exchange = jtinc(b, export.out(), "exchange");
        assertEquals(0, exchange.rc(), exchange.err());
        assertEquals("Name = beta\n" + keyB, exchange.out());
        Run imp = jtinc(a, exchange.out(), "import");
        assertEquals(0, imp.rc(), imp.err());
        assertEquals(keyB, Files.readString(a.resolve("hosts/beta")));
        assertEquals(keyA, Files.readString(b.resolve("hosts/alpha")));

        Run all = jtinc(a, "", "exchange-all");
        assertEquals(1, all.rc(), "nothing new on stdin");
        assertTrue(all.out().contains("Name = alpha\n") && all.out().contains("Name = beta\n"), all.out());
    }

    @Test
    void exportWithoutANameInTincConfFails() throws Exception {
        Path d = root.resolve("x");
        Files.createDirectories(d.resolve("hosts"));
        Files.writeString(d.resolve("tinc.conf"), "Mode = switch\n");
        Run r = jtinc(d, "", "export");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("No valid Name in"), r.err());
        assertEquals("", r.out());
    }
}
