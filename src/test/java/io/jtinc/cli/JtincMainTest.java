package io.jtinc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JtincMainTest {
    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, String... args) {
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new JtincMain()).execute(args);
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void pidPrintsTheLiveDaemonsPidAndFailsWithoutOne() throws Exception {
        Path pidfile = dir.resolve("pid");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, run(out, "--pidfile=" + pidfile, "pid"));
        long me = ProcessHandle.current().pid();
        Files.writeString(pidfile, me + "\n");
        assertEquals(0, run(out, "--pidfile=" + pidfile, "pid"));
        assertEquals(me + "\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void signalCommandsNeedARunningDaemon() {
        for (String cmd : new String[] {"stop", "reload", "retry"}) {
            assertEquals(1, run(new ByteArrayOutputStream(), "--pidfile=" + dir.resolve("none"), cmd), cmd);
        }
    }

    @Test
    void generateKeysWritesTincdsFiles() throws Exception {
        Files.writeString(dir.resolve("tinc.conf"), "Name = gamma\n");
        assertEquals(0, run(new ByteArrayOutputStream(), "-c", dir.toString(), "generate-keys", "1024"));
        assertTrue(Files.readString(dir.resolve("hosts/gamma")).contains("BEGIN RSA PUBLIC KEY"));
    }
}
